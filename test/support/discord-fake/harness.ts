/**
 * Starts `podsensei serve` with the Discord adapter pointed at a {@link DiscordFake}, and the
 * real worker, against the test Redis.
 */

import {
  createDiscordAdapter,
  type DiscordAdapter,
  type DiscordSettings,
} from "../../../src/adapters/discord/index.js";
import type { Config } from "../../../src/config.js";
import { runServe, type ServeHandle } from "../../../src/server/serve.js";
import type { DiscordFake } from "./server.js";

/** A running bot process with its Discord adapter. */
export interface DiscordBot {
  serve: ServeHandle;
  adapter: DiscordAdapter;
}

/** Starts a bot process whose Discord adapter talks to `fake`; resolves once the client is ready. */
export async function startDiscordBot(
  fake: DiscordFake,
  config: Config,
  extra: Partial<DiscordSettings> = {},
): Promise<DiscordBot> {
  const adapter = createDiscordAdapter({
    token: "fake.bot.token",
    redisUrl: config.redisUrl,
    prefix: config.queuePrefix,
    api: fake.api,
    ...extra,
  });
  const serve = await runServe(config, { adapters: [adapter] });
  return { serve, adapter };
}
