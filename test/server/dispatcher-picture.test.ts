/**
 * A reply whose picture waits in the picture store: the bot's dispatcher attaches the stored
 * bytes when it sends (from its own copy when it sent the same picture before); once the picture
 * has expired it still sends the text, once, saying so.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { textReply, toPlainText } from "../../src/core/reply.js";
import type { DeliverPayload } from "../../src/jobs/payloads.js";
import { pictureId, RedisPictureStore, SENT_PICTURE_TTL_SECONDS } from "../../src/jobs/picture-store.js";
import { openQueues, type QueueSet } from "../../src/jobs/queue-set.js";
import { PICTURE_EXPIRED_NOTE } from "../../src/server/dispatcher.js";
import { runServe, type ServeHandle } from "../../src/server/serve.js";
import { Loopback, testEnv } from "../jobs/support/loopback.js";

describe("dispatcher: replies with a stored picture", () => {
  const config = loadConfig(testEnv(inject("redisUrl"), `t-dpic-${process.pid}`));
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const queues: QueueSet = openQueues(redis, config.queuePrefix);
  const pictures = new RedisPictureStore(redis, config.queuePrefix);
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

  const deliver = (requestId: string, id: string) => {
    const payload: DeliverPayload = {
      v: 1,
      requestId,
      address: { platform: "console", workspace: "W", channel: "C", user: "U" },
      reply: textReply(`result of ${requestId}`),
      picture: { id, filename: "cluster.png", alt: "the cluster" },
      outcome: "result",
      enqueuedAt: Date.now(),
    };
    return queues.deliver.add(requestId, payload, { jobId: requestId });
  };

  it("sends the stored bytes as the reply's image, and shortens the picture's life", async () => {
    const png = randomBytes(5000);
    const id = pictureId(png);
    await pictures.put(id, png);
    await deliver("pic.stored", id);
    const [sent] = await loopback.waitFor(1);
    expect(sent?.deliveryId).toBe("pic.stored");
    expect(toPlainText(sent!.reply)).toContain("result of pic.stored");
    expect(sent!.reply.image?.filename).toBe("cluster.png");
    expect(sent!.reply.image?.alt).toBe("the cluster");
    expect(Buffer.compare(Buffer.from(sent!.reply.image?.pngBase64 ?? "", "base64"), png)).toBe(0);
    expect(toPlainText(sent!.reply)).not.toContain(PICTURE_EXPIRED_NOTE);
    const ttl = await redis.ttl(`${config.queuePrefix}:picture:${id}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(SENT_PICTURE_TTL_SECONDS);
  });

  it("sends a picture it sent before from its own copy, without reading the store", async () => {
    const png = randomBytes(3000);
    const id = pictureId(png);
    await pictures.put(id, png);
    const before = loopback.sent.length;
    await deliver("pic.first", id);
    await loopback.waitFor(before + 1);
    // The key is gone: only the bot's in-process copy can still attach the picture.
    await redis.del(`${config.queuePrefix}:picture:${id}`);
    await deliver("pic.again", id);
    const sent = await loopback.waitFor(before + 2);
    const reply = sent.find((s) => s.deliveryId === "pic.again")?.reply;
    expect(Buffer.compare(Buffer.from(reply?.image?.pngBase64 ?? "", "base64"), png)).toBe(0);
    expect(toPlainText(reply!)).not.toContain(PICTURE_EXPIRED_NOTE);
  });

  it("sends the text once, saying the picture expired, when it is gone", async () => {
    const before = loopback.sent.length;
    await deliver("pic.expired", pictureId(randomBytes(100)));
    const sent = await loopback.waitFor(before + 1);
    const reply = sent.find((s) => s.deliveryId === "pic.expired")?.reply;
    expect(reply?.image).toBeUndefined();
    expect(toPlainText(reply!)).toContain("result of pic.expired");
    expect(toPlainText(reply!)).toContain(PICTURE_EXPIRED_NOTE);
    await new Promise((r) => setTimeout(r, 300));
    expect(loopback.countsById()["pic.expired"]).toBe(1);
    expect(loopback.attempts).toBe(loopback.sent.length);
  });
});
