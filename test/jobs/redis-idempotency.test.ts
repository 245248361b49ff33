import { Redis } from "ioredis";
import { afterAll, describe, expect, inject, it } from "vitest";
import { RedisIdempotencyStore } from "../../src/jobs/redis-idempotency.js";

describe("RedisIdempotencyStore", () => {
  const redis = new Redis(inject("redisUrl"));
  const store = new RedisIdempotencyStore(redis, `t-idem-${process.pid}`);
  afterAll(() => redis.quit());

  it("lets one owner claim a key, others see it in progress, and done stays done", async () => {
    expect(await store.claim("k1", "a", 5000)).toBe("claimed");
    expect(await store.claim("k1", "b", 5000)).toBe("in-progress");
    expect(await store.claim("k1", "a", 5000)).toBe("claimed");
    expect(await store.complete("k1", "b", 5000)).toBe(false);
    expect(await store.complete("k1", "a", 5000)).toBe(true);
    expect(await store.claim("k1", "a", 5000)).toBe("done");
    expect(await store.claim("k1", "b", 5000)).toBe("done");
  });

  it("frees a crashed owner's claim when its lease ends", async () => {
    expect(await store.claim("k2", "dead", 50)).toBe("claimed");
    await new Promise((r) => setTimeout(r, 120));
    expect(await store.claim("k2", "next", 5000)).toBe("claimed");
  });

  it("release gives the key back only for its owner", async () => {
    expect(await store.claim("k3", "a", 5000)).toBe("claimed");
    await store.release("k3", "b");
    expect(await store.claim("k3", "b", 5000)).toBe("in-progress");
    await store.release("k3", "a");
    expect(await store.claim("k3", "b", 5000)).toBe("claimed");
  });

  it("admits exactly one of many concurrent claimers", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.claim("k4", `o${i}`, 5000)));
    expect(results.filter((r) => r === "claimed")).toHaveLength(1);
  });
});
