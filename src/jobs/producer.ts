/**
 * The bot's side of a simulation request: de-duplicate the platform event, check the paste size
 * and the rate limits, then queue one `simulate` job whose id is the request id. Every answer the
 * producer gives itself (too big, rate limited) also goes through the `deliver` queue under the
 * same request id, so each request gets exactly one reply whoever sends it.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { addressOf, type ReplyAddress } from "../core/address.js";
import { describeLimit, LIMITS } from "../core/limits.js";
import type { Logger } from "../core/logger.js";
import type { IncomingMessage } from "../core/message.js";
import type { IdempotencyStore, JobQueue } from "../core/ports.js";
import { textReply } from "../core/reply.js";
import type { Admission, RateDecision, RateLimiter } from "../server/rate-limiter.js";
import { rateLimitReply } from "../server/rate-limiter.js";
import { type DeliverPayload, deliverPayloadSchema, type SimulatePayload, simulatePayloadSchema } from "./payloads.js";
import { JOB_RETENTION_SECONDS, requestIdFor } from "./queues.js";

/** A simulation a learner asked for. */
export interface SimulationRequest {
  requestId: string;
  address: ReplyAddress;
  /** Rate-limit identity of the learner, e.g. `slack.T1.U1`. */
  learner: string;
  /** Rate-limit identity of the channel, e.g. `slack.T1.C1`. */
  channel: string;
  manifests: string;
  cluster?: string;
  atSeconds?: number;
  actions?: string[];
  /** Files that `kubectl apply -f NAME` actions apply, by name. */
  files?: Record<string, string>;
  seed?: number;
}

/** The request for `manifests` pasted in `msg`: ids derived from the platform event. */
export function simulationRequestOf(msg: IncomingMessage, manifests: string): SimulationRequest {
  return {
    requestId: requestIdFor(msg.platform, msg.workspace, msg.eventId),
    address: addressOf(msg),
    learner: requestIdFor(msg.platform, msg.workspace, msg.user),
    channel: requestIdFor(msg.platform, msg.workspace, msg.channel),
    manifests,
  };
}

/** What {@link JobProducer.submit} did. */
export type SubmitResult =
  | { status: "queued"; requestId: string }
  /** The same event was submitted before: nothing new happens (its one reply is on its way). */
  | { status: "duplicate"; requestId: string }
  /** Refused before queueing (paste too big, bad options); the reason is being delivered. */
  | { status: "rejected"; requestId: string; message: string }
  /** Over a rate limit; the polite answer is being delivered. */
  | { status: "limited"; requestId: string; retryAfterMs: number };

/** What the producer needs. */
export interface ProducerDeps {
  simulate: JobQueue<SimulatePayload>;
  deliver: JobQueue<DeliverPayload>;
  markers: IdempotencyStore;
  /** Claims the event's marker and, when claimed, takes the rate limits: one round trip (rate-limiter.ts). */
  limiter: Pick<RateLimiter, "admit">;
  logger: Logger;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
  /** Identity of this process in marker leases; default a random id. */
  owner?: string;
}

/** How long a half-done submission blocks a retry of its event (a crash mid-way is retried after). */
const SUBMIT_LEASE_MS = 30_000;

/** Submits simulation requests; see the module comment. */
export class JobProducer {
  readonly #d: ProducerDeps;
  readonly #now: () => number;
  readonly #owner: string;
  #calls = 0;

  constructor(deps: ProducerDeps) {
    this.#d = deps;
    this.#now = deps.now ?? Date.now;
    this.#owner = deps.owner ?? `bot-${process.pid}-${randomUUID()}`;
  }

  /**
   * Submits one request. Infrastructure failures (Redis unreachable) reject, after giving up the
   * event's marker so the platform's retry of the event can succeed.
   */
  async submit(req: SimulationRequest): Promise<SubmitResult> {
    const { requestId } = req;
    const marker = `submitted:${requestId}`;
    // One owner per call: concurrent deliveries of the same event must not share a lease.
    const owner = `${this.#owner}-${++this.#calls}`;
    // The paste and the YAML its actions apply are one paste as far as the size limit goes.
    let bytes = Buffer.byteLength(req.manifests, "utf8");
    for (const text of Object.values(req.files ?? {})) bytes += Buffer.byteLength(text, "utf8");
    // A paste over the limit is refused without being counted against the learner's limits.
    const tooBig = bytes > LIMITS.pasteBytes;
    const admission: Admission = tooBig
      ? { claim: await this.#d.markers.claim(marker, owner, SUBMIT_LEASE_MS) }
      : await this.#d.limiter.admit(marker, owner, SUBMIT_LEASE_MS, req.learner, req.channel, requestId);
    if (admission.claim !== "claimed") return { status: "duplicate", requestId };
    try {
      const result = await this.#submitClaimed(req, bytes, admission.decision);
      await this.#d.markers.complete(marker, owner, JOB_RETENTION_SECONDS * 1000);
      return result;
    } catch (err) {
      await this.#d.markers.release(marker, owner).catch(() => undefined);
      throw err;
    }
  }

  /** The rest of a claimed submission; `decision` is missing for a paste over the size limit. */
  async #submitClaimed(
    req: SimulationRequest,
    bytes: number,
    decision: RateDecision | undefined,
  ): Promise<SubmitResult> {
    const { requestId, address } = req;
    const log = this.#d.logger;
    const enqueuedAt = this.#now();
    if (!decision) {
      const message = `This paste is ${bytes.toLocaleString("en-US")} bytes, over the ${describeLimit("pasteBytes")}. Split it into smaller pastes and send them one by one.`;
      await this.#reply({ v: 1, requestId, address, reply: textReply(message), outcome: "rejected", enqueuedAt });
      log.info({ requestId, bytes }, "paste refused: too big");
      return { status: "rejected", requestId, message };
    }
    if (!decision.allowed) {
      await this.#reply({ v: 1, requestId, address, reply: rateLimitReply(decision), outcome: "limited", enqueuedAt });
      log.info({ requestId, scope: decision.scope, retryAfterMs: decision.retryAfterMs }, "request rate limited");
      return { status: "limited", requestId, retryAfterMs: decision.retryAfterMs };
    }
    const parsed = simulatePayloadSchema.safeParse({
      v: 1,
      requestId,
      address,
      manifests: req.manifests,
      ...(req.cluster !== undefined ? { cluster: req.cluster } : {}),
      ...(req.atSeconds !== undefined ? { atSeconds: req.atSeconds } : {}),
      ...(req.actions !== undefined ? { actions: req.actions } : {}),
      ...(req.files !== undefined ? { files: req.files } : {}),
      ...(req.seed !== undefined ? { seed: req.seed } : {}),
      enqueuedAt,
    });
    if (!parsed.success) {
      const message = `This simulation request is not valid:\n${z.prettifyError(parsed.error)}`;
      await this.#reply({ v: 1, requestId, address, reply: textReply(message), outcome: "rejected", enqueuedAt });
      return { status: "rejected", requestId, message };
    }
    await this.#d.simulate.add(requestId, parsed.data);
    // Per-job lines are debug: at info they would cost every job a log line (and a pino call).
    log.debug({ requestId, bytes }, "simulation queued");
    return { status: "queued", requestId };
  }

  async #reply(payload: DeliverPayload): Promise<void> {
    await this.#d.deliver.add(payload.requestId, deliverPayloadSchema.parse(payload));
  }
}
