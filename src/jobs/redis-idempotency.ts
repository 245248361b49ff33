/**
 * `IdempotencyStore` on Redis. One key per marker holding `lease:<owner>` (with the lease as its
 * TTL) or `done` (kept for `keepMs`). Each operation is one Lua script, so check-and-set is atomic
 * across every bot and worker process.
 */
import type { Redis } from "ioredis";
import type { ClaimResult, IdempotencyStore } from "../core/ports.js";
import { LuaScript } from "./lua-script.js";

/**
 * Lua that claims the marker at `key` for `owner` for `leaseMs` milliseconds (each a Lua
 * expression) and leaves the outcome in the local `claim`: 'claimed', 'done' or 'in-progress'.
 * Shared with scripts that claim a marker and do more in the same round trip (rate-limiter.ts).
 */
export function claimLua(key: string, owner: string, leaseMs: string): string {
  return `local claim
local marker = redis.call('GET', ${key})
local mine = 'lease:' .. ${owner}
if marker == false or marker == mine then
  redis.call('SET', ${key}, mine, 'PX', ${leaseMs})
  claim = 'claimed'
elseif marker == 'done' then
  claim = 'done'
else
  claim = 'in-progress'
end
`;
}

// KEYS[1] marker; ARGV[1] owner; ARGV[2] lease ms.
const CLAIM = new LuaScript(`${claimLua("KEYS[1]", "ARGV[1]", "ARGV[2]")}return claim`);

// KEYS[1] marker; ARGV[1] owner; ARGV[2] keep ms.
const COMPLETE = new LuaScript(`
local v = redis.call('GET', KEYS[1])
if v == false or v == 'done' or v == 'lease:' .. ARGV[1] then
  redis.call('SET', KEYS[1], 'done', 'PX', ARGV[2])
  return 1
end
return 0`);

// KEYS[1] marker; ARGV[1] owner.
const RELEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) == 'lease:' .. ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0`);

/** Idempotency markers under `<prefix>:<key>`. */
export class RedisIdempotencyStore implements IdempotencyStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  async claim(key: string, owner: string, leaseMs: number): Promise<ClaimResult> {
    const r = await CLAIM.run(this.#redis, [this.#key(key)], [owner, Math.max(1, Math.round(leaseMs))]);
    return r as ClaimResult;
  }

  async complete(key: string, owner: string, keepMs: number): Promise<boolean> {
    const r = await COMPLETE.run(this.#redis, [this.#key(key)], [owner, Math.max(1, Math.round(keepMs))]);
    return r === 1;
  }

  async release(key: string, owner: string): Promise<void> {
    await RELEASE.run(this.#redis, [this.#key(key)], [owner]);
  }

  /** The Redis key of marker `key`, for scripts that claim it along with other work ({@link claimLua}). */
  redisKey(key: string): string {
    return this.#key(key);
  }

  #key(key: string): string {
    return `${this.#prefix}:${key}`;
  }
}
