/**
 * The blob store on the test Redis: binary in, the same bytes out, under the content's id;
 * stored again by keep() unless this process stored it moments ago; shortened (never
 * lengthened) once a reply is sent, at most once per window per process.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  BLOB_TTL_SECONDS,
  blobId,
  blobIdSchema,
  contentBlob,
  KEEP_FRESH_MS,
  RedisBlobStore,
  SENT_BLOB_TTL_SECONDS,
} from "../../src/jobs/blob-store.js";

describe("RedisBlobStore", () => {
  const redis = new Redis(inject("redisUrl"));
  const prefix = `t-blob-${process.pid}`;
  const store = new RedisBlobStore(redis, prefix);
  const key = (id: string) => `${prefix}:blob:${id}`;
  const ttl = (id: string) => redis.ttl(key(id));
  const same = (a: Uint8Array | undefined, b: Uint8Array) => Buffer.compare(a ?? Buffer.alloc(0), b) === 0;
  afterAll(() => redis.quit());

  it("names a blob by its content", () => {
    const bytes = randomBytes(2000);
    expect(blobId(bytes)).toBe(blobId(Uint8Array.from(bytes)));
    expect(blobId(bytes)).not.toBe(blobId(randomBytes(2000)));
    expect(blobIdSchema.safeParse(blobId(bytes)).success).toBe(true);
    expect(blobIdSchema.safeParse("../other-key").success).toBe(false);
  });

  it("returns the stored bytes unchanged, with the full life, and nothing for an unknown id", async () => {
    // Every byte value, including ones that are not valid UTF-8, and a view into a larger buffer.
    const backing = new Uint8Array(600);
    for (let i = 0; i < backing.length; i++) backing[i] = i % 256;
    const blob = contentBlob(backing.subarray(40, 552));
    await store.put(blob);
    expect(same(await store.get(blob.id), blob.bytes)).toBe(true);
    expect(await ttl(blob.id)).toBeGreaterThan(BLOB_TTL_SECONDS - 5);
    expect(await store.get(blobId(randomBytes(10)))).toBeUndefined();
  });

  it("keeps a blob by storing it, then relies on that for a while, then stores it again", async () => {
    let now = 1_000_000;
    const keeper = new RedisBlobStore(redis, prefix, () => now);
    const blob = contentBlob(randomBytes(300));
    await keeper.keep(blob);
    expect(same(await keeper.get(blob.id), blob.bytes)).toBe(true);
    expect(await ttl(blob.id)).toBeGreaterThan(BLOB_TTL_SECONDS - 5);
    // A send cuts the key's life; within the fresh window keep() sends nothing (the life stays cut) ...
    await redis.expire(key(blob.id), SENT_BLOB_TTL_SECONDS);
    now += KEEP_FRESH_MS - 1;
    await keeper.keep(blob);
    expect(await ttl(blob.id)).toBeLessThanOrEqual(SENT_BLOB_TTL_SECONDS);
    // ... which the cut life outlasts by more than a delivery's retries; after it, keep() stores again.
    expect(SENT_BLOB_TTL_SECONDS * 1000 - KEEP_FRESH_MS).toBeGreaterThan(4 * 60_000);
    now += 1;
    await keeper.keep(blob);
    expect(await ttl(blob.id)).toBeGreaterThan(BLOB_TTL_SECONDS - 5);
    await redis.del(key(blob.id));
    now += KEEP_FRESH_MS;
    await keeper.keep(blob);
    expect(same(await keeper.get(blob.id), blob.bytes)).toBe(true);
  });

  it("shortens a sent blob's life but never lengthens it, once per window", async () => {
    let now = 5_000_000;
    const sender = new RedisBlobStore(redis, prefix, () => now);
    const blob = contentBlob(randomBytes(300));
    await sender.put(blob);
    await sender.sent(blob.id);
    expect(await ttl(blob.id)).toBeLessThanOrEqual(SENT_BLOB_TTL_SECONDS);
    expect(await ttl(blob.id)).toBeGreaterThan(SENT_BLOB_TTL_SECONDS - 5);
    await redis.expire(key(blob.id), 20);
    await sender.sent(blob.id);
    expect(await ttl(blob.id)).toBeLessThanOrEqual(20);
    // Within the window a second send leaves the key alone (a longer life only costs memory) ...
    await redis.expire(key(blob.id), BLOB_TTL_SECONDS);
    now += KEEP_FRESH_MS - 1;
    await sender.sent(blob.id);
    expect(await ttl(blob.id)).toBeGreaterThan(BLOB_TTL_SECONDS - 5);
    // ... and after it, cuts it again.
    now += 1;
    await sender.sent(blob.id);
    expect(await ttl(blob.id)).toBeLessThanOrEqual(SENT_BLOB_TTL_SECONDS);
  });
});
