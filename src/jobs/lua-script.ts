/**
 * A Lua script run by its SHA-1 (`EVALSHA`): a few dozen bytes per call instead of the whole
 * source, and Redis skips hashing the source on every call. A Redis that does not know the
 * script yet (first use, or after a restart) answers NOSCRIPT; the call is then repeated as
 * `EVAL`, which also caches the script for the next ones.
 */
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

export class LuaScript {
  readonly #source: string;
  readonly #sha: string;

  constructor(source: string) {
    this.#source = source;
    this.#sha = createHash("sha1").update(source).digest("hex");
  }

  /** Runs the script with `keys` and `args` on `redis`. */
  async run(redis: Redis, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.#sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith("NOSCRIPT")) throw err;
      return redis.eval(this.#source, keys.length, ...keys, ...args);
    }
  }
}
