/**
 * Jobs benchmark (issue 6): 2,000 simulate jobs from 200 simulated learners through the real path
 * (producer → Redis → worker → sandbox pool → deliver queue → dispatcher → loopback platform),
 * beside BullMQ no-op jobs on the same Redis in the same run. Starts its own redis-server on a
 * free port (persistence off), so it never touches another Redis.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/core/logger.js";
import { simulationRequestOf } from "../src/jobs/producer.js";
import { simulate } from "../src/sandbox/simulate.js";
import { runServe } from "../src/server/serve.js";
import { runWorker } from "../worker/index.js";
import { SandboxPool } from "../worker/sandbox-pool.js";
import type { SimulateTask, SimulateTaskResult } from "../worker/simulate-task.js";
import { type BenchSection, fmt, median, percentile } from "./stats.js";

const JOBS = 2000;
const LEARNERS = 200;
const CONCURRENCY = 2;
const PASTE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80}]
        envFrom: [{configMapRef: {name: web-config}}]
        resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 128Mi}}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 80}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-config}
data: {MODE: prod}
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

async function startRedis(): Promise<{ url: string; child: ChildProcess }> {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  for (let i = 0; i < 200; i++) {
    if (spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" }).stdout?.trim() === "PONG") break;
    await sleep(25);
  }
  return { url: `redis://127.0.0.1:${port}`, child };
}

/** Waits until `done()` or throws after `ms`. */
async function waitUntil(done: () => boolean, ms: number, what: string): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > ms) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Enqueue → processor start (BullMQ's own `processedOn − timestamp`) of finished jobs, in ms. */
async function startLatencies(queue: Queue, ids: Set<string>): Promise<number[]> {
  const jobs = await queue.getJobs(["completed"], 0, -1);
  return jobs.filter((j) => j?.id && ids.has(j.id)).map((j) => (j.processedOn ?? 0) - j.timestamp);
}

/** No-op BullMQ jobs: throughput of `n` jobs, and idle enqueue→start latency (one job every 20 ms). */
async function noop(url: string): Promise<{ throughput: number; idleStart: number[] }> {
  const conn = new Redis(url, { maxRetriesPerRequest: null });
  const queue = new Queue("noop", { connection: conn, prefix: "bench" });
  let done = 0;
  const worker = new Worker("noop", async () => undefined, {
    connection: conn,
    prefix: "bench",
    concurrency: CONCURRENCY,
  });
  worker.on("completed", () => {
    done++;
  });
  await worker.waitUntilReady();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: JOBS }, (_, i) => queue.add("noop", { i }, { jobId: `n${i}` })));
  await waitUntil(() => done >= JOBS, 60_000, "no-op jobs");
  const throughput = JOBS / ((performance.now() - t0) / 1000);
  const ids = new Set<string>();
  for (let i = 0; i < 200; i++) {
    ids.add(`idle${i}`);
    await queue.add("noop", {}, { jobId: `idle${i}` });
    await sleep(20);
  }
  await waitUntil(() => done >= JOBS + 200, 10_000, "idle no-op jobs");
  const idleStart = await startLatencies(queue, ids);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await conn.quit();
  return { throughput, idleStart };
}

