/**
 * Jobs benchmark (issue 6): 2,000 simulate jobs from 200 simulated learners through the real path
 * (producer → Redis → worker → sandbox pool → deliver queue → dispatcher → loopback platform),
 * beside BullMQ no-op jobs on the same Redis in the same run. Run twice: 2,000 identical pastes
 * (a lesson's paste: the worker's result cache answers all but the first) and 2,000 distinct
 * pastes (every job simulates and draws). Starts its own redis-server on a free port
 * (persistence off), so it never touches another Redis.
 *
 * Enqueue → processor start uses our own clock (`performance.timeOrigin + performance.now()`)
 * at both ends, for no-op and simulate jobs alike: BullMQ's timestamps have 1 ms resolution.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { type Job, Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/core/logger.js";
import { simulationRequestOf } from "../src/jobs/producer.js";
import { runServe } from "../src/server/serve.js";
import { runWorker } from "../worker/index.js";
import { SandboxPool } from "../worker/sandbox-pool.js";
import { type SimulateTask, type SimulateTaskResult, simulateTask } from "../worker/simulate-task.js";
import { TYPICAL_PASTE } from "./simulate.js";
import { type BenchSection, fmt, median, percentile } from "./stats.js";

const JOBS = 2000;
const LEARNERS = 200;
/** BullMQ concurrency of the worker and of the no-op baseline alike. */
const CONCURRENCY = 4;
/** Sandbox threads: one per core. Concurrency above it keeps them fed across Redis round trips. */
const THREADS = 2;
/** The same typical paste as the in-process bench (bench/simulate.ts). */
const PASTE = TYPICAL_PASTE;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
/** Milliseconds since the epoch with sub-millisecond resolution. */
const hrNow = () => performance.timeOrigin + performance.now();

/** Learner `i`'s own paste: every name differs, so nothing can be reused between them. */
const distinctPaste = (i: number) => PASTE.replaceAll("web", `web${i}`);

export async function startRedis(): Promise<{ url: string; child: ChildProcess }> {
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

/** Redis' own count of bytes it has read and written since it started. */
async function redisNet(url: string): Promise<{ input: number; output: number }> {
  const redis = new Redis(url);
  const info = await redis.info("stats");
  await redis.quit();
  const num = (field: string) => Number(new RegExp(`^${field}:(\\d+)`, "m").exec(info)?.[1] ?? Number.NaN);
  return { input: num("total_net_input_bytes"), output: num("total_net_output_bytes") };
}

/**
 * CPU time of the calling thread (the main thread here) in ms, from Linux's per-thread counters
 * (10 ms ticks; a burst of 2,000 requests spans dozens). `process.cpuUsage()` counts every thread,
 * V8's background compiler and garbage-collector helpers included. NaN off Linux.
 */
function threadCpuMs(): number {
  try {
    // Fields after the parenthesised name; utime and stime are the 14th and 15th of the line.
    const f = readFileSync("/proc/thread-self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** Waits until `done()` or throws after `ms`. */
async function waitUntil(done: () => boolean, ms: number, what: string): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > ms) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** No-op BullMQ jobs: throughput of `n` jobs, and idle enqueue→start latency (one job every 20 ms). */
async function noop(url: string): Promise<{ throughput: number; idleStart: number[] }> {
  const conn = new Redis(url, { maxRetriesPerRequest: null });
  const queue = new Queue("noop", { connection: conn, prefix: "bench" });
  let done = 0;
  const idleStart: number[] = [];
  const worker = new Worker(
    "noop",
    async (job: Job<{ at?: number }>) => {
      if (job.data.at !== undefined) idleStart.push(hrNow() - job.data.at);
    },
    { connection: conn, prefix: "bench", concurrency: CONCURRENCY },
  );
  worker.on("completed", () => {
    done++;
  });
  await worker.waitUntilReady();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: JOBS }, (_, i) => queue.add("noop", {}, { jobId: `n${i}` })));
  await waitUntil(() => done >= JOBS, 60_000, "no-op jobs");
  const throughput = JOBS / ((performance.now() - t0) / 1000);
  for (let i = 0; i < 200; i++) {
    await queue.add("noop", { at: hrNow() }, { jobId: `idle${i}` });
    await sleep(20);
  }
  await waitUntil(() => done >= JOBS + 200, 10_000, "idle no-op jobs");
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await conn.quit();
  return { throughput, idleStart };
}

