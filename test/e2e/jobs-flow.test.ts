/**
 * The whole job path in one process against the test Redis: a paste is submitted by the bot's
 * producer, simulated by the worker in its sandbox pool, and delivered once through a loopback
 * platform; duplicates, limits and platform failures are each answered exactly once.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { toPlainText } from "../../src/core/reply.js";
import { type SubmitResult, simulationRequestOf } from "../../src/jobs/producer.js";
import { runServe, type ServeHandle } from "../../src/server/serve.js";
import { runWorker, type WorkerHandle } from "../../worker/index.js";
import { Loopback, message, TYPICAL_PASTE, testEnv } from "../jobs/support/loopback.js";

describe("jobs: enqueue → worker → delivery", () => {
  const loopback = new Loopback();
  const config = loadConfig(testEnv(inject("redisUrl"), `t-flow-${process.pid}`));
  let bot: ServeHandle;
  let worker: WorkerHandle;

  beforeAll(async () => {
    bot = await runServe(config, { adapters: [{ platform: "console", send: loopback.sender }] });
    worker = await runWorker(config);
  }, 60_000);
  afterAll(async () => {
    await bot?.close();
    await worker?.close();
  }, 30_000);

  it("answers a typical paste with the simulation, once, at the request's address", async () => {
    const req = simulationRequestOf(message("ev-typical"), TYPICAL_PASTE);
    expect(await bot.producer.submit(req)).toEqual({ status: "queued", requestId: req.requestId });
    const [sent] = await loopback.waitFor(1);
    expect(sent?.deliveryId).toBe(req.requestId);
    expect(sent?.address).toEqual({ platform: "console", workspace: "W1", channel: "C1", user: "U1" });
    expect(toPlainText(sent!.reply)).toContain("What the cluster would do");
    // The cluster picture travels with the reply, rendered in the sandbox thread.
    expect(sent!.reply.image?.filename).toBe("cluster.png");
    expect(
      Buffer.from(sent!.reply.image?.pngBase64 ?? "", "base64")
        .subarray(1, 4)
        .toString("latin1"),
    ).toBe("PNG");
  });

  it("treats a retried platform event as the same request: one job, one reply", async () => {
    const before = loopback.sent.length;
    const req = simulationRequestOf(message("ev-retried"), TYPICAL_PASTE);
    const results = await Promise.all([bot.producer.submit(req), bot.producer.submit(req), bot.producer.submit(req)]);
    expect(results.map((r) => r.status).sort()).toEqual(["duplicate", "duplicate", "queued"]);
    await loopback.waitFor(before + 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(loopback.countsById()[req.requestId]).toBe(1);
    expect(await bot.producer.submit(req)).toEqual({ status: "duplicate", requestId: req.requestId });
  });

  it("refuses an oversized paste with the limit's name, without a simulate job", async () => {
    const before = loopback.sent.length;
    const req = simulationRequestOf(message("ev-big"), `# ${"x".repeat(1024 * 1024)}`);
    const r = await bot.producer.submit(req);
    expect(r.status).toBe("rejected");
    const sent = await loopback.waitFor(before + 1);
    const refusal = sent.find((s) => s.deliveryId === req.requestId);
    expect(toPlainText(refusal!.reply)).toContain("paste size limit (1 MiB)");
    expect(await bot.queues.simulate.getJob(req.requestId)).toBeUndefined();
  });

  it("answers the 11th request of a learner within a minute politely, with when to retry", async () => {
    const before = loopback.sent.length;
    const results: SubmitResult[] = [];
    for (let i = 0; i < 11; i++)
      results.push(
        await bot.producer.submit(simulationRequestOf(message(`ev-burst-${i}`, "U-burst", "C-burst"), TYPICAL_PASTE)),
      );
    expect(results.slice(0, 10).every((r) => r.status === "queued")).toBe(true);
    expect(results[10]).toMatchObject({ status: "limited" });
    const sent = await loopback.waitFor(before + 11, 30_000);
    const limited = sent.find((s) => s.deliveryId === results[10]?.requestId);
    expect(toPlainText(limited!.reply)).toMatch(/Please try again in (\d+ seconds?|1 minute)/);
    expect(limited!.reply.private).toBe(true);
  }, 40_000);

  it("retries a failing platform with back-off and still sends one reply", async () => {
    const before = loopback.sent.length;
    loopback.failures = 2;
    const req = simulationRequestOf(message("ev-flaky"), TYPICAL_PASTE);
    await bot.producer.submit(req);
    await loopback.waitFor(before + 1, 20_000);
    expect(loopback.countsById()[req.requestId]).toBe(1);
  }, 30_000);

  it("serves health, readiness and metrics on both processes", async () => {
    for (const port of [bot.port, worker.port]) {
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        ready: true,
        checks: [
          { name: "redis", ok: true },
          { name: "queues", ok: true },
        ],
      });
      expect((await fetch(`http://127.0.0.1:${port}/nope`)).status).toBe(404);
    }
    const workerMetrics = await (await fetch(`http://127.0.0.1:${worker.port}/metrics`)).text();
    expect(
      sample(workerMetrics, "podsensei_jobs_total", { queue: "simulate", outcome: "result", role: "worker" }),
    ).toBeGreaterThan(0);
    expect(sample(workerMetrics, "podsensei_job_duration_seconds_count", { queue: "simulate" })).toBeGreaterThan(0);
    expect(sample(workerMetrics, "podsensei_simulation_objects_count", {})).toBeGreaterThan(0);
    expect(sample(workerMetrics, "podsensei_sandbox_overhead_seconds_count", {})).toBeGreaterThan(0);
    expect(
      sample(workerMetrics, "podsensei_queue_depth", { queue: "simulate", state: "waiting" }),
    ).toBeGreaterThanOrEqual(0);
    const botMetrics = await (await fetch(`http://127.0.0.1:${bot.port}/metrics`)).text();
    expect(
      sample(botMetrics, "podsensei_jobs_total", { queue: "deliver", outcome: "sent", role: "bot" }),
    ).toBeGreaterThan(0);
    expect(sample(botMetrics, "podsensei_rate_limited_total", { scope: "learner" })).toBe(1);
    expect(sample(botMetrics, "podsensei_request_latency_seconds_count", { outcome: "result" })).toBeGreaterThan(0);
  });
});

/** The value of the first sample of `name` carrying every label in `labels` (label order free). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split("\n")) {
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}
