/**
 * `podsensei worker`: consumes `simulate` jobs (and `drill` jobs when a drill source is given),
 * runs each simulation in the warm sandbox pool, and queues the reply for delivery. Serves
 * `/healthz`, `/readyz` and `/metrics`. `close()` drains: it stops taking jobs, lets in-flight
 * ones finish within the grace period, and hands the rest back (their locks lapse and another
 * worker recovers them as stalled).
 */
import { hostname } from "node:os";
import { type Job, Worker } from "bullmq";
import type { Config } from "../src/config.js";
import { PodsenseiError } from "../src/core/errors.js";
import { createLogger, type Logger, rateLimitedWarn } from "../src/core/logger.js";
import type { Reply } from "../src/core/reply.js";
import { RedisBlobStore } from "../src/jobs/blob-store.js";
import { createRedis } from "../src/jobs/connection.js";
import { drillRequestId } from "../src/jobs/drill-schedule.js";
import { type DrillPayload, drillPayloadSchema, parsePayload, simulatePayloadSchema } from "../src/jobs/payloads.js";
import { BullJobQueue, openQueues } from "../src/jobs/queue-set.js";
import { QUEUES, requestIdFor } from "../src/jobs/queues.js";
import { unrecoverable } from "../src/jobs/unrecoverable.js";
import { startHttpServer } from "../src/server/http.js";
import { Metrics } from "../src/server/metrics.js";
import { queuesCheck, redisCheck } from "../src/server/readiness.js";
import { exhaustedReply } from "./failure.js";
import { WORKER_NODE_FLAGS } from "./node-flags.js";
import { DEFAULT_RESULT_CACHE_BYTES, ResultCache } from "./result-cache.js";
import { SandboxPool } from "./sandbox-pool.js";
import { simulateProcessor } from "./simulate-processor.js";
import type { SimulateTask, SimulateTaskResult } from "./simulate-task.js";

/** Produces the drill to post in a channel (the tutor provides it); undefined posts nothing. */
export type DrillSource = (payload: DrillPayload) => Promise<Reply | undefined>;

/** Options of {@link runWorker}. */
export interface RunWorkerOptions {
  logger?: Logger;
  /** Enables the `drill` queue consumer. */
  drills?: DrillSource;
  /**
   * Called when a drill job has failed its last attempt: the channel's apology to deliver, or
   * undefined when there is nothing (more) to say.
   */
  drillFailed?: DrillSource;
  /** Called when a `simulate` job's processor starts (tracing, load tests). */
  onSimulateStart?: (job: Job) => void;
  /** Budget of the result cache in bytes (default 32 MiB); 0 runs every simulation. */
  resultCacheBytes?: number;
  /** Milliseconds since the epoch for the blob store's bookkeeping; default `Date.now` (tests move it). */
  now?: () => number;
}

/** A running worker. */
export interface WorkerHandle {
  /** Port of the health/metrics server. */
  port: number;
  metrics: Metrics;
  close(): Promise<void>;
}

const EXT = import.meta.url.endsWith(".ts") ? ".ts" : ".js";

