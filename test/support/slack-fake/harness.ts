/**
 * The whole Slack path in one process: the loopback Slack fake, the real bot process
 * (`runServe`) with the real Slack adapter over Bolt, the bot core on the test Redis, and
 * optionally the real worker, so a paste gets a real simulated answer.
 */
import { createServer } from "node:net";
import { Writable } from "node:stream";
import { createSlackAdapter, type SlackAdapter } from "../../../src/adapters/slack/index.js";
import { RedisInstallationStore } from "../../../src/adapters/slack/installation-store.js";
import { createRedisBot } from "../../../src/bot/redis-bot.js";
import { loadConfig } from "../../../src/config.js";
import { createLogger } from "../../../src/core/logger.js";
import { createRedis } from "../../../src/jobs/connection.js";
import { runServe, type ServeHandle } from "../../../src/server/serve.js";
import { defaultContent } from "../../../src/tutor/content.js";
import { runWorker, type WorkerHandle } from "../../../worker/index.js";
import { testEnv } from "../../jobs/support/loopback.js";
import { SIGNING_SECRET } from "./signed.js";
import { CLIENT_ID, CLIENT_SECRET, SlackFake } from "./slack-fake.js";

/** The state secret of distributed test setups. */
export const STATE_SECRET = "test-state-secret-0123456789";

/** A running Slack setup. */
export interface SlackHarness {
  fake: SlackFake;
  adapter: SlackAdapter;
  serve: ServeHandle;
  /** `http://127.0.0.1:<port>/slack/events` in HTTP mode. */
  eventsUrl: string;
  /** `http://127.0.0.1:<port>` of the install pages (with `oauth`). */
  pagesUrl: string;
  /** The installations (with `oauth`). */
  installations?: RedisInstallationStore;
  /** Log lines (parsed pino JSON) of the bot process. */
  logs: Array<Record<string, unknown>>;
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP port free right now on 127.0.0.1 (Socket Mode's install server takes no port 0 we could read back). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts fake, bot and (unless `worker: false`) worker; `now` is the bot's clock (tutor and
 * channel drills), default the system clock. With `oauth` the app is distributed: no bot token,
 * installs through the install pages into the Redis installation store.
 */
export async function startSlack(
  redisUrl: string,
  prefix: string,
  o: { mode: "http" | "socket"; worker?: boolean; now?: () => Date; oauth?: boolean },
): Promise<SlackHarness> {
  const fake = new SlackFake();
  await fake.start();
  const env = testEnv(redisUrl, prefix, {
    ...(o.oauth
      ? { SLACK_CLIENT_ID: CLIENT_ID, SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_STATE_SECRET: STATE_SECRET }
      : { SLACK_BOT_TOKEN: "xoxb-test" }),
    ...(o.mode === "http" ? { SLACK_SIGNING_SECRET: SIGNING_SECRET } : { SLACK_APP_TOKEN: "xapp-test" }),
  });
  const config = loadConfig(env);
  const logs: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n"))
        if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = createLogger({ level: "info", name: "bot", destination });
  const redis = createRedis(redisUrl, { name: "slack-test-bot" });
  const content = defaultContent();
  const slack = config.slack;
  if (!slack) throw new Error("no Slack config");
  const installations = o.oauth ? new RedisInstallationStore(redis, prefix) : undefined;
  const adapter = createSlackAdapter({
    settings: slack,
    bot: (ctx) =>
      createRedisBot({
        redis,
        prefix,
        content,
        producer: ctx.producer,
        queues: ctx.queues,
        logger: ctx.logger,
        ...(o.now ? { now: o.now } : {}),
      }),
    http: { port: o.oauth && o.mode === "socket" ? await freePort() : 0, host: "127.0.0.1" },
    ...(installations ? { installations } : {}),
    slackApiUrl: fake.apiUrl,
    retries: 0,
  });
  const serve = await runServe(config, { adapters: [adapter], logger });
  let worker: WorkerHandle | undefined;
  const startWorker = async () => {
    worker ??= await runWorker(config, { logger: createLogger({ level: "silent" }) });
  };
  if (o.worker !== false) await startWorker();
  return {
    fake,
    adapter,
    serve,
    eventsUrl: `http://127.0.0.1:${adapter.port()}/slack/events`,
    pagesUrl: `http://127.0.0.1:${adapter.port()}`,
    ...(installations ? { installations } : {}),
    logs,
    startWorker,
    close: async () => {
      await serve.close();
      await worker?.close();
      await redis.quit();
      await fake.stop();
    },
  };
}

/** Texts of a Web API call's blocks (section, header and context texts). */
export function blockTexts(args: Record<string, unknown>): string[] {
  const blocks = (args.blocks ?? []) as Array<{ text?: { text: string }; elements?: Array<{ text?: unknown }> }>;
  return blocks.flatMap((b) => [
    ...(b.text ? [b.text.text] : []),
    ...(b.elements ?? []).flatMap((e) => (typeof e.text === "string" ? [e.text] : [])),
  ]);
}

/** Action ids of a Web API call's buttons. */
export function buttonIds(args: Record<string, unknown>): string[] {
  const blocks = (args.blocks ?? []) as Array<{ type: string; elements?: Array<{ action_id?: string }> }>;
  return blocks.filter((b) => b.type === "actions").flatMap((b) => (b.elements ?? []).map((e) => e.action_id ?? ""));
}
