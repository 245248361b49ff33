/**
 * The `podsensei` command: `simulate` (the CONTRACT.md simulator), `chat` (the console tutor,
 * also `npm start`), `serve` (the chat bot), `worker` (the job worker), `content` (content stats
 * and checks), `discord register` (the Discord application commands).
 */

import { runWorker } from "../worker/index.js";
import { runConsole } from "./adapters/console/index.js";
import { runRegister } from "./adapters/discord/commands.js";
import { createDiscordAdapter } from "./adapters/discord/index.js";
import { slackServeAdapter } from "./adapters/slack/serve.js";
import { createRedisChannelDrills } from "./bot/redis-bot.js";
import { contentCommand } from "./cli/content-command.js";
import { simulateCommand } from "./cli/simulate-command.js";
import { type Config, ConfigError, loadConfig } from "./config.js";
import type { Logger } from "./core/logger.js";
import { createRedis } from "./jobs/connection.js";
import { openQueues } from "./jobs/queue-set.js";
import { type Closable, EX_CONFIG, runUntilSignal } from "./server/lifecycle.js";
import { runServe, type ServeAdapter } from "./server/serve.js";
import { defaultContent } from "./tutor/content.js";

const USAGE = `usage: podsensei <command> [options]

commands:
  simulate [FILE ...]   predict what a cluster does with manifests (see --help)
  chat                  the console tutor (same as npm start)
  content stats|check   curriculum counts; re-simulate every drill against its answer
  serve                 the chat bot (Slack and/or Discord, by their tokens; needs REDIS_URL)
  worker                the simulation and channel-drill worker (needs REDIS_URL)
  discord register [--guild ID]
                        register the /kube commands with Discord (globally, or in one guild)
`;

/** The chat adapters the configuration enables: Slack and/or Discord, in one process. */
function serveAdapters(config: Config): ServeAdapter[] {
  const adapters: ServeAdapter[] = [];
  const slack = slackServeAdapter(config, { port: config.slack?.port });
  if (slack) adapters.push(slack);
  const d = config.discord;
  if (d)
    adapters.push(
      createDiscordAdapter({
        token: d.token,
        redisUrl: config.redisUrl,
        prefix: config.queuePrefix,
        messageContent: d.messageContent,
        ...(d.shards ? { shards: d.shards } : {}),
        ...(d.shardCount !== undefined ? { shardCount: d.shardCount } : {}),
      }),
    );
  return adapters;
}

/** The worker with channel drills: their posts and reveals are the `drill` queue's jobs. */
async function startWorker(config: Config, logger: Logger): Promise<Closable> {
  const redis = createRedis(config.redisUrl, { name: "podsensei-drills" });
  const queues = openQueues(redis, config.queuePrefix);
  const shut = async () => {
    await queues.close();
    await redis.quit().catch(() => undefined);
  };
  try {
    const drills = createRedisChannelDrills({
      redis,
      prefix: config.queuePrefix,
      content: defaultContent(),
      queues,
      logger: logger.child({ component: "drills" }),
    });
    const worker = await runWorker(config, { logger, drills: drills.source, drillFailed: drills.failed });
    return {
      close: async () => {
        await worker.close();
        await shut();
      },
    };
  } catch (err) {
    await shut();
    throw err;
  }
}

/** `podsensei discord register [--guild ID]`. */
async function discordCommand(args: string[], io: { stdout(t: string): void; stderr(t: string): void }) {
  const [sub, ...rest] = args;
  if (sub !== "register") {
    io.stderr("usage: podsensei discord register [--guild GUILD_ID]\n");
    return 2;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr(`podsensei discord: ${err.message}\n`);
    return EX_CONFIG;
  }
  const lines: string[] = [];
  const code = await runRegister(rest, config.discord, (line) => lines.push(`${line}\n`));
  for (const line of lines) (code === 0 ? io.stdout : io.stderr)(line);
  return code;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const io = { stdout: (t: string) => process.stdout.write(t), stderr: (t: string) => process.stderr.write(t) };
  switch (command) {
    case "simulate":
      return simulateCommand(rest, io);
    case "chat":
      await runConsole({ input: process.stdin, output: process.stdout });
      return 0;
    case "content":
      return contentCommand(rest, io);
    case "serve":
      return runUntilSignal("bot", (config, logger) => runServe(config, { logger, adapters: serveAdapters(config) }));
    case "worker":
      return runUntilSignal("worker", startWorker);
    case "discord":
      return discordCommand(rest, io);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.stderr(`error: unknown command ${JSON.stringify(command)}\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 70;
  },
);
