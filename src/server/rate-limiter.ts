/**
 * Rate limits per learner and per channel, in Redis, as sliding one-minute windows (a sorted set
 * of request ids scored by time, per scope). Both scopes are checked and charged in one Lua
 * script using Redis' own clock, so every bot process shares the same count and a request that
 * is refused costs nothing. A refusal says which limit it hit and when the next request fits.
 */
import type { Redis } from "ioredis";
import { describeLimit, LIMITS } from "../core/limits.js";
import { type Reply, textReply } from "../core/reply.js";
import { LuaScript } from "../jobs/lua-script.js";

/** A scope a request is counted in. */
export type RateScope = "learner" | "channel";

/** The verdict of {@link RateLimiter.take}. */
export type RateDecision =
  | { allowed: true }
  | {
      allowed: false;
      /** The scope that is full (the one that frees up last, when both are). */
      scope: RateScope;
      /** The limit of that scope per window. */
      limit: number;
      /** Milliseconds until a request fits again. */
      retryAfterMs: number;
    };

/** Options of {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** Key prefix, e.g. `podsensei:rate`. */
  prefix: string;
  /** Requests per learner per window; default `LIMITS.jobsPerLearnerPerMinute`. */
  perLearner?: number;
  /** Requests per channel per window; default `LIMITS.jobsPerChannelPerMinute`. */
  perChannel?: number;
  /** Window length in ms; default one minute. */
  windowMs?: number;
}

// KEYS[1] learner set, KEYS[2] channel set; ARGV: window ms, learner limit, channel limit, member.
// Returns {1} when allowed, or {0, scope index, retry-after ms}.
const TAKE = new LuaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local worst, scope = 0, 0
for i = 1, 2 do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local limit = tonumber(ARGV[i + 1])
  local count = redis.call('ZCARD', KEYS[i])
  if count >= limit then
    local entry = redis.call('ZRANGE', KEYS[i], count - limit, count - limit, 'WITHSCORES')
    local wait = tonumber(entry[2]) + window - now
    if wait < 1 then wait = 1 end
    if wait > worst then worst, scope = wait, i end
  end
end
if scope > 0 then return {0, scope, worst} end
for i = 1, 2 do
  redis.call('ZADD', KEYS[i], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[i], window)
end
return {1}`);

/** The per-learner and per-channel limiter. */
export class RateLimiter {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #perLearner: number;
  readonly #perChannel: number;
  readonly #windowMs: number;

  constructor(redis: Redis, opts: RateLimiterOptions) {
    this.#redis = redis;
    this.#prefix = opts.prefix;
    this.#perLearner = opts.perLearner ?? LIMITS.jobsPerLearnerPerMinute;
    this.#perChannel = opts.perChannel ?? LIMITS.jobsPerChannelPerMinute;
    this.#windowMs = opts.windowMs ?? 60_000;
  }

  /**
   * Counts request `requestId` against `learner` and `channel` when both have room; otherwise
   * counts nothing and says which is full and for how long. Counting the same id twice in one
   * window is one request.
   */
  async take(learner: string, channel: string, requestId: string): Promise<RateDecision> {
    const r = (await TAKE.run(
      this.#redis,
      [`${this.#prefix}:learner:${learner}`, `${this.#prefix}:channel:${channel}`],
      [this.#windowMs, this.#perLearner, this.#perChannel, requestId],
    )) as number[];
    if (r[0] === 1) return { allowed: true };
    const scope: RateScope = r[1] === 1 ? "learner" : "channel";
    return {
      allowed: false,
      scope,
      limit: scope === "learner" ? this.#perLearner : this.#perChannel,
      retryAfterMs: Number(r[2]),
    };
  }
}

/** "23 seconds", "1 minute", "1 minute 5 seconds" (rounded up to whole seconds). */
export function formatWait(ms: number): string {
  const total = Math.max(1, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (m === 0) return part(s, "second");
  return s === 0 ? part(m, "minute") : `${part(m, "minute")} ${part(s, "second")}`;
}

/** The polite answer to a refused request. */
export function rateLimitReply(d: Extract<RateDecision, { allowed: false }>): Reply {
  const limit =
    d.scope === "learner" ? describeLimit("jobsPerLearnerPerMinute") : describeLimit("jobsPerChannelPerMinute");
  const who =
    d.scope === "learner"
      ? `You have asked for ${d.limit} simulations in the last minute`
      : `This channel has asked for ${d.limit} simulations in the last minute`;
  return {
    ...textReply(
      `${who}, which is the ${limit}. Please try again in ${formatWait(d.retryAfterMs)}; nothing was lost, just paste it again then.`,
    ),
    private: true,
  };
}
