/**
 * The Slack adapter: the tutor and the simulator inside a Slack workspace, over Bolt. Socket Mode
 * by default (no public URL: set SLACK_APP_TOKEN); HTTP mode (Events API with request signatures
 * checked: a bad signature gets 401, is logged, and does nothing) when only SLACK_SIGNING_SECRET
 * is set. This folder is the only place that imports `@slack/bolt`.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App } from "@slack/bolt";
import type { Bot } from "../../bot/bot.js";
import { PodsenseiError } from "../../core/errors.js";
import { createLogger, type Logger } from "../../core/logger.js";
import type { AdapterContext, ServeAdapter } from "../../server/serve.js";
import { boltLogger } from "./bolt-logger.js";
import { registerListeners } from "./listeners.js";
import { sendReply } from "./send.js";

/** Slack credentials, as `Config.slack` holds them. */
export interface SlackSettings {
  /** Bot token, `xoxb-…`. */
  botToken: string;
  /** Signing secret: HTTP mode. */
  signingSecret?: string;
  /** App-level token, `xapp-…`: Socket Mode. */
  appToken?: string;
}

/** Options of {@link createSlackAdapter}. */
export interface SlackAdapterOptions {
  settings: SlackSettings;
  /** Builds the bot core once the bot process has started (it needs the producer). */
  bot: (ctx: AdapterContext) => Bot | Promise<Bot>;
  /** Where HTTP mode listens; default port 3000 on all interfaces. Ignored in Socket Mode. */
  http?: { port: number; host?: string };
  /** Web API base URL; default `https://slack.com/api/` (tests point it at a loopback fake). */
  slackApiUrl?: string;
  /** Web API retries on 5xx and network errors; default Slack's (about 10 over 30 minutes). */
  retries?: number;
  /** Bot ids; when both are given no `auth.test` call is made at start. */
  botId?: string;
  botUserId?: string;
  /** Logger until `start` hands over the process logger; default silent until then. */
  logger?: Logger;
}

/** The Slack adapter as the bot process runs it. */
export interface SlackAdapter extends ServeAdapter {
  /** `socket` or `http`. */
  readonly mode: "socket" | "http";
  /** The HTTP port once started in HTTP mode. */
  port(): number | undefined;
}

/** The mode the settings choose: Socket Mode whenever an app-level token is there. */
export function slackMode(settings: SlackSettings): "socket" | "http" {
  return settings.appToken ? "socket" : "http";
}

/** Creates the adapter; `start` connects, `send` posts replies (usable before `start`). */
export function createSlackAdapter(o: SlackAdapterOptions): SlackAdapter {
  const mode = slackMode(o.settings);
  if (mode === "http" && !o.settings.signingSecret) throw new PodsenseiError("SLACK_SIGNING_SECRET_MISSING");
  let logger: Logger = o.logger ?? createLogger({ level: "silent" });
  const current = (): Logger => logger;
  const apiUrl = o.slackApiUrl ?? "https://slack.com/api/";
  const clientOptions = {
    slackApiUrl: apiUrl,
    ...(o.retries !== undefined ? { retryConfig: { retries: o.retries } } : {}),
  };
  const app = new App({
    token: o.settings.botToken,
    ...(mode === "socket"
      ? { socketMode: true, appToken: o.settings.appToken as string }
      : { signingSecret: o.settings.signingSecret as string }),
    ...(o.botId ? { botId: o.botId } : {}),
    ...(o.botUserId ? { botUserId: o.botUserId } : {}),
    clientOptions,
    logger: boltLogger(current),
    deferInitialization: true,
  });
  let bot: Bot | undefined;
  registerListeners(app, {
    bot: () => {
      if (!bot) throw new PodsenseiError("SLACK_NOT_STARTED");
      return bot;
    },
    token: o.settings.botToken,
    apiOrigin: new URL(apiUrl).origin,
    logger: current,
  });
  let server: Server | undefined;
  let started = false;

  return {
    platform: "slack",
    mode,
    port: () => (server?.address() as AddressInfo | null)?.port,
    send: async (address, reply) => {
      await sendReply(app.client, address, reply);
    },
    async start(ctx) {
      logger = ctx.logger;
      bot = await o.bot(ctx);
      await app.init();
      if (mode === "socket") await app.start();
      else {
        const listen = { port: o.http?.port ?? 3000, ...(o.http?.host ? { host: o.http.host } : {}) };
        server = (await app.start(listen)) as Server;
      }
      started = true;
      ctx.logger.info({ mode, port: server ? (server.address() as AddressInfo).port : undefined }, "slack connected");
    },
    async stop() {
      if (started) await app.stop();
      started = false;
    },
  };
}
