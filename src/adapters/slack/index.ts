/**
 * The Slack adapter: the tutor and the simulator inside a Slack workspace, over Bolt. Socket Mode
 * by default (no public URL: set SLACK_APP_TOKEN); HTTP mode (Events API with request signatures
 * checked: a bad signature gets 401, is logged, and does nothing) when only SLACK_SIGNING_SECRET
 * is set. With one bot token (SLACK_BOT_TOKEN) it serves one workspace; with the OAuth
 * credentials (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET) it can be installed into
 * any number of workspaces through `/slack/install`, each install kept in Redis
 * (`installation-store.ts`), and every event and every delivered reply speaks with the bot token
 * of its own workspace. This folder is the only place that imports `@slack/bolt`.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, type AppOptions } from "@slack/bolt";
import type { Bot } from "../../bot/bot.js";
import type { SlackOAuthConfig } from "../../config.js";
import { PodsenseiError } from "../../core/errors.js";
import { createLogger, type Logger } from "../../core/logger.js";
import type { RequestLock } from "../../jobs/request-lock.js";
import type { AdapterContext, ServeAdapter } from "../../server/serve.js";
import { boltLogger } from "./bolt-logger.js";
import type { RedisInstallationStore } from "./installation-store.js";
import { registerListeners } from "./listeners.js";
import { callbackPages, INSTALL_PATH, REDIRECT_PATH } from "./oauth-pages.js";
import { BOT_SCOPES } from "./scopes.js";
import { sendReply } from "./send.js";
import { registerUninstall } from "./uninstall.js";
import { type ClientFor, installedClients, singleClient } from "./workspace-client.js";

/**
 * Slack credentials, as `Config.slack` holds them: a bot token (`xoxb-…`, one workspace) or the
 * OAuth credentials (installs into many workspaces); a signing secret for HTTP mode, an
 * app-level token (`xapp-…`) for Socket Mode.
 */
export type SlackSettings = { signingSecret?: string; appToken?: string } & (
  | { botToken: string; oauth?: undefined }
  | { oauth: SlackOAuthConfig; botToken?: undefined }
);

/** Options of {@link createSlackAdapter}. */
export interface SlackAdapterOptions {
  settings: SlackSettings;
  /** Builds the bot core once the bot process has started (it needs the producer). */
  bot: (ctx: AdapterContext) => Bot | Promise<Bot>;
  /**
   * Where HTTP mode listens; default port 3000 on all interfaces. In Socket Mode only the
   * install pages listen, on this port (on all interfaces: Bolt's Socket Mode receiver takes no host).
   */
  http?: { port: number; host?: string };
  /** Where installs are kept; required with `settings.oauth`. */
  installations?: RedisInstallationStore;
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
  /** `oauth` when installed per workspace through `/slack/install`, `token` with one bot token. */
  readonly distribution: "oauth" | "token";
  /** The HTTP port once started in HTTP mode (or in Socket Mode with installs, the install pages'). */
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
  const { oauth } = o.settings;
  const store = o.installations;
  if (oauth && !store) throw new PodsenseiError("SLACK_INSTALLATION_STORE_MISSING");
  const installPort = o.http?.port ?? 3000;
  const app = new App({
    ...(oauth && store
      ? installerOptions(oauth, store, mode === "socket" ? installPort : undefined, current)
      : { token: o.settings.botToken }),
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
  let answering: RequestLock | undefined;
  if (store) {
    // A workspace of an org-wide install has no record of its own: link it on its first
    // authorized event, so replies delivered later find the organisation's token.
    app.use(async ({ context, next }) => {
      const { teamId, enterpriseId } = context;
      if (context.isEnterpriseInstall && context.botToken && teamId && enterpriseId)
        await store.linkTeam(teamId, enterpriseId).catch((err: unknown) => {
          current().warn({ err, team: teamId }, "could not link a Slack workspace to its organisation");
        });
      await next();
    });
    registerUninstall(app, store, current);
  }
  registerListeners(app, {
    bot: () => {
      if (!bot) throw new PodsenseiError("SLACK_NOT_STARTED");
      return bot;
    },
    answering: () => {
      if (!answering) throw new PodsenseiError("SLACK_NOT_STARTED");
      return answering;
    },
    apiOrigin: new URL(apiUrl).origin,
    logger: current,
  });
  const clientFor: ClientFor = store ? installedClients(store, clientOptions) : singleClient(app.client);
  let server: Server | undefined;
  let started = false;
  const port = () =>
    server
      ? (server.address() as AddressInfo | null)?.port
      : oauth && started && mode === "socket"
        ? installPort
        : undefined;

  return {
    platform: "slack",
    mode,
    distribution: oauth ? "oauth" : "token",
    port,
    send: async (address, reply) => {
      await sendReply(await clientFor(address.workspace), address, reply);
    },
    async start(ctx) {
      logger = ctx.logger;
      answering = ctx.answering;
      bot = await o.bot(ctx);
      await app.init();
      if (mode === "socket") await app.start();
      else {
        const listen = { port: o.http?.port ?? 3000, ...(o.http?.host ? { host: o.http.host } : {}) };
        server = (await app.start(listen)) as Server;
      }
      started = true;
      const distribution = oauth ? "oauth" : "token";
      ctx.logger.info({ mode, distribution, port: port() }, "slack connected");
    },
    async stop() {
      if (started) await app.stop();
      started = false;
    },
  };
}

/**
 * Bolt's OAuth options: the install page and redirect (Bolt's default paths, in HTTP mode on the
 * events server, in Socket Mode on a small server of its own at `socketPort`), the state signed
 * with the state secret and pinned to the browser by a cookie, our pages at the end, and the store.
 */
function installerOptions(
  oauth: SlackOAuthConfig,
  store: RedisInstallationStore,
  socketPort: number | undefined,
  logger: () => Logger,
): AppOptions {
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: [...BOT_SCOPES],
    installationStore: store,
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      directInstall: true,
      callbackOptions: callbackPages((error) => {
        logger().warn({ code: error.code, reason: error.message }, "a Slack installation did not complete");
      }),
      ...(socketPort !== undefined ? { port: socketPort } : {}),
    },
  };
}
