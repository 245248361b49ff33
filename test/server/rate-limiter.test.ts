import { Redis } from "ioredis";
import { afterAll, describe, expect, inject, it } from "vitest";
import { toPlainText } from "../../src/core/reply.js";
import { formatWait, RateLimiter, rateLimitReply } from "../../src/server/rate-limiter.js";

describe("RateLimiter", () => {
  const redis = new Redis(inject("redisUrl"));
  const prefix = `t-rate-${process.pid}`;
  afterAll(() => redis.quit());

  it("allows up to the per-learner limit, then says when to try again", async () => {
    const limiter = new RateLimiter(redis, { prefix: `${prefix}:a`, perLearner: 3, perChannel: 100, windowMs: 60_000 });
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await limiter.take("u1", "c1", `r${i}`));
    expect(verdicts.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    const refused = verdicts[3];
    expect(refused).toMatchObject({ allowed: false, scope: "learner", limit: 3 });
    if (refused?.allowed === false) {
      expect(refused.retryAfterMs).toBeGreaterThan(55_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    }
    expect(await limiter.take("u2", "c1", "r9")).toEqual({ allowed: true });
  });

  it("limits a channel across learners, and a refusal costs the learner nothing", async () => {
    const limiter = new RateLimiter(redis, { prefix: `${prefix}:b`, perLearner: 2, perChannel: 2, windowMs: 60_000 });
    expect(await limiter.take("u1", "busy", "a")).toEqual({ allowed: true });
    expect(await limiter.take("u2", "busy", "b")).toEqual({ allowed: true });
    expect(await limiter.take("u3", "busy", "c")).toMatchObject({ allowed: false, scope: "channel", limit: 2 });
    expect(await limiter.take("u3", "quiet", "d")).toEqual({ allowed: true });
    expect(await limiter.take("u3", "quiet", "e")).toEqual({ allowed: true });
  });

  it("frees a slot when the oldest request leaves the window", async () => {
    const limiter = new RateLimiter(redis, { prefix: `${prefix}:c`, perLearner: 1, perChannel: 10, windowMs: 200 });
    expect(await limiter.take("u", "c", "a")).toEqual({ allowed: true });
    const refused = await limiter.take("u", "c", "b");
    expect(refused.allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 250));
    expect(await limiter.take("u", "c", "b")).toEqual({ allowed: true });
  });

  it("answers politely with the limit and the wait", () => {
    const text = toPlainText(rateLimitReply({ allowed: false, scope: "learner", limit: 10, retryAfterMs: 23_400 }));
    expect(text).toContain("10 simulations in the last minute");
    expect(text).toContain("simulations per learner per minute limit (10)");
    expect(text).toContain("try again in 24 seconds");
    expect(rateLimitReply({ allowed: false, scope: "channel", limit: 30, retryAfterMs: 1 }).private).toBe(true);
  });

  it.each([
    [1, "1 second"],
    [59_001, "1 minute"],
    [61_000, "1 minute 1 second"],
    [125_000, "2 minutes 5 seconds"],
  ])("formats %i ms as %s", (ms, text) => {
    expect(formatWait(ms)).toBe(text);
  });
});
