/**
 * The delivery dispatcher: a BullMQ worker on the `deliver` queue that any bot process runs.
 * For each reply it claims the request's "delivered" marker, sends through the platform's
 * sender, and marks the request done.
 *
 * The guarantee, stated honestly: **at least once, de-duplicated**. A request is answered once
 * unless a process dies in the instant between the platform accepting the message and Redis
 * recording it (a window of one Redis round trip); then the lease expires, the job is recovered
 * as stalled and the reply is sent again. Senders get the request id as `deliveryId`; a platform
 * with client-side de-duplication (Discord's `nonce` with `enforce_nonce`) closes even that
 * window. Every other crash point (before the claim, before or during the send, after the
 * marker) leads to exactly one reply.
 */
import { hostname } from "node:os";
import { type Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { PodsenseiError } from "../core/errors.js";
import { type Logger, rateLimitedWarn } from "../core/logger.js";
import type { Delivery, IdempotencyStore } from "../core/ports.js";
import { deliverPayloadSchema, parsePayload } from "../jobs/payloads.js";
import { QUEUES } from "../jobs/queues.js";
import { unrecoverable } from "../jobs/unrecoverable.js";
import type { Metrics } from "./metrics.js";

/** How long "delivered" markers are kept: longer than any retry of any job. */
export const DELIVERED_KEEP_MS = 7 * 24 * 3600 * 1000;
/** A send must finish within this lease, or another process may take the reply over. */
export const SEND_LEASE_MS = 60_000;

/** What the dispatcher needs. */
export interface DispatcherDeps {
  connection: Redis;
  prefix: string;
  delivery: Delivery;
  markers: IdempotencyStore;
  metrics: Metrics;
  logger: Logger;
  concurrency: number;
  /** Lock duration and stalled-check interval of the BullMQ worker; default 30 s. */
  lockMs?: number;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
}

/** Marker key of a request's reply. */
export function deliveredKey(requestId: string): string {
  return `delivered:${requestId}`;
}

/** The processor of one `deliver` job (exported for tests that drive it without BullMQ timing). */
export function deliverProcessor(deps: Omit<DispatcherDeps, "connection" | "prefix" | "concurrency">) {
  const now = deps.now ?? Date.now;
  const owner = `${hostname()}-${process.pid}`;
  return async (job: Job): Promise<"sent" | "duplicate"> => {
    const parsed = parsePayload(deliverPayloadSchema, job.data);
    if (!parsed.ok) {
      deps.metrics.jobs.inc({ queue: QUEUES.deliver, outcome: "invalid" });
      throw unrecoverable(new PodsenseiError("DELIVER_PAYLOAD_INVALID", { detail: parsed.message }));
    }
    const p = parsed.value;
    const log = deps.logger.child({ requestId: p.requestId, platform: p.address.platform });
    const sender = deps.delivery.senderFor(p.address.platform);
    if (!sender) {
      // Another bot process may serve this platform; retry with back-off until one does.
      deps.metrics.jobs.inc({ queue: QUEUES.deliver, outcome: "no-sender" });
      throw new PodsenseiError("DELIVERY_NO_SENDER", { platform: p.address.platform });
    }
    const key = deliveredKey(p.requestId);
    const lease = `${owner}-${job.id}-${job.attemptsStarted}`;
    const claim = await deps.markers.claim(key, lease, SEND_LEASE_MS);
    if (claim === "done") {
      deps.metrics.jobs.inc({ queue: QUEUES.deliver, outcome: "duplicate" });
      log.info("reply already delivered; skipped");
      return "duplicate";
    }
    if (claim === "in-progress") throw new PodsenseiError("DELIVERY_IN_PROGRESS");
    try {
      await sender(p.address, p.reply, { deliveryId: p.requestId });
    } catch (err) {
      await deps.markers.release(key, lease).catch(() => undefined);
      deps.metrics.jobs.inc({ queue: QUEUES.deliver, outcome: "retry" });
      log.warn({ err, attempt: job.attemptsMade + 1 }, "send failed; will retry");
      throw err;
    }
    await deps.markers.complete(key, lease, DELIVERED_KEEP_MS);
    deps.metrics.jobs.inc({ queue: QUEUES.deliver, outcome: "sent" });
    deps.metrics.endToEnd.observe({ outcome: p.outcome }, Math.max(0, now() - p.enqueuedAt) / 1000);
    log.info({ outcome: p.outcome }, "reply delivered");
    return "sent";
  };
}

/** Starts the dispatcher; close it with `worker.close()`. */
export function startDeliveryDispatcher(deps: DispatcherDeps): Worker {
  const handle = deliverProcessor(deps);
  const worker = new Worker(
    QUEUES.deliver,
    async (job: Job) => {
      const end = deps.metrics.jobDuration.startTimer({ queue: QUEUES.deliver });
      try {
        return await handle(job);
      } finally {
        end();
      }
    },
    {
      connection: deps.connection,
      prefix: deps.prefix,
      concurrency: deps.concurrency,
      maxStalledCount: 5,
      lockDuration: deps.lockMs ?? 30_000,
      stalledInterval: deps.lockMs ?? 30_000,
      name: `bot-${hostname()}-${process.pid}`,
    },
  );
  worker.on("error", rateLimitedWarn(deps.logger, "deliver worker error (retrying)"));
  return worker;
}
