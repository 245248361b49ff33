/** A Lua script runs by its hash, and is loaded by itself when Redis does not know it yet. */
import { createHash, randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, inject, it } from "vitest";
import { LuaScript } from "../../src/jobs/lua-script.js";

describe("LuaScript", () => {
  const redis = new Redis(inject("redisUrl"));
  afterAll(() => redis.quit());

  it("runs a script Redis has never seen, then finds it cached", async () => {
    // A source no other test uses, so Redis cannot know it yet.
    const source = `return KEYS[1] .. ':' .. ARGV[1] .. ':${randomUUID()}'`;
    const sha = createHash("sha1").update(source).digest("hex");
    const script = new LuaScript(source);
    expect(await redis.script("EXISTS", sha)).toEqual([0]);
    expect(String(await script.run(redis, ["k"], [7]))).toMatch(/^k:7:/);
    expect(await redis.script("EXISTS", sha)).toEqual([1]);
    expect(String(await script.run(redis, ["j"], ["x"]))).toMatch(/^j:x:/);
  });

  it("passes script errors through", async () => {
    const script = new LuaScript(`return redis.error_reply('nope ${randomUUID()}')`);
    await expect(script.run(redis, [], [])).rejects.toThrow(/nope/);
  });
});
