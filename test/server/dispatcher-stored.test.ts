/**
 * Replies whose body and picture wait in the blob store: the bot's dispatcher reads them when it
 * sends (from its own copy when it sent the same content before), shortens their life once sent,
 * and, when something has expired, still sends one reply saying so.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { type Reply, textReply, toPlainText } from "../../src/core/reply.js";
import { contentBlob, RedisBlobStore, SENT_BLOB_TTL_SECONDS } from "../../src/jobs/blob-store.js";
import type { DeliverPayload } from "../../src/jobs/payloads.js";
import { openQueues, type QueueSet } from "../../src/jobs/queue-set.js";
import { PICTURE_EXPIRED_NOTE, REPLY_EXPIRED_TEXT } from "../../src/server/dispatcher.js";
import { runServe, type ServeHandle } from "../../src/server/serve.js";
import { Loopback, testEnv } from "../jobs/support/loopback.js";

describe("dispatcher: replies stored by reference", () => {
  const config = loadConfig(testEnv(inject("redisUrl"), `t-dstore-${process.pid}`));
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const queues: QueueSet = openQueues(redis, config.queuePrefix);
  const blobs = new RedisBlobStore(redis, config.queuePrefix);
  const loopback = new Loopback();
  const key = (id: string) => `${config.queuePrefix}:blob:${id}`;
  let bot: ServeHandle;

  beforeAll(async () => {
    bot = await runServe(config, { adapters: [{ platform: "console", send: loopback.sender }] });
  }, 30_000);
  afterAll(async () => {
    await bot?.close();
    await queues.close();
    await redis.quit();
  });

  const replyBlob = (reply: Reply) => contentBlob(Buffer.from(JSON.stringify(reply), "utf8"));
  const deliver = (requestId: string, body: { reply: Reply } | { storedReply: string }, pictureId?: string) => {
    const payload: DeliverPayload = {
      v: 1,
      requestId,
      address: { platform: "console", workspace: "W", channel: "C", user: "U" },
      ...("reply" in body ? { reply: body.reply } : { storedReply: { id: body.storedReply } }),
      ...(pictureId ? { picture: { id: pictureId, filename: "cluster.png", alt: "the cluster" } } : {}),
      outcome: "result",
      enqueuedAt: Date.now(),
    };
    return queues.deliver.add(requestId, payload, { jobId: requestId });
  };
  const sentReply = async (requestId: string) => {
    for (let i = 0; i < 200 && !loopback.sent.some((s) => s.deliveryId === requestId); i++)
      await new Promise((r) => setTimeout(r, 25));
    const reply = loopback.sent.find((s) => s.deliveryId === requestId)?.reply;
    if (!reply) throw new Error(`nothing sent for ${requestId}`);
    return reply;
  };

  it("sends the stored reply with the stored picture as its image, and shortens both lives", async () => {
    const body = replyBlob(textReply("the stored result"));
    const png = contentBlob(randomBytes(5000));
    await blobs.put(body);
    await blobs.put(png);
    await deliver("stored.both", { storedReply: body.id }, png.id);
    const reply = await sentReply("stored.both");
    expect(toPlainText(reply)).toContain("the stored result");
    expect(reply.image?.filename).toBe("cluster.png");
    expect(reply.image?.alt).toBe("the cluster");
    expect(Buffer.compare(Buffer.from(reply.image?.pngBase64 ?? "", "base64"), png.bytes)).toBe(0);
    expect(toPlainText(reply)).not.toContain(PICTURE_EXPIRED_NOTE);
    for (const id of [body.id, png.id]) {
      const ttl = await redis.ttl(key(id));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(SENT_BLOB_TTL_SECONDS);
    }
  });

  it("sends content it sent before from its own copy, without reading the store", async () => {
    const body = replyBlob(textReply("sent twice"));
    const png = contentBlob(randomBytes(3000));
    await blobs.put(body);
    await blobs.put(png);
    await deliver("copy.first", { storedReply: body.id }, png.id);
    await sentReply("copy.first");
    // The keys are gone: only the bot's in-process copies can still send them.
    await redis.del(key(body.id), key(png.id));
    await deliver("copy.again", { storedReply: body.id }, png.id);
    const reply = await sentReply("copy.again");
    expect(toPlainText(reply)).toContain("sent twice");
    expect(Buffer.compare(Buffer.from(reply.image?.pngBase64 ?? "", "base64"), png.bytes)).toBe(0);
  });

  it("sends an inline reply's text once, saying the picture expired, when it is gone", async () => {
    await deliver("pic.expired", { reply: textReply("result of pic.expired") }, contentBlob(randomBytes(100)).id);
    const reply = await sentReply("pic.expired");
    expect(reply.image).toBeUndefined();
    expect(toPlainText(reply)).toContain("result of pic.expired");
    expect(toPlainText(reply)).toContain(PICTURE_EXPIRED_NOTE);
    await new Promise((r) => setTimeout(r, 300));
    expect(loopback.countsById()["pic.expired"]).toBe(1);
  });

  it("sends one reply saying so when the stored reply has expired", async () => {
    await deliver("reply.expired", { storedReply: replyBlob(textReply("never stored")).id });
    const reply = await sentReply("reply.expired");
    expect(toPlainText(reply)).toBe(REPLY_EXPIRED_TEXT);
    await new Promise((r) => setTimeout(r, 300));
    expect(loopback.countsById()["reply.expired"]).toBe(1);
    expect(loopback.attempts).toBe(loopback.sent.length);
  });
});
