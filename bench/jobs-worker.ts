/**
 * The jobs bench's worker process (bench/jobs.ts spawns it): a worker runs in its own process,
 * as `podsensei worker` does in production, so that it never shares an event loop or a heap with
 * the bot and the load generator. `BENCH_WORKER=simulate` runs the real worker (`runWorker`,
 * configured from the environment like `podsensei worker`); `BENCH_WORKER=noop` runs a BullMQ
 * worker whose processor does nothing, on queue `noop`, at the same concurrency;
 * `BENCH_WORKER=relay` one on queue `hop1` whose processor only adds a job to `hop2` (the shape of
 * a simulate job queueing its reply, with nothing in it).
 *
 * Over IPC it reports `ready`, then, when asked with `collect`, the processor start times it saw
 * (`[job id, ms]` on the machine's monotonic clock, which every process shares), the no-op jobs
 * done and the result-cache hits; `close` drains and exits.
 */
import { type Job, Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/core/logger.js";
import { runWorker } from "../worker/index.js";
import { monotonicMs } from "./stats.js";

/** Messages the parent sends. */
export type ToWorker = { type: "collect" } | { type: "close" };
/** Messages this process sends. */
export type FromWorker =
  | { type: "ready" }
  | { type: "collected"; starts: [string, number][]; done: number; lastDoneAt: number; cacheHits: number }
  | { type: "closed" };

const send = (m: FromWorker) => process.send?.(m);
const starts: [string, number][] = [];
let done = 0;
let lastDoneAt = 0;
/** Result-cache hits of the simulate worker so far. */
let cacheHits = async () => 0;
const finished = () => {
  done++;
  lastDoneAt = monotonicMs();
};

async function start(): Promise<() => Promise<void>> {
  const config = loadConfig(process.env);
  const kind = process.env.BENCH_WORKER;
  if (kind === "noop" || kind === "relay") {
    const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
    const next = new Queue("hop2", { connection, prefix: config.queuePrefix });
    const worker = new Worker(
      kind === "noop" ? "noop" : "hop1",
      async (job: Job<{ idle?: boolean }>) => {
        if (job.data.idle) starts.push([job.id ?? "", monotonicMs()]);
        if (kind === "relay") await next.add("hop2", {}, { jobId: job.id ?? "" });
      },
      { connection, prefix: config.queuePrefix, concurrency: config.worker.concurrency },
    );
    worker.on("completed", finished);
    await worker.waitUntilReady();
    return async () => {
      await worker.close();
      await next.close();
      await connection.quit();
    };
  }
  const worker = await runWorker(config, {
    logger: createLogger({ level: "silent" }),
    onSimulateStart: (job) => starts.push([job.id ?? "", monotonicMs()]),
  });
  cacheHits = async () =>
    (await worker.metrics.resultCache.get()).values.find((v) => v.labels.result === "hit")?.value ?? 0;
  return () => worker.close();
}

const close = await start();
process.on("message", (m: ToWorker) => {
  if (m.type === "collect")
    void cacheHits().then((hits) =>
      send({ type: "collected", starts: starts.splice(0), done, lastDoneAt, cacheHits: hits }),
    );
  else if (m.type === "close") {
    void close().then(() => {
      send({ type: "closed" });
      process.disconnect();
    });
  }
});
send({ type: "ready" });
