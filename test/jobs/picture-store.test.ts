/**
 * The picture store on the test Redis: binary in, the same bytes out, under the content's id;
 * its life renewed while a reply waits, shortened (never lengthened) once a reply is sent.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  PICTURE_TTL_SECONDS,
  pictureId,
  pictureIdSchema,
  RedisPictureStore,
  SENT_PICTURE_TTL_SECONDS,
} from "../../src/jobs/picture-store.js";

describe("RedisPictureStore", () => {
  const redis = new Redis(inject("redisUrl"));
  const prefix = `t-pic-${process.pid}`;
  const store = new RedisPictureStore(redis, prefix);
  const ttl = (id: string) => redis.ttl(`${prefix}:picture:${id}`);
  afterAll(() => redis.quit());

  it("names a picture by its content", () => {
    const png = randomBytes(2000);
    expect(pictureId(png)).toBe(pictureId(Uint8Array.from(png)));
    expect(pictureId(png)).not.toBe(pictureId(randomBytes(2000)));
    expect(pictureIdSchema.safeParse(pictureId(png)).success).toBe(true);
    expect(pictureIdSchema.safeParse("../other-key").success).toBe(false);
  });

  it("returns the stored bytes unchanged, with the full life, and nothing for an unknown id", async () => {
    // Every byte value, including ones that are not valid UTF-8, and a view into a larger buffer.
    const backing = new Uint8Array(600);
    for (let i = 0; i < backing.length; i++) backing[i] = i % 256;
    const png = backing.subarray(40, 552);
    const id = pictureId(png);
    await store.put(id, png);
    expect(Buffer.compare((await store.get(id)) ?? Buffer.alloc(0), Buffer.from(png))).toBe(0);
    expect(await ttl(id)).toBeGreaterThan(PICTURE_TTL_SECONDS - 5);
    expect(await store.get(pictureId(randomBytes(10)))).toBeUndefined();
  });

  it("renews a stored picture and says when it is gone", async () => {
    const png = randomBytes(300);
    const id = pictureId(png);
    expect(await store.refresh(id)).toBe(false);
    await store.put(id, png);
    await redis.expire(`${prefix}:picture:${id}`, 10);
    expect(await store.refresh(id)).toBe(true);
    expect(await ttl(id)).toBeGreaterThan(PICTURE_TTL_SECONDS - 5);
  });

  it("shortens a sent picture's life but never lengthens it", async () => {
    const png = randomBytes(300);
    const id = pictureId(png);
    await store.put(id, png);
    await store.sent(id);
    expect(await ttl(id)).toBeLessThanOrEqual(SENT_PICTURE_TTL_SECONDS);
    expect(await ttl(id)).toBeGreaterThan(SENT_PICTURE_TTL_SECONDS - 5);
    await redis.expire(`${prefix}:picture:${id}`, 20);
    await store.sent(id);
    expect(await ttl(id)).toBeLessThanOrEqual(20);
  });
});
