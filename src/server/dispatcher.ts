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
 * marker) leads to exactly one reply. Each send holds the request's answering lock
 * (request-lock.ts), so it never overtakes the bot's own "Simulating…" for the same message.
 */
import { hostname } from "node:os";
import { type Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";
import { PodsenseiError } from "../core/errors.js";
import { type Logger, rateLimitedWarn } from "../core/logger.js";
import { LruCache } from "../core/lru-cache.js";
import type { Delivery, IdempotencyStore } from "../core/ports.js";
import { type Reply, replySchema, textReply } from "../core/reply.js";
import type { BlobStore } from "../jobs/blob-store.js";
import { type DeliverPayload, deliverPayloadSchema, parsePayload } from "../jobs/payloads.js";
import { QUEUES } from "../jobs/queues.js";
import type { RequestLock } from "../jobs/request-lock.js";
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
  /** Sends wait while the bot is still sending the request's immediate replies. */
  answering: RequestLock;
  /** Where the reply bodies and pictures that results refer to are kept. */
  blobs: BlobStore;
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

/** Said in place of a referred picture that expired before its reply was sent. */
export const PICTURE_EXPIRED_NOTE =
  "The cluster picture for this reply expired before it could be sent (pictures are kept for an hour). Paste the manifests again to see it.";

/** Sent in place of a simulation's reply whose stored body expired before it could be sent. */
export const REPLY_EXPIRED_TEXT =
  "The answer to this paste expired before it could be sent (answers wait for an hour). Please paste the manifests again.";

/** Budgets of a bot process's copies of recently sent content, in characters. */
const REPLY_CACHE_CHARS = 4 * 1024 * 1024;
const PICTURE_CACHE_CHARS = 8 * 1024 * 1024;

/**
 * Recently sent replies and pictures by content id (blob-store.ts), per bot process: identical
 * pastes (a lesson's, a drill's) send the same content again and again, and each hit saves
 * reading it from Redis, checking the reply and encoding the picture. Ids name content, so an
 * entry never goes stale: a cached one is sent even if its key has since expired in Redis.
 */
class SentContent {
  readonly replies = new LruCache<{ reply: Reply; chars: number }>(REPLY_CACHE_CHARS, (r) => r.chars);
  readonly pictures = new LruCache<string>(PICTURE_CACHE_CHARS, (base64) => base64.length);

  constructor(readonly blobs: BlobStore) {}

  /** The stored reply `id`, checked, or undefined once it expired. A corrupt one throws (the job fails). */
  async reply(id: string): Promise<Reply | undefined> {
    const cached = this.replies.get(id);
    if (cached) return cached.reply;
    const bytes = await this.blobs.get(id);
    if (!bytes) return undefined;
    const json = bytes.toString("utf8");
    const parsed = replySchema.safeParse(JSON.parse(json));
    if (!parsed.success)
      throw new PodsenseiError("DELIVER_PAYLOAD_INVALID", {
        detail: `stored reply ${id}: ${z.prettifyError(parsed.error)}`,
      });
    this.replies.set(id, { reply: parsed.data, chars: json.length });
    return parsed.data;
  }

  /** The stored picture `id` as base64, or undefined once it expired. */
  async picture(id: string): Promise<string | undefined> {
    const cached = this.pictures.get(id);
    if (cached !== undefined) return cached;
    const png = await this.blobs.get(id);
    if (!png) return undefined;
    const base64 = png.toString("base64");
    this.pictures.set(id, base64);
    return base64;
  }
}

/**
 * The reply to send: the payload's own or its stored one, with its referred picture (as the
 * base64 `Reply` image adapters take), or notes saying what expired.
 */
async function replyToSend(p: DeliverPayload, content: SentContent): Promise<Reply> {
  const [stored, pngBase64] = await Promise.all([
    p.storedReply ? content.reply(p.storedReply.id) : undefined,
    p.picture ? content.picture(p.picture.id) : undefined,
  ]);
  const reply = p.reply ?? stored;
  if (!reply) return textReply(REPLY_EXPIRED_TEXT);
  if (!p.picture) return reply;
  const { filename, alt } = p.picture;
  if (pngBase64 === undefined)
    return { ...reply, blocks: [...reply.blocks, { type: "context", text: PICTURE_EXPIRED_NOTE }] };
  return { ...reply, image: { filename, alt, pngBase64 } };
}

/** The processor of one `deliver` job (exported for tests that drive it without BullMQ timing). */
export function deliverProcessor(deps: Omit<DispatcherDeps, "connection" | "prefix" | "concurrency">) {
  const now = deps.now ?? Date.now;
  const owner = `${hostname()}-${process.pid}`;
  const content = new SentContent(deps.blobs);
  return async (job: Job): Promise<"sent" | "duplicate"> => {
    const parsed = parsePayload(deliverPayloadSchema, job.data);
    if (!parsed.ok) {
      deps.metrics.jobs.inc({ queue: QUEUES.deliver, outcome: "invalid" });
      throw unrecoverable(new PodsenseiError("DELIVER_PAYLOAD_INVALID", { detail: parsed.message }));
    }
    const p = parsed.value;
    const sender = deps.delivery.senderFor(p.address.platform);
    if (!sender) {
      // Another bot process may serve this platform; retry with back-off until one does.
      deps.metrics.jobs.inc({ queue: QUEUES.deliver, outcome: "no-sender" });
      throw new PodsenseiError("DELIVERY_NO_SENDER", { platform: p.address.platform });
    }
    const key = deliveredKey(p.requestId);
    const lease = `${owner}-${job.id}-${job.attemptsStarted}`;
    const claim = await deps.markers.claim(key, lease, SEND_LEASE_MS);
    const about = { requestId: p.requestId, platform: p.address.platform };
    if (claim === "done") {
      deps.metrics.jobs.inc({ queue: QUEUES.deliver, outcome: "duplicate" });
      deps.logger.info(about, "reply already delivered; skipped");
      return "duplicate";
    }
    if (claim === "in-progress") throw new PodsenseiError("DELIVERY_IN_PROGRESS");
    try {
      const reply = await replyToSend(p, content);
      await deps.answering.exclusive(p.requestId, () => sender(p.address, reply, { deliveryId: p.requestId }));
    } catch (err) {
      await deps.markers.release(key, lease).catch(() => undefined);
      deps.metrics.jobs.inc({ queue: QUEUES.deliver, outcome: "retry" });
      deps.logger.warn({ ...about, err, attempt: job.attemptsMade + 1 }, "send failed; will retry");
      throw err;
    }
    // The marker and the stored content's shorter life go out together: one round trip.
    const cut = (id: string | undefined) => (id ? deps.blobs.sent(id).catch(() => undefined) : undefined);
    await Promise.all([
      deps.markers.complete(key, lease, DELIVERED_KEEP_MS),
      cut(p.storedReply?.id),
      cut(p.picture?.id),
    ]);
    deps.metrics.jobs.inc({ queue: QUEUES.deliver, outcome: "sent" });
    deps.metrics.endToEnd.observe({ outcome: p.outcome }, Math.max(0, now() - p.enqueuedAt) / 1000);
    deps.logger.debug({ ...about, outcome: p.outcome }, "reply delivered");
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