/**
 * Sandbox overhead per job: the pool's round trip minus the task's own time in the thread, and
 * the same work (`simulateTask`: simulation, reply and picture) in-process. Never cached.
 */
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
  const inProcess: number[] = [];
  // Alternating blocks of 50, so that both see the same machine load. Not alternating task by
  // task: a simulation on the main thread leaves V8 garbage-collection work behind it that then
  // delays the next pooled round trip (p50 0.2 → 2.2–2.8 ms), which a worker, whose main thread
  // never simulates, does not see.
  for (let i = 0; i < 1200; i++) {
    const task = { manifests: distinctPaste(i) };
    const warm = i >= 200;
    if (Math.floor(i / 50) % 2 === 0) {
      const t = performance.now();
      const o = await pool.run(task);
      const total = performance.now() - t;
      if (warm && o.ok) {
        overhead.push(o.overheadMs);
        pooled.push(total);
      }
    } else {
      const t = performance.now();
      simulateTask(task);
      if (warm) inProcess.push(performance.now() - t);
    }
  }
  await pool.close();
  return { overhead, inProcess, pooled };
}

interface LoadResult {
  throughput: number;
  e2e: number[];
  rss: number;
  hits: number;
  /** Bytes sent to and read from Redis per request during the burst (every client, every queue). */
  redisIn: number;
  redisOut: number;
  /** Process CPU per request during the burst (main thread and sandbox threads), ms. */
  cpuMs: number;
  /** The main thread's share of it, ms. */
  mainCpuMs: number;
  /** Main-thread event-loop delay p99 during the half-capacity stream, ms. */
  halfLoopDelayP99: number;
  /** Enqueue → processor start of the half-capacity stream, when asked for. */
  halfStart: number[];
  halfRate: number;
}

/**
 * A bot and a worker on fresh queues; `JOBS` requests from `LEARNERS` learners (10 each, at their
 * limit), each in their own channel, enqueue → delivered. With `halfCapacity`, then a steady
 * stream of distinct pastes at half the measured throughput, enqueue → processor start.
 */
