/**
 * A delivery waits while the bot holds the request's answering lock (it is still sending the
 * message's own replies, such as "Simulating…"), and goes out as soon as the lock is let go.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { textReply } from "../../src/core/reply.js";
import type { DeliverPayload } from "../../src/jobs/payloads.js";
import { openQueues, type QueueSet } from "../../src/jobs/queue-set.js";
import { requestIdFor } from "../../src/jobs/queues.js";
import { answeringLocks } from "../../src/jobs/request-lock.js";
import { runServe, type ServeHandle } from "../../src/server/serve.js";
import { Loopback, testEnv } from "../jobs/support/loopback.js";

describe("dispatcher: a delivery never overtakes the bot's own replies", () => {
  const config = loadConfig(testEnv(inject("redisUrl"), `t-dorder-${process.pid}`));
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const queues: QueueSet = openQueues(redis, config.queuePrefix);
  const loopback = new Loopback();
  let bot: ServeHandle;

  beforeAll(async () => {
    bot = await runServe(config, { adapters: [{ platform: "console", send: loopback.sender }] });
  }, 30_000);
  afterAll(async () => {
    await bot?.close();
    await queues.close();
    await redis.quit();
  });

  const deliver = (requestId: string, text: string) => {
    const payload: DeliverPayload = {
      v: 1,
      requestId,
      address: { platform: "console", workspace: "W", channel: "C", user: "U" },
      reply: textReply(text),
      outcome: "result",
      enqueuedAt: Date.now(),
    };
    return queues.deliver.add(requestId, payload, { jobId: requestId });
  };
  const sentAt = async (requestId: string): Promise<number> => {
    for (let i = 0; i < 400; i++) {
      if (loopback.sent.some((s) => s.deliveryId === requestId)) return Date.now();
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`nothing sent for ${requestId}`);
  };

  it("holds a result (and a message's later result) until the lock is let go, then sends both", async () => {
    const first = requestIdFor("console", "W", "ev-1");
    const later = requestIdFor("console", "W", "ev-1~1");
    let letGo!: () => void;
    let releasedAt = 0;
    const held = answeringLocks(redis, config.queuePrefix).exclusive(first, async () => {
      await deliver(first, "the result");
      await deliver(later, "the second result");
      await new Promise<void>((r) => {
        letGo = r;
      });
      releasedAt = Date.now();
    });
    await new Promise((r) => setTimeout(r, 600));
    expect(loopback.sent.filter((s) => s.deliveryId === first || s.deliveryId === later)).toEqual([]);
    letGo();
    await held;
    const [a, b] = await Promise.all([sentAt(first), sentAt(later)]);
    expect(Math.min(a, b)).toBeGreaterThanOrEqual(releasedAt);
  });
});
