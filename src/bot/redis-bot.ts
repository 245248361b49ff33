/**
 * The bot core wired to Redis, as `podsensei serve` runs it: event markers, progress and pastes
 * in the same Redis as the queues, under the queue prefix.
 */
import type { Redis } from "ioredis";
import type { Logger } from "../core/logger.js";
import type { JobProducer } from "../jobs/producer.js";
import { RedisIdempotencyStore } from "../jobs/redis-idempotency.js";
import type { Content } from "../tutor/content-schema.js";
import { RedisProgressStore } from "../tutor/redis-progress-store.js";
import { type Bot, createBot } from "./bot.js";
import { RedisPasteStore } from "./paste-store.js";

/** Options of {@link createRedisBot}. */
export interface RedisBotOptions {
  redis: Redis;
  /** Key prefix (the queue prefix), e.g. `podsensei`. */
  prefix: string;
  content: Content;
  producer: Pick<JobProducer, "submit">;
  logger: Logger;
  /** The tutor's clock; default the system clock. */
  now?: () => Date;
}

/** A bot whose state is all in Redis, so any number of bot processes can share it. */
export function createRedisBot(o: RedisBotOptions): Bot {
  return createBot({
    tutor: {
      content: o.content,
      store: new RedisProgressStore(o.redis, { prefix: `${o.prefix}:progress` }),
      ...(o.now ? { now: o.now } : {}),
    },
    producer: o.producer,
    idempotency: new RedisIdempotencyStore(o.redis, `${o.prefix}:bot`),
    pastes: new RedisPasteStore(o.redis, o.prefix),
    logger: o.logger,
  });
}
