import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { afterAll, describe, expect, inject, it } from "vitest";
import { requestIdFor } from "../../src/jobs/queues.js";
import { RedisIdempotencyStore } from "../../src/jobs/redis-idempotency.js";
import { messageRequestId, RequestLock } from "../../src/jobs/request-lock.js";

describe("RequestLock", () => {
  const redis = new Redis(inject("redisUrl"));
  const leases = new RedisIdempotencyStore(redis, `t-rlock-${process.pid}`);
  const lock = new RequestLock(leases);
  afterAll(() => redis.quit());

  const logged = (log: string[], name: string) => async () => {
    log.push(`${name} in`);
    await sleep(40);
    log.push(`${name} out`);
    return name;
  };

  it("runs one holder at a time per request, and different requests side by side", async () => {
    const log: string[] = [];
    const results = await Promise.all([
      lock.exclusive("r1", logged(log, "a")),
      lock.exclusive("r1", logged(log, "b")),
      lock.exclusive("r2", logged(log, "c")),
    ]);
    expect(results).toEqual(["a", "b", "c"]);
    const r1 = log.filter((l) => !l.startsWith("c"));
    expect(["a in,a out,b in,b out", "b in,b out,a in,a out"]).toContain(r1.join(","));
    expect(log.indexOf("c in")).toBeLessThan(log.indexOf(r1[1]!));
  });

  it("makes a message's later simulations share its lock", async () => {
    const first = requestIdFor("discord", "G", "123");
    const second = requestIdFor("discord", "G", "123~2");
    expect(messageRequestId(second)).toBe(first);
    expect(messageRequestId(first)).toBe(first);
    const log: string[] = [];
    await Promise.all([lock.exclusive(first, logged(log, "a")), lock.exclusive(second, logged(log, "b"))]);
    expect(["a in,a out,b in,b out", "b in,b out,a in,a out"]).toContain(log.join(","));
  });

  it("gives the lock back when the work throws", async () => {
    await expect(
      lock.exclusive("r3", async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await lock.exclusive("r3", async () => "next")).toBe("next");
  });

  it("waits out a holder that died, once its lease ends", async () => {
    expect(await leases.claim("r4", "dead-process", 150)).toBe("claimed");
    const started = Date.now();
    expect(await lock.exclusive("r4", async () => "after")).toBe("after");
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });
});
