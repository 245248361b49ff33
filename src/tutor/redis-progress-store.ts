/**
 * `ProgressStore` on Redis: one key per learner (`podsensei:progress:<platform>:<workspace>:<user>`)
 * holding versioned JSON. Updates are optimistic: read, compute, then a Lua compare-and-set that
 * writes only if the key still holds what was read; on a conflict the update is recomputed. So two
 * processes updating the same learner at once never lose a change.
 *
 * The store takes any client with `get` and `eval` (an ioredis `Redis` fits), so the tutor itself
 * does not depend on a Redis library.
 */
import { PodsenseiError } from "../core/errors.js";
import {
  decodeProgress,
  encodeProgress,
  type LearnerKey,
  type Progress,
  type ProgressStore,
  progressKey,
  type Update,
} from "./progress.js";

/** The two Redis commands the store needs (an ioredis `Redis` satisfies this). */
export interface RedisCommands {
  get(key: string): Promise<string | null>;
  eval(script: string, numKeys: number, ...args: string[]): Promise<unknown>;
}

/** Options of {@link RedisProgressStore}. */
export interface RedisProgressStoreOptions {
  /** Key prefix; default `podsensei:progress`. */
  prefix?: string;
  /** Compare-and-set attempts before giving up; default 100. */
  maxAttempts?: number;
}

// KEYS[1] = record; ARGV[1] = expected JSON ("" = absent); ARGV[2] = new JSON.
const CAS_SCRIPT = `
local cur = redis.call('GET', KEYS[1])
if (cur == false and ARGV[1] == '') or cur == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2])
  return 1
end
return 0`;

/** Progress kept in Redis; see the module comment for the concurrency contract. */
export class RedisProgressStore implements ProgressStore {
  readonly #redis: RedisCommands;
  readonly #prefix: string;
  readonly #maxAttempts: number;

  constructor(redis: RedisCommands, opts: RedisProgressStoreOptions = {}) {
    this.#redis = redis;
    this.#prefix = opts.prefix ?? "podsensei:progress";
    this.#maxAttempts = opts.maxAttempts ?? 100;
  }

  /** The Redis key of a learner. */
  key(k: LearnerKey): string {
    return progressKey(k, this.#prefix);
  }

  async get(key: LearnerKey): Promise<Progress | undefined> {
    const raw = await this.#redis.get(this.key(key));
    return raw === null ? undefined : decodeProgress(raw);
  }

  async update<T>(key: LearnerKey, fn: (current: Progress | undefined) => Update<T>): Promise<T> {
    const k = this.key(key);
    for (let attempt = 0; attempt < this.#maxAttempts; attempt++) {
      const raw = await this.#redis.get(k);
      const current = raw === null ? undefined : decodeProgress(raw);
      const { progress, value } = fn(current);
      const next = encodeProgress({ ...progress, revision: (current?.revision ?? 0) + 1 });
      const ok = await this.#redis.eval(CAS_SCRIPT, 1, k, raw ?? "", next);
      if (ok === 1) return value;
    }
    throw new PodsenseiError("PROGRESS_UPDATE_CONFLICT", { key: k, attempts: this.#maxAttempts });
  }
}
