/**
 * The bot core wired to Redis, as `podsensei serve` runs it: event markers, progress and pastes
 * in the same Redis as the queues, under the queue prefix; and channel drills over the `drill`
 * and `deliver` queues, as both the bot (commands, answers) and the worker (posts) run them.
 */
import type { Redis } from "ioredis";
import type { Logger } from "../core/logger.js";
import { type ChannelDrills, type ChannelDrillsDeps, createChannelDrills } from "../drills/channel-drills.js";
import type { JobProducer } from "../jobs/producer.js";
import type { QueueSet } from "../jobs/queue-set.js";
import { RedisIdempotencyStore } from "../jobs/redis-idempotency.js";
import type { Content } from "../tutor/content-schema.js";
import { RedisProgressStore } from "../tutor/redis-progress-store.js";
import { type Bot, createBot } from "./bot.js";
import { RedisPasteStore } from "./paste-store.js";

/** The tutor progress of learners, as every process reads it. */
function progressStore(redis: Redis, prefix: string): RedisProgressStore {
  return new RedisProgressStore(redis, { prefix: `${prefix}:progress` });
}

/** Options of {@link createRedisChannelDrills}. */
export interface RedisChannelDrillsOptions {
  redis: Redis;
  /** Key prefix (the queue prefix). */
  prefix: string;
  content: Content;
  /** The `drill` and `deliver` queues (e.g. `AdapterContext.queues`). */
  queues: Pick<QueueSet, "drill" | "deliver">;
  logger?: Logger;
  /** The drills' clock; default the system clock. */
  now?: () => Date;
  /** The reveal's explainer; default the simulator's. */
  explain?: ChannelDrillsDeps["explain"];
}

/** Channel drills on Redis; drill XP also goes to the tutor progress of people who have one. */
export function createRedisChannelDrills(o: RedisChannelDrillsOptions): ChannelDrills {
  return createChannelDrills({
    redis: o.redis,
    prefix: o.prefix,
    content: o.content,
    queues: { drill: o.queues.drill, deliver: o.queues.deliver },
    progress: progressStore(o.redis, o.prefix),
    ...(o.logger ? { logger: o.logger } : {}),
    ...(o.now ? { now: o.now } : {}),
    ...(o.explain ? { explain: o.explain } : {}),
  });
}

/** Options of {@link createRedisBot}. */
export interface RedisBotOptions {
  redis: Redis;
  /** Key prefix (the queue prefix), e.g. `podsensei`. */
  prefix: string;
  content: Content;
  producer: Pick<JobProducer, "submit">;
  logger: Logger;
  /** The queues; when given, channel drills are on (their commands and answer buttons). */
  queues?: Pick<QueueSet, "drill" | "deliver">;
  /** The tutor's (and channel drills') clock; default the system clock. */
  now?: () => Date;
}

/** A bot whose state is all in Redis, so any number of bot processes can share it. */
export function createRedisBot(o: RedisBotOptions): Bot {
  const channelDrills = o.queues
    ? createRedisChannelDrills({
        redis: o.redis,
        prefix: o.prefix,
        content: o.content,
        queues: o.queues,
        logger: o.logger,
        ...(o.now ? { now: o.now } : {}),
      })
    : undefined;
  return createBot({
    tutor: {
      content: o.content,
      store: progressStore(o.redis, o.prefix),
      ...(o.now ? { now: o.now } : {}),
    },
    producer: o.producer,
    idempotency: new RedisIdempotencyStore(o.redis, `${o.prefix}:bot`),
    pastes: new RedisPasteStore(o.redis, o.prefix),
    logger: o.logger,
    ...(channelDrills ? { channelDrills } : {}),
  });
}
