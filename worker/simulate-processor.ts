/**
 * The processor of `simulate` jobs, on the worker's main thread: validate the payload, run the
 * simulation in the sandbox pool (or take an identical input's reply from the result cache),
 * keep its reply and picture in the blob store (blob-store.ts) and queue exactly one reply,
 * referring to them, under the request id. The reply is queued before the job completes, so a crash after queueing
 * re-runs the (deterministic) simulation and re-queues the same job id, which BullMQ ignores:
 * still one reply.
 *
 * This runs once per job on the thread every job shares, so it keeps to the essentials: no
 * per-job child logger (pino builds one per call), per-job lines at debug level only.
 */
import type { Job } from "bullmq";
import type { ReplyAddress } from "../src/core/address.js";
import { replyAddressSchema } from "../src/core/address.js";
import { PodsenseiError } from "../src/core/errors.js";
import type { Logger } from "../src/core/logger.js";
import type { JobQueue } from "../src/core/ports.js";
import type { Reply } from "../src/core/reply.js";
import type { BlobStore } from "../src/jobs/blob-store.js";
import {
  type DeliverPayload,
  parsePayload,
  type ReplyOutcome,
  requestIdSchema,
  simulatePayloadSchema,
} from "../src/jobs/payloads.js";
import { QUEUES } from "../src/jobs/queues.js";
import { unrecoverable } from "../src/jobs/unrecoverable.js";
import type { Metrics } from "../src/server/metrics.js";
import { type SandboxLimits, sandboxFailureReply, unreadableReply } from "./failure.js";
import { type ResultCache, taskKey } from "./result-cache.js";
import type { SandboxOutcome } from "./sandbox-pool.js";
import type { SimulateTask, SimulateTaskResult } from "./simulate-task.js";

/** What the processor needs. */
export interface SimulateProcessorDeps {
  pool: { run(task: SimulateTask): Promise<SandboxOutcome<SimulateTaskResult>> };
  deliver: JobQueue<DeliverPayload>;
  /** Where results' replies and pictures wait for their delivery. */
  blobs: BlobStore;
  metrics: Metrics;
  logger: Logger;
  limits: SandboxLimits;
  /** Finished simulations by input; without it every job runs in the sandbox. */
  cache?: ResultCache;
  /** Called first thing for each job (tracing, load tests). */
  onStart?: (job: Job) => void;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
}

/** The job's return value (kept with the completed job). */
export interface SimulateJobResult {
  outcome: "result";
  objects: number;
  pods: number;
}

/** Builds the processor. */
export function simulateProcessor(deps: SimulateProcessorDeps) {
  const now = deps.now ?? Date.now;
  const queue = QUEUES.simulate;
  const send = (requestId: string, address: ReplyAddress, reply: Reply, outcome: ReplyOutcome, enqueuedAt: number) =>
    deps.deliver.add(requestId, { v: 1, requestId, address, reply, outcome, enqueuedAt });

  return async (job: Job): Promise<SimulateJobResult> => {
    deps.onStart?.(job);
    if (job.attemptsMade === 0) deps.metrics.queueWait.observe({ queue }, Math.max(0, now() - job.timestamp) / 1000);
    const parsed = parsePayload(simulatePayloadSchema, job.data);
    if (!parsed.ok) {
      deps.metrics.jobs.inc({ queue, outcome: "invalid" });
      const data = (job.data ?? {}) as { requestId?: unknown; address?: unknown };
      const address = replyAddressSchema.safeParse(data.address);
      const requestId = requestIdSchema.safeParse(data.requestId);
      if (address.success && requestId.success)
        await send(requestId.data, address.data, unreadableReply(), "rejected", now());
      throw unrecoverable(new PodsenseiError("SIMULATE_PAYLOAD_INVALID", { detail: parsed.message }));
    }
    const p = parsed.value;
    const task: SimulateTask = {
      manifests: p.manifests,
      ...(p.cluster !== undefined ? { cluster: p.cluster } : {}),
      ...(p.atSeconds !== undefined ? { atSeconds: p.atSeconds } : {}),
      ...(p.actions !== undefined ? { actions: p.actions } : {}),
      ...(p.files !== undefined ? { files: p.files } : {}),
      ...(p.seed !== undefined ? { seed: p.seed } : {}),
    };
    deps.metrics.simulationBytes.observe(Buffer.byteLength(p.manifests, "utf8"));
    const key = deps.cache ? taskKey(task) : undefined;
    const hit = key ? deps.cache?.get(key) : undefined;
    if (deps.cache) deps.metrics.resultCache.inc({ result: hit ? "hit" : "miss" });
    const outcome: SandboxOutcome<SimulateTaskResult> = hit
      ? { ok: true, value: hit, computeMs: 0, overheadMs: 0 }
      : await deps.pool.run(task);
    if (!outcome.ok) {
      await send(
        p.requestId,
        p.address,
        sandboxFailureReply(outcome.reason, outcome.message, deps.limits),
        "failed",
        p.enqueuedAt,
      );
      deps.metrics.jobs.inc({ queue, outcome: outcome.reason });
      deps.logger.warn(
        { requestId: p.requestId, jobId: job.id, reason: outcome.reason, detail: outcome.message },
        "simulation stopped",
      );
      throw unrecoverable(new PodsenseiError("SIMULATION_FAILED", { reason: outcome.reason, detail: outcome.message }));
    }
    const { reply, picture, sizes } = outcome.value;
    if (key && !hit) deps.cache?.set(key, outcome.value);
    // A cached result's blobs were stored by an earlier job: usually nothing to send at all.
    await Promise.all([deps.blobs.keep(reply), picture ? deps.blobs.keep(picture) : undefined]);
    await deps.deliver.add(p.requestId, {
      v: 1,
      requestId: p.requestId,
      address: p.address,
      storedReply: { id: reply.id },
      ...(picture ? { picture: { id: picture.id, filename: picture.filename, alt: picture.alt } } : {}),
      outcome: "result",
      enqueuedAt: p.enqueuedAt,
    });
    if (!hit) deps.metrics.sandboxOverhead.observe(outcome.overheadMs / 1000);
    deps.metrics.simulationObjects.observe(sizes.objects);
    deps.metrics.simulationPods.observe(sizes.pods);
    deps.metrics.jobs.inc({ queue, outcome: "result" });
    deps.logger.debug(
      { requestId: p.requestId, jobId: job.id, ...sizes, computeMs: outcome.computeMs, cached: !!hit },
      "simulation done",
    );
    return { outcome: "result", objects: sizes.objects, pods: sizes.pods };
  };
}
