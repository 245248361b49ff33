/**
 * `podsensei serve`: the bot process. It hosts the chat adapters, turns pastes into `simulate`
 * jobs through the producer (de-duplicated, size-checked, rate-limited), delivers replies from
 * the `deliver` queue through the adapters' senders, and serves `/healthz`, `/readyz` and
 * `/metrics`. Any number of bot processes can run: each takes delivery jobs for the platforms it
 * has senders for.
 */
import type { Worker } from "bullmq";
import type { Config } from "../config.js";
import { createLogger, type Logger, rateLimitedWarn } from "../core/logger.js";
import type { Platform } from "../core/message.js";
import type { ReplySender } from "../core/ports.js";
import { RedisBlobStore } from "../jobs/blob-store.js";
import { createRedis } from "../jobs/connection.js";
import { JobProducer } from "../jobs/producer.js";
import { BullJobQueue, openQueues, type QueueSet } from "../jobs/queue-set.js";
import { RedisIdempotencyStore } from "../jobs/redis-idempotency.js";
import { answeringLocks, type RequestLock } from "../jobs/request-lock.js";
import { DeliveryRegistry } from "./delivery.js";
import { startDeliveryDispatcher } from "./dispatcher.js";
import { startHttpServer } from "./http.js";
import { Metrics } from "./metrics.js";
import { RateLimiter } from "./rate-limiter.js";
import { queuesCheck, redisCheck } from "./readiness.js";

/** What an adapter gets when the bot starts it. */
export interface AdapterContext {
  producer: JobProducer;
  /** The queues (drill schedules use `queues.drill`). */
  queues: QueueSet;
  logger: Logger;
  /** Held while an event's immediate replies are sent; deliveries to it wait (request-lock.ts). */
  answering: RequestLock;
}

/** A chat platform as the bot process sees it. */
export interface ServeAdapter {
  platform: Platform;
  /** Sends one reply (registered with delivery). */
  send: ReplySender;
  /** Connects to the platform and starts handling events. */
  start?(ctx: AdapterContext): Promise<void>;
  /** Disconnects. */
  stop?(): Promise<void>;
}

/** Options of {@link runServe}. */
export interface RunServeOptions {
  adapters?: ServeAdapter[];
  logger?: Logger;
}

/** A running bot process. */
export interface ServeHandle {
  port: number;
  producer: JobProducer;
  queues: QueueSet;
  metrics: Metrics;
  close(): Promise<void>;
}

/** Starts the bot's machinery and its adapters. */
export async function runServe(config: Config, options: RunServeOptions = {}): Promise<ServeHandle> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, name: "bot" });
  const onRedisError = rateLimitedWarn(logger, "redis connection error (reconnecting)");
  const connection = createRedis(config.redisUrl, { name: "podsensei-bot", onError: onRedisError });
  const probe = createRedis(config.redisUrl, { name: "podsensei-bot-probe", failFast: true, onError: onRedisError });
  const queues = openQueues(connection, config.queuePrefix, onRedisError);
  const metrics = new Metrics("bot");
  metrics.trackQueues(queues.all());
  const markers = new RedisIdempotencyStore(connection, `${config.queuePrefix}:marker`);
  const answering = answeringLocks(connection, config.queuePrefix);
  const limiter = new RateLimiter(connection, { prefix: `${config.queuePrefix}:rate`, markers });
  const producer = new JobProducer({
    simulate: new BullJobQueue(queues.simulate),
    deliver: new BullJobQueue(queues.deliver),
    markers,
    limiter: {
      admit: async (...args) => {
        const a = await limiter.admit(...args);
        if (a.claim === "claimed" && a.decision?.allowed === false)
          metrics.rateLimited.inc({ scope: a.decision.scope });
        return a;
      },
    },
    logger,
  });
  const delivery = new DeliveryRegistry();
  const adapters = options.adapters ?? [];
  for (const a of adapters) delivery.register(a.platform, a.send);
  const dispatcher: Worker = startDeliveryDispatcher({
    connection,
    prefix: config.queuePrefix,
    delivery,
    markers,
    answering,
    blobs: new RedisBlobStore(connection, config.queuePrefix),
    metrics,
    logger,
    concurrency: config.deliverConcurrency,
    lockMs: config.lockMs,
  });
  const http = await startHttpServer({
    host: config.http.host,
    port: config.http.port,
    metrics,
    checks: [redisCheck(probe), queuesCheck(queues.all())],
  });
  for (const a of adapters)
    await a.start?.({ producer, queues, answering, logger: logger.child({ platform: a.platform }) });
  logger.info({ port: http.port, platforms: delivery.platforms() }, "bot ready");

  let closing: Promise<void> | undefined;
  const close = async () => {
    http.drain();
    for (const a of adapters) await a.stop?.();
    await dispatcher.close();
    await queues.close();
    await http.close();
    await Promise.all([connection.quit().catch(() => undefined), probe.quit().catch(() => undefined)]);
  };
  return {
    port: http.port,
    producer,
    queues,
    metrics,
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}
