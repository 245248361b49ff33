/**
 * Rate limits per learner and per channel, in Redis, as sliding one-minute windows (a sorted set
 * of request ids scored by time, per scope). Both scopes are checked and charged in one Lua
 * script using Redis' own clock, so every bot process shares the same count and a request that
 * is refused costs nothing. A refusal says which limit it hit and when the next request fits.
 * The same script first claims the platform event's marker: a request's first step is one
 * round trip.
 */
import type { Redis } from "ioredis";
import { describeLimit, LIMITS } from "../core/limits.js";
import type { ClaimResult } from "../core/ports.js";
import { type Reply, textReply } from "../core/reply.js";
import { LuaScript } from "../jobs/lua-script.js";
import { claimLua, type RedisIdempotencyStore } from "../jobs/redis-idempotency.js";

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
  /** Where the events' markers live. */
  markers: RedisIdempotencyStore;
}

/**
 * Lua that checks both windows and, when both have room, charges `member` to each; each argument
 * is a Lua expression. Returns {1} when allowed, or {0, scope index, retry-after ms}.
 */
function takeLua(a: {
  learner: string;
  channel: string;
  window: string;
  limits: [string, string];
  member: string;
}): string {
  return `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(${a.window})
local keys = {${a.learner}, ${a.channel}}
local limits = {tonumber(${a.limits[0]}), tonumber(${a.limits[1]})}
local worst, scope = 0, 0
for i = 1, 2 do
  redis.call('ZREMRANGEBYSCORE', keys[i], '-inf', now - window)
  local count = redis.call('ZCARD', keys[i])
  if count >= limits[i] then
    local entry = redis.call('ZRANGE', keys[i], count - limits[i], count - limits[i], 'WITHSCORES')
    local wait = tonumber(entry[2]) + window - now
    if wait < 1 then wait = 1 end
    if wait > worst then worst, scope = wait, i end
  end
end
if scope > 0 then return {0, scope, worst} end
for i = 1, 2 do
  redis.call('ZADD', keys[i], now, ${a.member})
  redis.call('PEXPIRE', keys[i], window)
end
return {1}`;
}

// KEYS[1] learner set, KEYS[2] channel set, KEYS[3] the event's marker; ARGV: window ms, learner
// limit, channel limit, member, the marker's owner, its lease ms. The marker is claimed first and,
// unless that succeeds, nothing is charged ({2, claim state}).
const ADMIT =
  new LuaScript(`${claimLua("KEYS[3]", "ARGV[5]", "ARGV[6]")}if claim ~= 'claimed' then return {2, claim} end
${takeLua({ learner: "KEYS[1]", channel: "KEYS[2]", window: "ARGV[1]", limits: ["ARGV[2]", "ARGV[3]"], member: "ARGV[4]" })}`);

/**
 * What {@link RateLimiter.admit} found: the event's marker claim and, when claimed, the rate
 * verdict (none when only the marker was asked for: a paste refused for its size is not counted).
 */
export type Admission = { claim: "claimed"; decision?: RateDecision } | { claim: Exclude<ClaimResult, "claimed"> };

/** The per-learner and per-channel limiter. */
export class RateLimiter {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #perLearner: number;
  readonly #perChannel: number;
  readonly #windowMs: number;
  readonly #markers: RedisIdempotencyStore;

  constructor(redis: Redis, opts: RateLimiterOptions) {
    this.#markers = opts.markers;
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
  /**
   * A request's first step, in one round trip: claims the event's marker (`marker`, as the
   * markers store names it) for `owner` for `leaseMs`, and only when that succeeds counts request
   * `requestId` against `learner` and `channel` when both have room; otherwise counts nothing and
   * says which is full and for how long. Counting the same id twice in one window is one request.
   */
  async admit(
    marker: string,
    owner: string,
    leaseMs: number,
    learner: string,
    channel: string,
    requestId: string,
  ): Promise<Admission> {
    const r = (await ADMIT.run(
      this.#redis,
      [`${this.#prefix}:learner:${learner}`, `${this.#prefix}:channel:${channel}`, this.#markers.redisKey(marker)],
      [this.#windowMs, this.#perLearner, this.#perChannel, requestId, owner, Math.max(1, Math.round(leaseMs))],
    )) as (number | string)[];
    if (r[0] === 2) return { claim: r[1] as Exclude<ClaimResult, "claimed"> };
    return { claim: "claimed", decision: this.#decision(r as number[]) };
  }

  #decision(r: number[]): RateDecision {
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