export async function load(url: string, label: string, pasteOf: (i: number) => string, halfCapacity: boolean) {
  const config = loadConfig({
    REDIS_URL: url,
    QUEUE_PREFIX: `bench-${label}`,
    HTTP_HOST: "127.0.0.1",
    HTTP_PORT: "0",
    LOG_LEVEL: "silent",
    WORKER_CONCURRENCY: String(CONCURRENCY),
    SANDBOX_THREADS: String(THREADS),
  });
  const delivered = new Map<string, number>();
  const logger = createLogger({ level: "silent" });
  const bot = await runServe(config, {
    logger,
    adapters: [{ platform: "console", send: async (_a, _r, ctx) => void delivered.set(ctx.deliveryId, Date.now()) }],
  });
  const started = new Map<string, number>();
  const worker = await runWorker(config, { logger, onSimulateStart: (job) => started.set(job.id ?? "", hrNow()) });
  // Stamp the moment the producer hands each job to BullMQ, with the same clock.
  const added = new Map<string, number>();
  const queue = bot.queues.simulate;
  const add = queue.add.bind(queue);
  queue.add = ((name, data, opts) => {
    added.set(opts?.jobId ?? "", hrNow());
    return add(name, data, opts);
  }) as typeof queue.add;
  let rss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    rss = Math.max(rss, process.memoryUsage().rss);
  }, 50);
  const request = (eventId: string, who: string, paste: string) =>
    simulationRequestOf(
      {
        eventId,
        platform: "console",
        workspace: `bench-${label}`,
        channel: `c-${who}`,
        user: `u-${who}`,
        direct: false,
        text: "",
        attachments: [],
      },
      paste,
    );

  const enqueuedAt = new Map<string, number>();
  const reqs = Array.from({ length: JOBS }, (_, i) => request(`ev${i}`, String(i % LEARNERS), pasteOf(i)));
  const net0 = await redisNet(url);
  const cpu0 = process.cpuUsage();
  const main0 = threadCpuMs();
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
  await waitUntil(() => delivered.size >= JOBS, 300_000, `${label} simulations to be delivered`);
  const throughput = JOBS / ((Math.max(...delivered.values()) - t0) / 1000);
  const cpu = process.cpuUsage(cpu0);
  const mainCpuMs = (threadCpuMs() - main0) / JOBS;
  const net1 = await redisNet(url);
  const e2e = sorted(reqs.map((r) => (delivered.get(r.requestId) ?? 0) - (enqueuedAt.get(r.requestId) ?? 0)));

  const halfStart: number[] = [];
  const halfRate = throughput / 2;
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  if (halfCapacity) {
    loopDelay.enable();
    const halfJobs = Math.min(600, Math.max(100, Math.round(halfRate * 5)));
    const ids: string[] = [];
    const start = Date.now();
    for (let i = 0; i < halfJobs; i++) {
      const due = start + (i * 1000) / halfRate;
      if (due > Date.now()) await sleep(due - Date.now());
      const r = request(`half${i}`, `h${i}`, pasteOf(JOBS + i));
      ids.push(r.requestId);
      await bot.producer.submit(r);
    }
    await waitUntil(() => ids.every((id) => delivered.has(id)), 120_000, "half-capacity simulations");
    loopDelay.disable();
    for (const id of ids) halfStart.push((started.get(id) ?? Number.NaN) - (added.get(id) ?? Number.NaN));
  }
  clearInterval(sampler);
  const hits = (await worker.metrics.resultCache.get()).values.find((v) => v.labels.result === "hit")?.value ?? 0;
  await worker.close();
  await bot.close();
  return {
    throughput,
    e2e,
    rss,
    hits,
    redisIn: (net1.input - net0.input) / JOBS,
    redisOut: (net1.output - net0.output) / JOBS,
    cpuMs: (cpu.user + cpu.system) / 1000 / JOBS,
    mainCpuMs,
    halfLoopDelayP99: halfCapacity ? loopDelay.percentile(99) / 1e6 : Number.NaN,
    halfStart: sorted(halfStart),
    halfRate,
  } satisfies LoadResult;
}

