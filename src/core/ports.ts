/**
 * Ports: the interfaces the core talks through, so jobs, delivery and the tutor never depend on
 * a platform SDK or a particular store. Redis implements them in production; tests use the same
 * Redis or an in-test loopback.
 */
import type { ReplyAddress } from "./address.js";
import type { Platform } from "./message.js";
import type { Reply } from "./reply.js";

/** Context handed to a sender with each reply. */
export interface SendContext {
  /**
   * Stable id of this reply (the request id). A platform that de-duplicates by a client key
   * (Discord's message `nonce` with `enforce_nonce`) should pass it on; that closes the last
   * window in which a crash could repeat a reply.
   */
  deliveryId: string;
}

/**
 * Sends one reply to one address on one platform. Resolves once the platform accepted it;
 * rejects on failure (the delivery job retries with back-off). Must not retry by itself.
 */
export type ReplySender = (address: ReplyAddress, reply: Reply, ctx: SendContext) => Promise<void>;

/**
 * Delivery: the registry of senders, one per platform. Adapters register their sender when
 * they start; the delivery dispatcher looks it up per reply.
 */
export interface Delivery {
  /** Registers (or replaces) the sender of a platform. */
  register(platform: Platform, sender: ReplySender): void;
  /** The sender of a platform, if one is registered. */
  senderFor(platform: Platform): ReplySender | undefined;
  /** Platforms with a sender. */
  platforms(): Platform[];
}

/** What {@link IdempotencyStore.claim} found. */
export type ClaimResult =
  /** The caller now owns the key until the lease ends or it completes or releases it. */
  | "claimed"
  /** Another owner holds an unexpired lease. */
  | "in-progress"
  /** The work behind the key was completed already. */
  | "done";

/**
 * Idempotency markers: "do this once per key". A claim is a lease (it expires, so a crashed
 * owner never blocks the key forever); `complete` turns it into a long-lived "done" marker.
 */
export interface IdempotencyStore {
  /** Claims `key` for `owner` for `leaseMs`, unless it is held or done. */
  claim(key: string, owner: string, leaseMs: number): Promise<ClaimResult>;
  /** Marks `key` done for `keepMs`, if `owner` still holds it or nobody does. False otherwise. */
  complete(key: string, owner: string, keepMs: number): Promise<boolean>;
  /** Gives up a claim (after a failure) so a retry need not wait for the lease to end. */
  release(key: string, owner: string): Promise<void>;
}

/**
 * A queue of jobs with caller-chosen ids. Adding an id that is already queued, running or
 * recently finished queues nothing new, so a retried platform event is one job.
 */
export interface JobQueue<P> {
  /** Queues `payload` under `jobId`; resolves to the job id. */
  add(jobId: string, payload: P): Promise<string>;
}