/** Starts a worker process's machinery. */
export async function runWorker(config: Config, options: RunWorkerOptions = {}): Promise<WorkerHandle> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, name: "worker" });
  const onRedisError = rateLimitedWarn(logger, "redis connection error (reconnecting)");
  const connection = createRedis(config.redisUrl, { name: "podsensei-worker", onError: onRedisError });
  const probe = createRedis(config.redisUrl, { name: "podsensei-worker-probe", failFast: true, onError: onRedisError });
  const queues = openQueues(connection, config.queuePrefix, onRedisError);
  const metrics = new Metrics("worker");
  metrics.trackQueues(queues.all());
  const limits = { timeoutMs: config.worker.jobTimeoutMs, memoryMb: config.worker.sandboxMemoryMb };
  const pool = new SandboxPool<SimulateTask, SimulateTaskResult>({
    script: new URL(`./simulate-thread${EXT}`, import.meta.url),
    size: config.worker.sandboxThreads,
    ...limits,
    onRespawn: (reason) => metrics.sandboxRespawns.inc({ reason }),
  });
  await pool.start();
  const deliver = new BullJobQueue(queues.deliver);
  const name = `worker-${hostname()}-${process.pid}`;
  const workerOptions = {
    connection,
    prefix: config.queuePrefix,
    lockDuration: config.lockMs,
    stalledInterval: config.lockMs,
    // A worker killed mid-job hands its job back as stalled; two such deaths in a row fail it.
    maxStalledCount: 2,
    name,
  };

  const cacheBytes = options.resultCacheBytes ?? DEFAULT_RESULT_CACHE_BYTES;
  const cache = cacheBytes > 0 ? new ResultCache(cacheBytes) : undefined;
  const process_ = simulateProcessor({
    pool,
    deliver,
    blobs: new RedisBlobStore(connection, config.queuePrefix, options.now),
    metrics,
    logger,
    limits,
    ...(cache ? { cache } : {}),
    ...(options.onSimulateStart ? { onStart: options.onSimulateStart } : {}),
  });
  const simulate = new Worker(
    QUEUES.simulate,
    async (job: Job) => {
      const end = metrics.jobDuration.startTimer({ queue: QUEUES.simulate });
      try {
        return await process_(job);
      } finally {
        end();
      }
    },
    { ...workerOptions, concurrency: config.worker.concurrency },
  );
  simulate.on("failed", (job, err) => {
    if (!job || err.name === "UnrecoverableError") return;
    const attempts = job.opts.attempts ?? 1;
    if (job.attemptsMade < attempts && !/stalled more than/.test(err.message)) {
      metrics.jobs.inc({ queue: QUEUES.simulate, outcome: "retry" });
      logger.warn({ err, jobId: job.id, attempt: job.attemptsMade }, "simulation failed; will retry");
      return;
    }
    metrics.jobs.inc({ queue: QUEUES.simulate, outcome: "failed" });
    const p = parsePayload(simulatePayloadSchema, job.data);
    if (!p.ok) return;
    const { requestId, address, enqueuedAt } = p.value;
    logger.error({ err, requestId }, "simulation failed after every attempt");
    deliver
      .add(requestId, {
        v: 1,
        requestId,
        address,
        reply: exhaustedReply(job.attemptsMade),
        outcome: "failed",
        enqueuedAt,
      })
      .catch((e: unknown) => logger.error({ err: e, requestId }, "could not queue the failure reply"));
  });
  simulate.on("error", onRedisError);

  const drills = options.drills;
  const drill = drills
    ? new Worker(
        QUEUES.drill,
        async (job: Job) => {
          const p = parsePayload(drillPayloadSchema, job.data);
          if (!p.ok) throw unrecoverable(new PodsenseiError("DRILL_PAYLOAD_INVALID", { detail: p.message }));
          const reply = await drills(p.value);
          if (!reply) return "skipped";
          const requestId = drillRequestId(p.value.address, job.timestamp);
          await deliver.add(requestId, {
            v: 1,
            requestId,
            address: p.value.address,
            reply,
            outcome: "drill",
            enqueuedAt: Date.now(),
          });
          metrics.jobs.inc({ queue: QUEUES.drill, outcome: "result" });
          return "posted";
        },
        { ...workerOptions, concurrency: 1 },
      )
    : undefined;
  drill?.on("failed", (job, err) => {
    if (!job || (job.attemptsMade < (job.opts.attempts ?? 1) && err.name !== "UnrecoverableError")) return;
    metrics.jobs.inc({ queue: QUEUES.drill, outcome: "failed" });
    logger.error({ err, jobId: job.id }, "drill failed after every attempt");
    const p = parsePayload(drillPayloadSchema, job.data);
    const failed = options.drillFailed;
    if (!p.ok || !failed) return;
    const address = p.value.address;
    failed(p.value)
      .then(async (reply) => {
        if (!reply) return;
        const requestId = requestIdFor(
          address.platform,
          address.workspace,
          `${address.channel}@${job.timestamp}-failed`,
        );
        await deliver.add(requestId, { v: 1, requestId, address, reply, outcome: "drill", enqueuedAt: Date.now() });
      })
      .catch((e: unknown) => logger.error({ err: e, jobId: job.id }, "could not queue the drill apology"));
  });
  drill?.on("error", onRedisError);

  const http = await startHttpServer({
    host: config.http.host,
    port: config.http.port,
    metrics,
    checks: [redisCheck(probe), queuesCheck(queues.all())],
  });
  logger.info(
    {
      port: http.port,
      concurrency: config.worker.concurrency,
      threads: config.worker.sandboxThreads,
      name,
      nodeFlags: WORKER_NODE_FLAGS.filter((f) => process.execArgv.includes(f)),
    },
    "worker ready",
  );

  let closing: Promise<void> | undefined;
  const close = async () => {
    http.drain();
    const workers = [simulate, ...(drill ? [drill] : [])];
    let timer: NodeJS.Timeout | undefined;
    const graceful = Promise.all(workers.map((w) => w.close())).then(() => true);
    const deadline = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), config.shutdownGraceMs);
    });
    const drained = await Promise.race([graceful, deadline]);
    clearTimeout(timer);
    if (!drained) {
      logger.warn({ graceMs: config.shutdownGraceMs }, "in-flight jobs did not finish in time; handing them back");
      await Promise.all(workers.map((w) => w.close(true)));
    }
    await pool.close();
    await queues.close();
    await http.close();
    await Promise.all([connection.quit().catch(() => undefined), probe.quit().catch(() => undefined)]);
  };
  return {
    port: http.port,
    metrics,
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}