export async function benchJobs(): Promise<BenchSection> {
  const redis = await startRedis();
  try {
    const base = await noop(redis.url);
    const sandbox = await sandboxOverhead();
    const identical = await load(redis.url, "identical", () => PASTE, false);
    const distinct = await load(redis.url, "distinct", distinctPaste, true);

    const idle = sorted(base.idleStart);
    const idleP99 = percentile(idle, 99);
    const halfP99 = percentile(distinct.halfStart, 99);
    const overheadP50 = median(sandbox.overhead);
    const n = JOBS.toLocaleString("en-US");
    const ratio = (r: LoadResult) => r.throughput / base.throughput;
    const verdict = (ok: boolean) => (ok ? "met" : "not met");
    const e2e = (r: LoadResult) => `${fmt(percentile(r.e2e, 50), 1)} / ${fmt(percentile(r.e2e, 99), 1)} ms`;
    return {
      name: "Jobs: simulate through BullMQ (issue 6)",
      lines: [
        `Own redis-server on loopback (persistence off); bot, worker (BullMQ concurrency ${CONCURRENCY}, ${THREADS} sandbox threads) and load generator in one process. Typical paste: Deployment of 3 + Service + ConfigMap; every reply carries its cluster picture (PNG).`,
        `Two loads of ${n} jobs from ${LEARNERS} learners: **identical** pastes (a lesson's or drill's paste; the worker's result cache answers all but the first) and **distinct** pastes (names differ per job, so every job simulates and draws: the uncached cost).`,
        "",
        "| measure | value |",
        "|---|---:|",
        `| BullMQ no-op jobs, ${n} (concurrency ${CONCURRENCY}) | ${fmt(base.throughput, 0)} jobs/s |`,
        `| simulate jobs, ${n} **distinct** pastes, enqueue → delivered | ${fmt(distinct.throughput, 0)} jobs/s |`,
        `| **ratio distinct / no-op** (goal ≥ 0.33: ${verdict(ratio(distinct) >= 0.33)}) | **${fmt(ratio(distinct), 2)}** |`,
        `| simulate jobs, ${n} **identical** pastes (${fmt(identical.hits, 0)} cache hits), enqueue → delivered | ${fmt(identical.throughput, 0)} jobs/s |`,
        `| ratio identical / no-op (cache hits; goal ≥ 0.33: ${verdict(ratio(identical) >= 0.33)}) | ${fmt(ratio(identical), 2)} |`,
        `| enqueue → delivered, p50 / p99, burst of ${n} distinct / identical | ${e2e(distinct)} / ${e2e(identical)} |`,
        `| idle no-op enqueue → processor start, p50 / p99 | ${fmt(percentile(idle, 50), 2)} / ${fmt(idleP99, 2)} ms |`,
        `| distinct simulate enqueue → processor start at half capacity (${fmt(distinct.halfRate, 0)} jobs/s), p50 / p99 | ${fmt(percentile(distinct.halfStart, 50), 2)} / ${fmt(halfP99, 2)} ms |`,
        `| **ratio half-capacity p99 / idle p99** (goal ≤ 2: ${verdict(halfP99 / idleP99 <= 2)}) | **${fmt(halfP99 / idleP99, 2)}** |`,
        `| sandbox overhead per job (round trip − task time), p50 / p99 (goal p50 ≤ 0.3 ms: ${verdict(overheadP50 <= 0.3)}) | **${fmt(overheadP50, 3)}** / ${fmt(percentile(sorted(sandbox.overhead), 99), 3)} ms |`,
        `| same task (simulation + reply + picture) in-process vs through the pool, p50 | ${fmt(median(sandbox.inProcess), 3)} vs ${fmt(median(sandbox.pooled), 3)} ms |`,
        `| main-thread event-loop delay p99 during the half-capacity stream | ${fmt(distinct.halfLoopDelayP99, 2)} ms |`,
        `| bytes to / from Redis per request, distinct / identical (all clients, both queues, picture) | ${fmt(distinct.redisIn / 1024, 1)} / ${fmt(distinct.redisOut / 1024, 1)} KiB, ${fmt(identical.redisIn / 1024, 1)} / ${fmt(identical.redisOut / 1024, 1)} KiB |`,
        `| process CPU per request during the burst, distinct / identical (every thread: sandbox, V8 compiler and GC helpers) | ${fmt(distinct.cpuMs, 2)} / ${fmt(identical.cpuMs, 2)} ms |`,
        `| **main-thread CPU per request** during the burst, distinct / identical (bot, worker and load generator share it) | ${fmt(distinct.mainCpuMs, 2)} / **${fmt(identical.mainCpuMs, 2)}** ms |`,
        `| peak RSS under load, distinct / identical (bot + worker + sandbox threads + load generator) | ${fmt(distinct.rss / 2 ** 20, 0)} / ${fmt(identical.rss / 2 ** 20, 0)} MiB |`,
        "",
        "Enqueue → processor start is measured with our own sub-millisecond clock at both ends: for no-op jobs from a stamp in the job to the processor's first line; for simulate jobs from the producer's `queue.add` call to the worker's processor start. Memory is the whole bench process, an upper bound for one worker.",
      ],
    };
  } finally {
    redis.child.kill("SIGTERM");
  }
}
