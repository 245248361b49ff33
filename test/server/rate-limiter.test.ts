import { Redis } from "ioredis";
import { afterAll, describe, expect, inject, it } from "vitest";
import { toPlainText } from "../../src/core/reply.js";
import { RedisIdempotencyStore } from "../../src/jobs/redis-idempotency.js";
import { formatWait, RateLimiter, rateLimitReply } from "../../src/server/rate-limiter.js";

describe("RateLimiter", () => {
  const redis = new Redis(inject("redisUrl"));
  const prefix = `t-rate-${process.pid}`;
  const markers = new RedisIdempotencyStore(redis, `${prefix}:marker`);
  afterAll(() => redis.quit());

  /** A limiter whose `take` admits each request id under its own fresh marker, as the producer does. */
  const limiterOf = (opts: { perLearner: number; perChannel: number; windowMs: number }, scope: string) => {
    const limiter = new RateLimiter(redis, { prefix: `${prefix}:${scope}`, markers, ...opts });
    return {
      limiter,
      take: async (learner: string, channel: string, id: string) => {
        const a = await limiter.admit(`${scope}:${id}:${Math.random()}`, "me", 5000, learner, channel, id);
        if (a.claim !== "claimed" || !a.decision) throw new Error(`marker not claimed: ${a.claim}`);
        return a.decision;
      },
    };
  };

  it("allows up to the per-learner limit, then says when to try again", async () => {
    const { take } = limiterOf({ perLearner: 3, perChannel: 100, windowMs: 60_000 }, "a");
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await take("u1", "c1", `r${i}`));
    expect(verdicts.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    const refused = verdicts[3];
    expect(refused).toMatchObject({ allowed: false, scope: "learner", limit: 3 });
    if (refused?.allowed === false) {
      expect(refused.retryAfterMs).toBeGreaterThan(55_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    }
    expect(await take("u2", "c1", "r9")).toEqual({ allowed: true });
  });

  it("limits a channel across learners, and a refusal costs the learner nothing", async () => {
    const { take } = limiterOf({ perLearner: 2, perChannel: 2, windowMs: 60_000 }, "b");
    expect(await take("u1", "busy", "a")).toEqual({ allowed: true });
    expect(await take("u2", "busy", "b")).toEqual({ allowed: true });
    expect(await take("u3", "busy", "c")).toMatchObject({ allowed: false, scope: "channel", limit: 2 });
    expect(await take("u3", "quiet", "d")).toEqual({ allowed: true });
    expect(await take("u3", "quiet", "e")).toEqual({ allowed: true });
  });

  it("frees a slot when the oldest request leaves the window", async () => {
    const { take } = limiterOf({ perLearner: 1, perChannel: 10, windowMs: 200 }, "c");
    expect(await take("u", "c", "a")).toEqual({ allowed: true });
    const refused = await take("u", "c", "b");
    expect(refused.allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 250));
    expect(await take("u", "c", "b")).toEqual({ allowed: true });
  });

  it("claims the event's marker in the same step, and charges nothing unless it gets it", async () => {
    const { limiter } = limiterOf({ perLearner: 1, perChannel: 10, windowMs: 60_000 }, "d");
    const first = await limiter.admit("submitted:ev1", "bot-a", 5000, "u", "c", "ev1");
    expect(first).toEqual({ claim: "claimed", decision: { allowed: true } });
    expect(await redis.get(markers.redisKey("submitted:ev1"))).toBe("lease:bot-a");
    // Another process with the same event: in progress, and the learner's one slot is not taken twice.
    expect(await limiter.admit("submitted:ev1", "bot-b", 5000, "u", "c", "ev1")).toEqual({ claim: "in-progress" });
    await markers.complete("submitted:ev1", "bot-a", 60_000);
    expect(await limiter.admit("submitted:ev1", "bot-b", 5000, "u", "c", "ev1")).toEqual({ claim: "done" });
    expect(await redis.zcard(`${prefix}:d:learner:u`)).toBe(1);
    // A refused request still holds its marker (its polite answer is on its way once).
    const refused = await limiter.admit("submitted:ev2", "bot-a", 5000, "u", "c", "ev2");
    expect(refused).toMatchObject({ claim: "claimed", decision: { allowed: false, scope: "learner" } });
    expect(await redis.get(markers.redisKey("submitted:ev2"))).toBe("lease:bot-a");
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
