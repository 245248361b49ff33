/**
 * The Discord adapter: a discord.js gateway client (sharded by configuration) that turns slash
 * commands, buttons, the YAML form, the message context-menu command, DMs, mentions and
 * ```yaml blocks into `IncomingMessage`s for the bot core, and a sender that delivers replies
 * through pending interactions' tokens or to channels. This folder is the only place that
 * imports discord.js. Reconnects and session resumes are discord.js's own (logged here).
 */
import { Client, Events, GatewayIntentBits, Partials } from "discord.js";
import type { Redis } from "ioredis";
import { createRedisBot } from "../../bot/redis-bot.js";
import { PodsenseiError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";
import type { ReplySender } from "../../core/ports.js";
import { createRedis } from "../../jobs/connection.js";
import type { AdapterContext, ServeAdapter } from "../../server/serve.js";
import { defaultContent } from "../../tutor/content.js";
import type { Content } from "../../tutor/content-schema.js";
import { createHandlers } from "./handlers.js";
import { InteractionStore } from "./interactions.js";
import type { AttachmentFetcher } from "./parse.js";
import { discordSender } from "./send.js";

/** Settings of {@link createDiscordAdapter}. */
export interface DiscordSettings {
  /** Bot token. */
  token: string;
  /** Redis holding the bot's state and pending interactions (the queues' Redis). */
  redisUrl: string;
  /** Key prefix (the queue prefix). */
  prefix: string;
  /**
   * Whether the MessageContent privileged intent is enabled in the Developer Portal: then
   * ```yaml blocks are read in every channel; without it only in DMs and mentions. Default false
   * (asking for an intent the portal has not enabled closes the gateway with 4014).
   */
  messageContent?: boolean;
  /** Shard ids this process runs (discord.js `shards`); default all of `shardCount`. */
  shards?: number[];
  /** Total shards (discord.js `shardCount`); default 1. */
  shardCount?: number;
  /** REST base URL; default Discord's. Tests point it at a stand-in. */
  api?: string;
  /** Tutor content; default the bundled course. */
  content?: Content;
  /** Downloads an attachment; default `fetch` with a 10 s timeout. */
  fetcher?: AttachmentFetcher;
  /** The bot's clock (tutor and channel drills); default the system clock. Tests inject one. */
  now?: () => Date;
}

/** The adapter, with its discord.js client (for logs and tests). */
export interface DiscordAdapter extends ServeAdapter {
  client: Client;
}

const FETCH_TIMEOUT_MS = 10_000;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!res.ok) throw new PodsenseiError("DISCORD_ATTACHMENT_DOWNLOAD_FAILED", { status: res.status });
  return new Uint8Array(await res.arrayBuffer());
}

/** The discord.js client for the settings (not yet logged in). */
export function createClient(s: DiscordSettings): Client {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];
  if (s.messageContent) intents.push(GatewayIntentBits.MessageContent);
  const client = new Client({
    intents,
    // DM channels are not cached before their first message (chat-platforms.md B3).
    partials: [Partials.Channel],
    ...(s.shardCount !== undefined ? { shardCount: s.shardCount } : {}),
    ...(s.shards !== undefined ? { shards: s.shards } : {}),
    ...(s.api ? { rest: { api: s.api } } : {}),
  });
  client.rest.setToken(s.token);
  return client;
}

/** Creates the Discord adapter for `podsensei serve`. */
export function createDiscordAdapter(s: DiscordSettings): DiscordAdapter {
  const client = createClient(s);
  let redis: Redis | undefined;
  const redisOf = () => {
    redis ??= createRedis(s.redisUrl, { name: "podsensei-discord" });
    return redis;
  };
  let store: InteractionStore | undefined;
  const interactions = () => {
    store ??= new InteractionStore(redisOf(), s.prefix);
    return store;
  };
  let sender: ReplySender | undefined;
  const send: ReplySender = (address, reply, ctx) => {
    sender ??= discordSender(client.rest, interactions());
    return sender(address, reply, ctx);
  };

  const start = async (ctx: AdapterContext) => {
    const logger: Logger = ctx.logger;
    const bot = createRedisBot({
      redis: redisOf(),
      prefix: s.prefix,
      content: s.content ?? defaultContent(),
      producer: ctx.producer,
      queues: ctx.queues,
      logger,
      ...(s.now ? { now: s.now } : {}),
    });
    const handlers = createHandlers({
      bot,
      rest: client.rest,
      interactions: interactions(),
      answering: ctx.answering,
      policy: { messageContent: s.messageContent ?? false },
      fetcher: s.fetcher ?? fetchBytes,
      logger,
    });
    client.on(Events.InteractionCreate, (i) => void handlers.interaction(i));
    client.on(Events.MessageCreate, (m) => void handlers.message(m, client.user?.id ?? ""));
    client.on(Events.ShardDisconnect, (_e, shard) => logger.warn({ shard }, "discord gateway disconnected"));
    client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, "discord gateway reconnecting"));
    client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, "discord session resumed"));
    client.on(Events.Error, (err) => logger.warn({ err }, "discord client error"));
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(s.token);
    await ready;
    logger.info({ user: client.user?.id, shards: client.options.shards }, "discord connected");
  };

  return {
    platform: "discord",
    client,
    send,
    start,
    async stop() {
      await client.destroy();
      await redis?.quit().catch(() => undefined);
    },
  };
}
