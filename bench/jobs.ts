/**
 * Jobs benchmark (issue 6): 2,000 simulate jobs from 200 simulated learners through the real path
 * (producer → Redis → worker → sandbox pool → deliver queue → dispatcher → loopback platform),
 * beside BullMQ no-op jobs on the same Redis in the same run. Run twice: 2,000 identical pastes
 * (a lesson's paste: the worker's result cache answers all but the first) and 2,000 distinct
 * pastes (every job simulates and draws). Starts its own redis-server on a free port
 * (persistence off), so it never touches another Redis.
 *
 * Topology as in production: the bot (producer and delivery dispatcher) and the load generator
 * in this process, the worker in its own process (bench/jobs-worker.ts); the no-op baseline the
 * same way (producer here, no-op worker there). Every load first runs a warm-up burst of the same
 * size from other learners, so both sides are measured in their steady state, not while V8 is
 * still compiling them.
 *
 * Enqueue → processor start uses the machine's monotonic clock at both ends (shared by both
 * processes), for no-op and simulate jobs alike: BullMQ's timestamps have 1 ms resolution.
 */
import { type ChildProcess, fork, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/core/logger.js";
import { simulationRequestOf } from "../src/jobs/producer.js";
import { runServe } from "../src/server/serve.js";
import { WORKER_NODE_FLAGS } from "../worker/node-flags.js";
import { SandboxPool } from "../worker/sandbox-pool.js";
import { type SimulateTask, type SimulateTaskResult, simulateTask } from "../worker/simulate-task.js";
import type { FromWorker, ToWorker } from "./jobs-worker.js";
import { TYPICAL_PASTE } from "./simulate.js";
import { type BenchSection, fmt, median, monotonicMs, percentile } from "./stats.js";

const JOBS = 2000;
const LEARNERS = 200;
/** BullMQ concurrency of the worker and of the no-op baseline alike. */
const CONCURRENCY = 4;
/** Sandbox threads: one per core. Concurrency above it keeps them fed across Redis round trips. */
const THREADS = 2;
/** Enqueue → start samples of the idle no-op and the half-capacity streams: 10 beyond each p99. */
const LATENCY_SAMPLES = 1000;
/** Measured bursts of the no-op and identical loads (the median is the figure) ... */
const BURSTS = 5;
/** ... after this many warm-up bursts: the no-op worker keeps speeding up over its first few thousand jobs. */
const WARM_BURSTS = 2;
/** The same typical paste as the in-process bench (bench/simulate.ts). */
const PASTE = TYPICAL_PASTE;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

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

/** utime + stime in ms of a `/proc/<pid>[/task/<tid>]/stat` line (10 ms ticks); NaN off Linux. */
function statCpuMs(path: string): number {
  try {
    // Fields after the parenthesised name; utime and stime are the 14th and 15th of the line.
    const f = readFileSync(path, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU time of a process and of its main thread, from Linux's counters (10 ms ticks; a burst of
 * 2,000 requests spans dozens). The process figure counts every thread: sandbox threads, V8's
 * background compiler and garbage-collector helpers.
 */
function cpuOf(pid: number): { process: number; main: number } {
  return { process: statCpuMs(`/proc/${pid}/stat`), main: statCpuMs(`/proc/${pid}/task/${pid}/stat`) };
}

/** Peak resident memory of a process so far in bytes (VmHWM); NaN off Linux. */
function peakRss(pid: number): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb === undefined ? Number.NaN : Number(kb) * 1024;
  } catch {
    return Number.NaN;
  }
}

/** Waits until `done()` or throws after `ms`. */
async function waitUntil(done: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const start = Date.now();
  while (!(await done())) {
    if (Date.now() - start > ms) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** A worker process (bench/jobs-worker.ts) and its IPC. */
interface WorkerProcess {
  pid: number;
  collect(): Promise<Extract<FromWorker, { type: "collected" }>>;
  close(): Promise<void>;
}

/** Starts a worker process of `kind` on queues under `prefix`, with the worker's concurrency and threads. */
async function spawnWorker(url: string, prefix: string, kind: "simulate" | "noop" | "relay"): Promise<WorkerProcess> {
  const script = new URL(`./jobs-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url);
  const child: ChildProcess = fork(script, [], {
    // The worker's own Node flags, as deploy/ and docker-compose.yml start it (docs/scaling.md).
    execArgv: [...WORKER_NODE_FLAGS, ...(import.meta.url.endsWith(".ts") ? ["--import", "tsx"] : [])],
    env: {
      ...process.env,
      BENCH_WORKER: kind,
      REDIS_URL: url,
      QUEUE_PREFIX: prefix,
      HTTP_HOST: "127.0.0.1",
      HTTP_PORT: "0",
      LOG_LEVEL: "silent",
      WORKER_CONCURRENCY: String(CONCURRENCY),
      SANDBOX_THREADS: String(THREADS),
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = <T extends FromWorker["type"]>(type: T) =>
    new Promise<Extract<FromWorker, { type: T }>>((resolve, reject) => {
      const onMessage = (m: FromWorker) => {
        if (m.type !== type) return;
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(m as Extract<FromWorker, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`bench: worker process exited (${code})`));
      child.on("message", onMessage);
      child.once("exit", onExit);
    });
  const tell = (m: ToWorker) => child.send(m);
  await next("ready");
  return {
    pid: child.pid ?? 0,
    collect: () => {
      const reply = next("collected");
      tell({ type: "collect" });
      return reply;
    },
    close: async () => {
      const closed = next("closed");
      tell({ type: "close" });
      await closed;
      if (child.exitCode === null) await new Promise((r) => child.once("exit", r));
    },
  };
}

/**
 * No-op BullMQ jobs, produced here and run by a no-op worker process: throughput of `BURSTS`
 * bursts of `JOBS` jobs after a warm-up burst, and idle enqueue→start latency (one job every 20 ms).
 */
export async function noop(url: string, label = "noop"): Promise<{ throughputs: number[]; idleStart: number[] }> {
  const prefix = `bench-${label}`;
  const conn = new Redis(url, { maxRetriesPerRequest: null });
  const queue = new Queue("noop", { connection: conn, prefix });
  const worker = await spawnWorker(url, prefix, "noop");
  const burst = async (tag: string, offset: number) => {
    const t0 = monotonicMs();
    await Promise.all(Array.from({ length: JOBS }, (_, i) => queue.add("noop", {}, { jobId: `${tag}${i}` })));
    let last = 0;
    await waitUntil(
      async () => {
        const c = await worker.collect();
        last = c.lastDoneAt;
        return c.done >= offset + JOBS;
      },
      60_000,
      "no-op jobs",
    );
    return JOBS / ((last - t0) / 1000);
  };
  for (let b = 0; b < WARM_BURSTS; b++) await burst(`warm${b}-`, b * JOBS);
  const throughputs: number[] = [];
  for (let b = WARM_BURSTS; b < WARM_BURSTS + BURSTS; b++) throughputs.push(await burst(`n${b}-`, b * JOBS));
  const added = new Map<string, number>();
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    added.set(`idle${i}`, monotonicMs());
    await queue.add("noop", { idle: true }, { jobId: `idle${i}` });
    await sleep(20);
  }
  const idleStart: number[] = [];
  await waitUntil(
    async () => {
      for (const [id, at] of (await worker.collect()).starts) idleStart.push(at - (added.get(id) ?? Number.NaN));
      return idleStart.length >= LATENCY_SAMPLES;
    },
    10_000,
    "idle no-op jobs",
  );
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await conn.quit();
  return { throughputs, idleStart };
}

/**
 * Two-hop no-op requests, our pipeline's shape with nothing in it: this process adds a job to
 * `hop1`, the worker process's processor only adds a job to `hop2` (as a simulate job queues its
 * reply), and this process consumes `hop2` with nothing to do, at the dispatcher's concurrency.
 * Throughput of `BURSTS` bursts of `JOBS` requests after `WARM_BURSTS` warm-up bursts.
 */
export async function relay(url: string, label = "relay"): Promise<number[]> {
  const prefix = `bench-${label}`;
  const conn = new Redis(url, { maxRetriesPerRequest: null });
  const first = new Queue("hop1", { connection: conn, prefix });
  const worker = await spawnWorker(url, prefix, "relay");
  let done = 0;
  let lastDoneAt = 0;
  const second = new Worker("hop2", async () => undefined, {
    connection: conn,
    prefix,
    concurrency: loadConfig({}).deliverConcurrency,
  });
  second.on("completed", () => {
    done++;
    lastDoneAt = monotonicMs();
  });
  await second.waitUntilReady();
  const throughputs: number[] = [];
  for (let b = 0; b < WARM_BURSTS + BURSTS; b++) {
    const t0 = monotonicMs();
    await Promise.all(Array.from({ length: JOBS }, (_, i) => first.add("hop1", {}, { jobId: `r${b}-${i}` })));
    await waitUntil(() => done >= (b + 1) * JOBS, 60_000, "two-hop no-op requests");
    if (b >= WARM_BURSTS) throughputs.push(JOBS / ((lastDoneAt - t0) / 1000));
  }
  await worker.close();
  await second.close();
  await first.obliterate({ force: true });
  await first.close();
  await conn.quit();
  return throughputs;
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
  /** Throughput of each measured burst, jobs/s. */
  throughputs: number[];
  e2e: number[];
  hits: number;
  /** Bytes sent to and read from Redis per request during the burst (every client, every queue). */
  redisIn: number;
  redisOut: number;
  /** CPU per request during the burst, ms: the bot process (with the load generator) and the worker process, every thread. */
  botCpuMs: number;
  workerCpuMs: number;
  /** The main threads' shares of it, ms. */
  botMainCpuMs: number;
  workerMainCpuMs: number;
  /** Redis' own CPU per request during the burst, ms. */
  redisCpuMs: number;
  /** Peak resident memory: the worker process (main thread and sandbox threads), and this process (bot and load generator). */
  workerRss: number;
  botRss: number;
  /** Bot main-thread event-loop delay p99 during the half-capacity stream, ms. */
  halfLoopDelayP99: number;
  /** Enqueue → processor start of the half-capacity stream, when asked for. */
  halfStart: number[];
  halfRate: number;
}

/** Redis' CPU time since it started, ms. */
async function redisCpuMs(url: string): Promise<number> {
  const redis = new Redis(url);
  const info = await redis.info("cpu");
  await redis.quit();
  const num = (field: string) => Number(new RegExp(`^${field}:([\\d.]+)`, "m").exec(info)?.[1] ?? Number.NaN);
  return (num("used_cpu_user") + num("used_cpu_sys")) * 1000;
}

/**
 * A bot here and a worker process on fresh queues. A warm-up burst of `warmUp` requests, then
 * `bursts` measured ones: `JOBS` requests each from `LEARNERS` learners (10 each, at their limit;
 * new learners every burst), each in their own channel, enqueue → delivered. With
 * `halfCapacity`, then a steady stream of pastes at half the measured throughput, enqueue →
 * processor start.
 */
export async function load(
  url: string,
  label: string,
  pasteOf: (i: number) => string,
  { warmUp, bursts, halfCapacity }: { warmUp: number; bursts: number; halfCapacity: boolean },
): Promise<LoadResult> {
  const prefix = `bench-${label}`;
  const config = loadConfig({ REDIS_URL: url, QUEUE_PREFIX: prefix, HTTP_HOST: "127.0.0.1", HTTP_PORT: "0" });
  const delivered = new Map<string, number>();
  const bot = await runServe(config, {
    logger: createLogger({ level: "silent" }),
    adapters: [{ platform: "console", send: async (_a, _r, ctx) => void delivered.set(ctx.deliveryId, monotonicMs()) }],
  });
  const worker = await spawnWorker(url, prefix, "simulate");
  // Stamp the moment the producer hands each job to BullMQ, with the clock the worker stamps its starts with.
  const added = new Map<string, number>();
  const queue = bot.queues.simulate;
  const add = queue.add.bind(queue);
  queue.add = ((name, data, opts) => {
    added.set(opts?.jobId ?? "", monotonicMs());
    return add(name, data, opts);
  }) as typeof queue.add;
  let botRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    botRss = Math.max(botRss, process.memoryUsage().rss);
  }, 50);
  const request = (eventId: string, who: string, paste: string) =>
    simulationRequestOf(
      {
        eventId,
        platform: "console",
        workspace: prefix,
        channel: `c-${who}`,
        user: `u-${who}`,
        direct: false,
        text: "",
        attachments: [],
      },
      paste,
    );
  const enqueuedAt = new Map<string, number>();
  /** Submits `reqs` 50 at a time and waits until every reply is delivered; returns when the first was submitted. */
  const burst = async (reqs: ReturnType<typeof request>[]) => {
    const t0 = monotonicMs();
    for (let i = 0; i < reqs.length; i += 50) {
      await Promise.all(
        reqs.slice(i, i + 50).map(async (r) => {
          enqueuedAt.set(r.requestId, monotonicMs());
          const s = await bot.producer.submit(r);
          if (s.status !== "queued") throw new Error(`bench: request ${r.requestId} was ${s.status}`);
        }),
      );
    }
    await waitUntil(() => reqs.every((r) => delivered.has(r.requestId)), 300_000, `${label} simulations`);
    return t0;
  };

  // Warm-up: other learners, and for distinct pastes other pastes, so nothing measured is reused.
  // Every JOBS requests come from new learners, who stay within their per-minute limit.
  const warmLearner = (i: number) => `w${Math.floor(i / JOBS)}-${i % LEARNERS}`;
  await burst(Array.from({ length: warmUp }, (_, i) => request(`warm${i}`, warmLearner(i), pasteOf(100_000 + i))));
  const throughputs: number[] = [];
  const measured: ReturnType<typeof request>[] = [];
  const net0 = await redisNet(url);
  const redis0 = await redisCpuMs(url);
  const bot0 = cpuOf(process.pid);
  const worker0 = cpuOf(worker.pid);
  for (let b = 0; b < bursts; b++) {
    const reqs = Array.from({ length: JOBS }, (_, i) =>
      request(`ev${b}-${i}`, `${b}-${i % LEARNERS}`, pasteOf(b * JOBS + i)),
    );
    const t0 = await burst(reqs);
    const last = Math.max(...reqs.map((r) => delivered.get(r.requestId) ?? Number.NaN));
    throughputs.push(JOBS / ((last - t0) / 1000));
    measured.push(...reqs);
  }
  const bot1 = cpuOf(process.pid);
  const worker1 = cpuOf(worker.pid);
  const redis1 = await redisCpuMs(url);
  const net1 = await redisNet(url);
  const e2e = sorted(measured.map((r) => (delivered.get(r.requestId) ?? 0) - (enqueuedAt.get(r.requestId) ?? 0)));
  const throughput = median(throughputs);

  const halfStart: number[] = [];
  const halfRate = throughput / 2;
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  if (halfCapacity) {
    await worker.collect(); // drop the bursts' start stamps
    loopDelay.enable();
    const ids: string[] = [];
    const start = Date.now();
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const due = start + (i * 1000) / halfRate;
      if (due > Date.now()) await sleep(due - Date.now());
      const r = request(`half${i}`, `h${i}`, pasteOf(bursts * JOBS + i));
      ids.push(r.requestId);
      await bot.producer.submit(r);
    }
    await waitUntil(() => ids.every((id) => delivered.has(id)), 120_000, "half-capacity simulations");
    loopDelay.disable();
    for (const [id, at] of (await worker.collect()).starts) halfStart.push(at - (added.get(id) ?? Number.NaN));
  }
  clearInterval(sampler);
  const { cacheHits } = await worker.collect();
  const workerRss = peakRss(worker.pid);
  await worker.close();
  await bot.close();
  const perJob = (a: number, b: number) => (b - a) / measured.length;
  return {
    throughputs,
    e2e,
    hits: cacheHits,
    redisIn: perJob(net0.input, net1.input),
    redisOut: perJob(net0.output, net1.output),
    botCpuMs: perJob(bot0.process, bot1.process),
    workerCpuMs: perJob(worker0.process, worker1.process),
    botMainCpuMs: perJob(bot0.main, bot1.main),
    workerMainCpuMs: perJob(worker0.main, worker1.main),
    redisCpuMs: perJob(redis0, redis1),
    workerRss,
    botRss,
    halfLoopDelayP99: halfCapacity ? loopDelay.percentile(99) / 1e6 : Number.NaN,
    halfStart: sorted(halfStart),
    halfRate,
  };
}

export async function benchJobs(): Promise<BenchSection> {
  const redis = await startRedis();
  try {
    const base = await noop(redis.url);
    const twoHop = await relay(redis.url);
    const sandbox = await sandboxOverhead();
    const identical = await load(redis.url, "identical", () => PASTE, {
      warmUp: WARM_BURSTS * JOBS,
      bursts: BURSTS,
      halfCapacity: false,
    });
    // Distinct pastes take ~15 s a burst: one measured burst after a quarter-size warm-up.
    const distinct = await load(redis.url, "distinct", distinctPaste, {
      warmUp: JOBS / 4,
      bursts: 1,
      halfCapacity: true,
    });

    const idle = sorted(base.idleStart);
    const idleP99 = percentile(idle, 99);
    const halfP99 = percentile(distinct.halfStart, 99);
    const overheadP50 = median(sandbox.overhead);
    const n = JOBS.toLocaleString("en-US");
    const noopRate = median(base.throughputs);
    const rate = (r: LoadResult) => median(r.throughputs);
    const ratio = (r: LoadResult) => rate(r) / noopRate;
    /** The median and, with several bursts, every burst's value. */
    const rates = (xs: number[]) =>
      xs.length > 1 ? `${fmt(median(xs), 0)} [${xs.map((x) => fmt(x, 0)).join(", ")}]` : fmt(median(xs), 0);
    const verdict = (ok: boolean) => (ok ? "met" : "not met");
    const e2e = (r: LoadResult) => `${fmt(percentile(r.e2e, 50), 1)} / ${fmt(percentile(r.e2e, 99), 1)} ms`;
    const mib = (bytes: number) => fmt(bytes / 2 ** 20, 0);
    const both = (f: (r: LoadResult) => number, digits = 2) =>
      `${fmt(f(distinct), digits)} / ${fmt(f(identical), digits)}`;
    return {
      name: "Jobs: simulate through BullMQ (issue 6)",
      lines: [
        `Own redis-server on loopback (persistence off). As in production, the worker (BullMQ concurrency ${CONCURRENCY}, ${THREADS} sandbox threads) runs in its own process; the bot (producer and delivery dispatcher) and the load generator in another; the no-op baseline the same way (producer here, no-op worker there, concurrency ${CONCURRENCY}). Typical paste: Deployment of 3 + Service + ConfigMap; every reply carries its cluster picture (PNG).`,
        `Every load is measured after a warm-up burst (other learners, other pastes), so both sides run compiled code; the no-op and identical loads over ${BURSTS} bursts, whose median is the figure. Bursts of ${n} jobs from ${LEARNERS} learners: **identical** pastes (a lesson's or drill's paste; the worker's result cache answers all but the first) and **distinct** pastes (names differ per job, so every job simulates and draws: the uncached cost).`,
        "",
        "| measure | value |",
        "|---|---:|",
        `| BullMQ no-op jobs, ${n} per burst (concurrency ${CONCURRENCY}), median [bursts] | ${rates(base.throughputs)} jobs/s |`,
        `| simulate jobs, ${n} **identical** pastes per burst, enqueue → delivered, median [bursts] (${fmt(identical.hits, 0)} cache hits of ${fmt((WARM_BURSTS + BURSTS) * JOBS, 0)} jobs) | ${rates(identical.throughputs)} jobs/s |`,
        `| **ratio identical / no-op** (goal ≥ 0.33: ${verdict(ratio(identical) >= 0.33)}) | **${fmt(ratio(identical), 2)}** |`,
        `| BullMQ no-op **two-hop** requests, ${n} per burst (a no-op job that only adds a no-op job, consumed in the bot's process at the dispatcher's concurrency: our pipeline with nothing in it), median [bursts] | ${rates(twoHop)} jobs/s (${fmt(median(twoHop) / noopRate, 2)} of no-op) |`,
        `| ratio identical / two-hop no-op (what our own work costs on top of BullMQ's two hops) | ${fmt(rate(identical) / median(twoHop), 2)} |`,
        `| simulate jobs, ${n} **distinct** pastes, enqueue → delivered | ${rates(distinct.throughputs)} jobs/s |`,
        `| ratio distinct / no-op (every job simulates and draws; goal ≥ 0.33: ${verdict(ratio(distinct) >= 0.33)}) | ${fmt(ratio(distinct), 2)} |`,
        `| enqueue → delivered, p50 / p99, burst of ${n} distinct / identical | ${e2e(distinct)} / ${e2e(identical)} |`,
        `| idle no-op enqueue → processor start, p50 / p99 | ${fmt(percentile(idle, 50), 2)} / ${fmt(idleP99, 2)} ms |`,
        `| distinct simulate enqueue → processor start at half capacity (${fmt(distinct.halfRate, 0)} jobs/s), p50 / p99 | ${fmt(percentile(distinct.halfStart, 50), 2)} / ${fmt(halfP99, 2)} ms |`,
        `| **ratio half-capacity p99 / idle p99** (goal ≤ 2: ${verdict(halfP99 / idleP99 <= 2)}) | **${fmt(halfP99 / idleP99, 2)}** |`,
        `| sandbox overhead per job (round trip − task time), p50 / p99 (goal p50 ≤ 0.3 ms: ${verdict(overheadP50 <= 0.3)}) | **${fmt(overheadP50, 3)}** / ${fmt(percentile(sorted(sandbox.overhead), 99), 3)} ms |`,
        `| same task (simulation + reply + picture) in-process vs through the pool, p50 | ${fmt(median(sandbox.inProcess), 3)} vs ${fmt(median(sandbox.pooled), 3)} ms |`,
        `| bot main-thread event-loop delay p99 during the half-capacity stream | ${fmt(distinct.halfLoopDelayP99, 2)} ms |`,
        `| bytes to / from Redis per request, distinct / identical (all clients, both queues, picture) | ${fmt(distinct.redisIn / 1024, 1)} / ${fmt(distinct.redisOut / 1024, 1)} KiB, ${fmt(identical.redisIn / 1024, 1)} / ${fmt(identical.redisOut / 1024, 1)} KiB |`,
        `| CPU per request during the burst, distinct / identical: worker process (every thread) | ${both((r) => r.workerCpuMs)} ms |`,
        `| … worker main thread (BullMQ, result cache, blob store, deliver queue) | ${both((r) => r.workerMainCpuMs)} ms |`,
        `| … bot process (producer, dispatcher, load generator; main thread ${both((r) => r.botMainCpuMs)} ms) | ${both((r) => r.botCpuMs)} ms |`,
        `| … redis-server | ${both((r) => r.redisCpuMs, 3)} ms |`,
        `| **worker memory**: peak RSS of the worker process under load (main thread + ${THREADS} sandbox threads), distinct / identical | **${mib(distinct.workerRss)} / ${mib(identical.workerRss)} MiB** |`,
        `| peak RSS of the bot process with the load generator, distinct / identical | ${mib(distinct.botRss)} / ${mib(identical.botRss)} MiB |`,
        "",
        "Enqueue → processor start is measured on the machine's monotonic clock, which both processes read: for no-op jobs from the producer's `queue.add` call to the processor's first line, for simulate jobs from the producer's `queue.add` call to the worker's processor start. CPU comes from Linux's per-process and per-thread counters (10 ms ticks).",
      ],
    };
  } finally {
    redis.child.kill("SIGTERM");
  }
}
