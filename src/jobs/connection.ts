/**
 * Redis connections for queues, workers, rate limits and markers. BullMQ needs
 * `maxRetriesPerRequest: null` on connections that block; every connection reconnects forever
 * with a capped back-off, so a restarted Redis is picked up again without restarting podsensei.
 */
import { Redis } from "ioredis";
import { coalesceWrites } from "./coalesce-writes.js";

/** Back-off between reconnect attempts: 100 ms, 200 ms, … capped at 2 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(attempt * 100, 2000);
}

/** Options of {@link createRedis}. */
export interface RedisSettings {
  /** Connection name shown by `CLIENT LIST` (e.g. `podsensei-worker`). */
  name?: string;
  /**
   * Fail commands issued while disconnected at once instead of queueing them; default false.
   * Readiness probes use true, so a probe answers "not ready" instead of hanging.
   */
  failFast?: boolean;
  /** Connection errors (each reconnect attempt while Redis is down); they are retried, so log them. */
  onError?: (err: Error) => void;
}

/** A new ioredis client for `url`. */
export function createRedis(url: string, settings: RedisSettings = {}): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: settings.failFast ? 1 : null,
    enableOfflineQueue: !settings.failFast,
    retryStrategy: reconnectDelay,
    ...(settings.name ? { connectionName: settings.name } : {}),
  });
  redis.on("error", settings.onError ?? (() => undefined));
  coalesceWrites(redis);
  return redis;
}