/** Sandbox overhead per job: pooled round trip minus the simulation's own time, and in-process time. */
async function sandboxOverhead(): Promise<{ overhead: number[]; inProcess: number[]; pooled: number[] }> {
  const pool = new SandboxPool<SimulateTask, SimulateTaskResult>({
    script: new URL(`../worker/simulate-thread${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url),
    size: 1,
    memoryMb: 256,
    timeoutMs: 10_000,
  });
  await pool.start();
  const overhead: number[] = [];
  const pooled: number[] = [];
  for (let i = 0; i < 600; i++) {
    const t = performance.now();
    const o = await pool.run({ manifests: PASTE, seed: i });
    const total = performance.now() - t;
    if (i >= 100 && o.ok) {
      overhead.push(o.overheadMs);
      pooled.push(total);
    }
  }
  await pool.close();
  const inProcess: number[] = [];
  for (let i = 0; i < 600; i++) {
    const t = performance.now();
    simulate({ manifests: PASTE, seed: i });
    if (i >= 100) inProcess.push(performance.now() - t);
  }
  return { overhead, inProcess, pooled };
}

export async function benchJobs(): Promise<BenchSection> {
  const redis = await startRedis();
  try {
    const base = await noop(redis.url);
    const sandbox = await sandboxOverhead();

    const config = loadConfig({
      REDIS_URL: redis.url,
      QUEUE_PREFIX: "bench-sim",
      HTTP_HOST: "127.0.0.1",
      HTTP_PORT: "0",
      LOG_LEVEL: "silent",
      WORKER_CONCURRENCY: String(CONCURRENCY),
    });
    const delivered = new Map<string, number>();
    const logger = createLogger({ level: "silent" });
    const bot = await runServe(config, {
      logger,
      adapters: [{ platform: "console", send: async (_a, _r, ctx) => void delivered.set(ctx.deliveryId, Date.now()) }],
    });
    const worker = await runWorker(config, { logger });
    let rss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      rss = Math.max(rss, process.memoryUsage().rss);
    }, 50);

    // Full load: 2,000 requests from 200 learners, each in their own channel (10 each: at the limit).
    const enqueuedAt = new Map<string, number>();
    const reqs = Array.from({ length: JOBS }, (_, i) => {
      const learner = i % LEARNERS;
      return simulationRequestOf(
        {
          eventId: `ev${i}`,
          platform: "console",
          workspace: "bench",
          channel: `c${learner}`,
          user: `u${learner}`,
          direct: false,
          text: "",
          attachments: [],
        },
        PASTE,
      );
    });
    const t0 = Date.now();
    for (let i = 0; i < reqs.length; i += 50) {
      await Promise.all(
        reqs.slice(i, i + 50).map(async (r) => {
          enqueuedAt.set(r.requestId, Date.now());
          const s = await bot.producer.submit(r);
          if (s.status !== "queued") throw new Error(`bench: request ${r.requestId} was ${s.status}`);
        }),
      );
    }
    await waitUntil(() => delivered.size >= JOBS, 300_000, "simulations to be delivered");
    const simThroughput = JOBS / ((Math.max(...delivered.values()) - t0) / 1000);
    const e2e = sorted(reqs.map((r) => (delivered.get(r.requestId) ?? 0) - (enqueuedAt.get(r.requestId) ?? 0)));

    // Half capacity: a steady stream at 50% of the measured throughput; enqueue → processor start.
    const halfIds = new Set<string>();
    const rate = simThroughput / 2;
    const halfJobs = Math.min(600, Math.max(100, Math.round(rate * 5)));
    const start = Date.now();
    for (let i = 0; i < halfJobs; i++) {
      const due = start + (i * 1000) / rate;
      if (due > Date.now()) await sleep(due - Date.now());
      const r = simulationRequestOf(
        {
          eventId: `half${i}`,
          platform: "console",
          workspace: "bench",
          channel: `h${i}`,
          user: `h${i}`,
          direct: false,
          text: "",
          attachments: [],
        },
        PASTE,
      );
      halfIds.add(r.requestId);
      await bot.producer.submit(r);
    }
    await waitUntil(() => [...halfIds].every((id) => delivered.has(id)), 120_000, "half-capacity simulations");
    const halfStart = sorted(await startLatencies(bot.queues.simulate as unknown as Queue, halfIds));
    clearInterval(sampler);
    await worker.close();
    await bot.close();

    const idle = sorted(base.idleStart);
    const idleP99 = percentile(idle, 99);
    const halfP99 = percentile(halfStart, 99);
    const ratio = simThroughput / base.throughput;
    const overheadP50 = median(sandbox.overhead);
    return {
      name: "Jobs: simulate through BullMQ (issue 6)",
      lines: [
        `Own redis-server on loopback (persistence off); bot, worker (concurrency ${CONCURRENCY}, ${CONCURRENCY} sandbox threads) and load generator in one process. Typical paste: Deployment of 3 + Service + ConfigMap.`,
        "",
        "| measure | value |",
        "|---|---:|",
        `| BullMQ no-op jobs, ${JOBS.toLocaleString("en-US")} (concurrency ${CONCURRENCY}) | ${fmt(base.throughput, 0)} jobs/s |`,
        `| simulate jobs, ${JOBS.toLocaleString("en-US")} from ${LEARNERS} learners, enqueue → delivered | ${fmt(simThroughput, 0)} jobs/s |`,
        `| **ratio simulate / no-op** (goal ≥ 0.33) | **${fmt(ratio, 2)}** |`,
        `| enqueue → delivered, p50 / p99 (burst of ${JOBS.toLocaleString("en-US")}) | ${fmt(percentile(e2e, 50), 1)} / ${fmt(percentile(e2e, 99), 1)} ms |`,
        `| idle no-op enqueue → processor start, p50 / p99 | ${fmt(percentile(idle, 50), 2)} / ${fmt(idleP99, 2)} ms |`,
        `| simulate enqueue → processor start at half capacity (${fmt(rate, 0)} jobs/s), p50 / p99 | ${fmt(percentile(halfStart, 50), 2)} / ${fmt(halfP99, 2)} ms |`,
        `| **ratio half-capacity p99 / idle p99** (goal ≤ 2) | **${fmt(halfP99 / idleP99, 2)}** |`,
        `| sandbox overhead per job (round trip − simulation), p50 / p99 (goal p50 ≤ 0.3 ms) | **${fmt(overheadP50, 3)}** / ${fmt(percentile(sorted(sandbox.overhead), 99), 3)} ms |`,
        `| same paste in-process vs through the pool, p50 | ${fmt(median(sandbox.inProcess), 3)} vs ${fmt(median(sandbox.pooled), 3)} ms |`,
        `| peak RSS under load (bot + worker + sandbox threads + load generator) | ${fmt(rss / 2 ** 20, 0)} MiB |`,
        "",
        "BullMQ's timestamps measure enqueue → processor start (`processedOn − timestamp`, ms resolution). Memory is the whole bench process, an upper bound for one worker.",
      ],
    };
  } finally {
    redis.child.kill("SIGTERM");
  }
}
