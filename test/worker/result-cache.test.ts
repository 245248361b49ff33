/**
 * The worker's result cache: a bounded, least-recently-used map from a task's every input to its
 * finished reply; and, through a real worker on the test Redis, identical pastes answered once
 * by the sandbox and then from the cache, with the same reply and picture (stored once, by
 * reference, and stored again when they expired meanwhile).
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { toPlainText } from "../../src/core/reply.js";
import { contentBlob, RedisBlobStore, SENT_BLOB_TTL_SECONDS } from "../../src/jobs/blob-store.js";
import type { DeliverPayload } from "../../src/jobs/payloads.js";
import { openQueues, type QueueSet } from "../../src/jobs/queue-set.js";
import { runWorker, type WorkerHandle } from "../../worker/index.js";
import { ResultCache, resultBytes, taskKey } from "../../worker/result-cache.js";
import type { SimulateTaskResult } from "../../worker/simulate-task.js";
import { TYPICAL_PASTE, testEnv } from "../jobs/support/loopback.js";

const result = (text: string): SimulateTaskResult => ({
  reply: contentBlob(Buffer.from(text, "utf8")),
  sizes: { objects: 1, pods: 1, events: 0, rejected: 0, errors: 0 },
});

describe("taskKey", () => {
  it("differs when any input that changes the output differs, and only then", () => {
    const base = { manifests: "a", cluster: "c", atSeconds: 60, actions: ["1m: x"], seed: 7 };
    const keys = [
      base,
      { ...base, manifests: "b" },
      { ...base, cluster: undefined },
      { ...base, atSeconds: 61 },
      { ...base, actions: ["1m: y"] },
      { ...base, seed: 8 },
      { manifests: "a" },
    ].map(taskKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(taskKey({ ...base })).toBe(keys[0]);
  });
});

describe("ResultCache", () => {
  it("counts a result's picture bytes and reply bytes", () => {
    const withPicture = { ...result("x"), picture: { ...contentBlob(new Uint8Array(5000)), filename: "f", alt: "a" } };
    expect(resultBytes(withPicture)).toBe(resultBytes(result("x")) + 5000);
    expect(resultBytes(result("x".repeat(100))) - resultBytes(result(""))).toBe(100);
  });

  it("keeps results within its byte budget, dropping the least recently used first", () => {
    const one = resultBytes(result("x".repeat(100)));
    const cache = new ResultCache(one * 4 + 10);
    for (const k of ["a", "b", "c", "d"]) cache.set(k, result("x".repeat(100)));
    expect(cache.get("a")?.reply.bytes.byteLength).toBe(100); // a is now the most recent
    cache.set("e", result("x".repeat(100)));
    expect(cache.get("b")).toBeUndefined();
    expect(["a", "c", "d", "e"].every((k) => cache.get(k) !== undefined)).toBe(true);
    expect(cache.stats().entries).toBe(4);
    expect(cache.stats().size).toBeLessThanOrEqual(one * 4 + 10);
  });

  it("does not keep a result larger than a quarter of its budget", () => {
    const cache = new ResultCache(1000);
    cache.set("big", result("x".repeat(300)));
    expect(cache.get("big")).toBeUndefined();
    expect(cache.stats()).toEqual({ entries: 0, size: 0 });
  });
});

describe("worker: identical pastes", () => {
  const config = loadConfig(testEnv(inject("redisUrl"), `t-wcache-${process.pid}`, { SANDBOX_THREADS: "1" }));
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const queues: QueueSet = openQueues(redis, config.queuePrefix);
  const blobs = new RedisBlobStore(redis, config.queuePrefix);
  let worker: WorkerHandle;
  /** The worker's clock, moved forward where a test needs time to pass. */
  let clock = Date.now();

  beforeAll(async () => {
    worker = await runWorker(config, { now: () => clock });
  }, 30_000);
  afterAll(async () => {
    await worker?.close();
    await queues.close();
    await redis.quit();
  });

  const submit = (requestId: string, extra: { seed?: number } = {}) =>
    queues.simulate.add(
      requestId,
      {
        v: 1,
        requestId,
        address: { platform: "console", workspace: "W", channel: requestId, user: "U" },
        manifests: TYPICAL_PASTE,
        enqueuedAt: Date.now(),
        ...extra,
      },
      { jobId: requestId },
    );
  const reply = async (requestId: string): Promise<DeliverPayload> => {
    for (let i = 0; i < 300; i++) {
      const job = await queues.deliver.getJob(requestId);
      if (job) return job.data;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no reply for ${requestId}`);
  };
  const counts = async () => {
    const values = (await worker.metrics.resultCache.get()).values;
    return Object.fromEntries(values.map((v) => [v.labels.result, v.value]));
  };

  it("simulates the first, answers the second from the cache with the same reply, and a new seed simulates", async () => {
    await submit("cache.one");
    const first = await reply("cache.one");
    await submit("cache.two");
    const second = await reply("cache.two");
    expect(second.outcome).toBe("result");
    // Reply and picture travel by reference: the payload holds their ids, the store their bytes.
    expect(second.reply).toBeUndefined();
    expect(second.storedReply).toEqual(first.storedReply);
    expect(second.picture).toEqual(first.picture);
    expect(second.picture?.filename).toBe("cluster.png");
    const body = JSON.parse((await blobs.get(second.storedReply?.id ?? ""))?.toString("utf8") ?? "null");
    expect(toPlainText(body)).toContain("What the cluster would do");
    expect(body.image).toBeUndefined();
    const png = await blobs.get(second.picture?.id ?? "");
    expect(png?.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png?.length ?? 0).toBeGreaterThan(1000);
    expect(JSON.stringify(second).length).toBeLessThan(600);
    expect(await counts()).toEqual({ miss: 1, hit: 1 });
    await submit("cache.three", { seed: 42 });
    await reply("cache.three");
    expect(await counts()).toEqual({ miss: 2, hit: 1 });
  }, 30_000);

  it("stores a cached result's reply and picture again when they have expired", async () => {
    await submit("cache.four");
    const first = await reply("cache.four");
    const ids = [first.storedReply?.id ?? "", first.picture?.id ?? ""];
    const stored = await Promise.all(ids.map((id) => blobs.get(id)));
    // The longest a blob can be gone for after this worker stored it is after its cut-down life
    // following a send; by then the worker no longer relies on having stored it.
    await redis.del(...ids.map((id) => `${config.queuePrefix}:blob:${id}`));
    clock += SENT_BLOB_TTL_SECONDS * 1000;
    const before = await counts();
    await submit("cache.five");
    const again = await reply("cache.five");
    expect([again.storedReply?.id, again.picture?.id]).toEqual(ids);
    expect(await counts()).toEqual({ ...before, hit: (before.hit ?? 0) + 1 });
    for (const [i, id] of ids.entries())
      expect(Buffer.compare((await blobs.get(id)) ?? Buffer.alloc(0), stored[i] ?? Buffer.alloc(1))).toBe(0);
  }, 30_000);
});
