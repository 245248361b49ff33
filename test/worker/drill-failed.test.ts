/**
 * The worker's `drill` consumer: a post goes to `deliver`; a job that fails its last attempt
 * asks `drillFailed` once and delivers the apology it returns (outcome `drill`), and nothing when
 * it returns none.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { textReply, toPlainText } from "../../src/core/reply.js";
import type { DeliverPayload, DrillPayload } from "../../src/jobs/payloads.js";
import { openQueues, type QueueSet } from "../../src/jobs/queue-set.js";
import { runWorker, type WorkerHandle } from "../../worker/index.js";
import { testEnv } from "../jobs/support/loopback.js";

const address = (channel: string) => ({ platform: "slack" as const, workspace: "T1", channel });

async function until<T>(get: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await get();
    if (v !== undefined) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("worker: drill jobs", () => {
  const config = loadConfig(testEnv(inject("redisUrl"), `t-wdrill-${process.pid}`, { SANDBOX_THREADS: "1" }));
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const queues: QueueSet = openQueues(redis, config.queuePrefix);
  const sourceCalls: string[] = [];
  const failedCalls: string[] = [];
  let worker: WorkerHandle;

  const delivered = async (channel: string): Promise<DeliverPayload[]> =>
    (await queues.deliver.getJobs(["waiting", "delayed", "active", "completed", "failed"]))
      .map((j) => j.data)
      .filter((d) => d.address.channel === channel);

  beforeAll(async () => {
    worker = await runWorker(config, {
      drills: async (p: DrillPayload) => {
        sourceCalls.push(p.address.channel);
        if (p.address.channel.startsWith("broken")) throw new Error("no drill to post");
        return textReply(`drill for ${p.address.channel}`);
      },
      drillFailed: async (p: DrillPayload) => {
        failedCalls.push(p.address.channel);
        return p.address.channel === "broken-quiet" ? undefined : textReply(`sorry, ${p.address.channel}`);
      },
    });
  }, 30_000);
  afterAll(async () => {
    await worker?.close();
    await queues.close();
    await redis.quit();
  });

  it("delivers a drill post", async () => {
    await queues.drill.add("drill", { v: 1, address: address("ok"), timeZone: "UTC" });
    const [d] = await until(async () => ((await delivered("ok")).length > 0 ? delivered("ok") : undefined), "post");
    expect(d?.outcome).toBe("drill");
    expect(toPlainText(d!.reply!)).toBe("drill for ok");
  });

  it("asks for the apology once, after the last attempt, and delivers it", async () => {
    await queues.drill.add(
      "drill",
      { v: 1, address: address("broken"), timeZone: "UTC" },
      { attempts: 2, backoff: { type: "fixed", delay: 10 } },
    );
    const [d] = await until(
      async () => ((await delivered("broken")).length > 0 ? delivered("broken") : undefined),
      "apology",
    );
    expect(d?.outcome).toBe("drill");
    expect(toPlainText(d!.reply!)).toBe("sorry, broken");
    expect(sourceCalls.filter((c) => c === "broken")).toHaveLength(2);
    expect(failedCalls.filter((c) => c === "broken")).toHaveLength(1);
  });

  it("delivers nothing when the channel was already told", async () => {
    await queues.drill.add("drill", { v: 1, address: address("broken-quiet"), timeZone: "UTC" }, { attempts: 1 });
    await until(async () => (failedCalls.includes("broken-quiet") ? true : undefined), "drillFailed call");
    await new Promise((r) => setTimeout(r, 200));
    expect(await delivered("broken-quiet")).toEqual([]);
  });
});
