/**
 * Content-addressed bytes between the worker and the delivery dispatcher: a simulation's reply
 * (UTF-8 JSON, ~5 KB) and its cluster picture (PNG, ~25 KB). Each is stored once, as binary,
 * under a key named by the SHA-256 of its bytes; the `deliver` job carries only the ids. Queue
 * payloads stay small (BullMQ writes a job's data on add, reads it on fetch and keeps it with the
 * completed job), and identical replies and pictures — a lesson's paste sent by a whole channel —
 * share one key each.
 *
 * A key lives {@link BLOB_TTL_SECONDS}, far beyond the delivery's retries (about four minutes)
 * and a bot restart; once a reply using it is sent it is cut to {@link SENT_BLOB_TTL_SECONDS},
 * enough for another pending reply with the same content. The dispatcher says so when a reply's
 * content has expired before it could be sent.
 *
 * {@link BlobStore.keep} is what the worker calls before queueing a reply. A key this process
 * stored less than {@link KEEP_FRESH_MS} ago is certain to outlive the new reply's delivery
 * without a round trip, since a key only ever loses life by being cut to
 * {@link SENT_BLOB_TTL_SECONDS} after a send, and 300 s − 30 s is more than the `deliver`
 * queue's retries take. So a paste sent by a hundred learners stores its reply and picture about
 * once every 30 s, not a hundred times (Redis must not evict keys: `noeviction`, as BullMQ
 * requires anyway). Likewise `sent` cuts a key's life at most once per {@link KEEP_FRESH_MS} per
 * process: skipping a cut only keeps a key longer.
 */
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { z } from "zod";

/** How long a stored blob waits for its delivery. */
export const BLOB_TTL_SECONDS = 3600;
/** How long a blob stays after a reply using it was sent. */
export const SENT_BLOB_TTL_SECONDS = 300;
/** How long after storing a blob (or cutting its life) this process relies on that without asking Redis. */
export const KEEP_FRESH_MS = 30_000;

/** A blob's id: the unpadded base64url SHA-256 of its bytes. */
export const blobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { message: "must be a base64url SHA-256" });

/** Bytes with their content id. */
export interface ContentBlob {
  id: string;
  bytes: Uint8Array;
}

/** The id of `bytes` (content-addressed). */
export function blobId(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("base64url");
}

/** `bytes` with their id. */
export function contentBlob(bytes: Uint8Array): ContentBlob {
  return { id: blobId(bytes), bytes };
}

/** Where replies' blobs are kept. */
export interface BlobStore {
  /**
   * Makes sure `blob` is stored long enough for a reply queued after this resolves: nothing when
   * this process stored it within {@link KEEP_FRESH_MS}, else an upload (which also renews it).
   * Uploading beats asking first: one round trip either way.
   */
  keep(blob: ContentBlob): Promise<void>;
  /** Stores `blob` for {@link BLOB_TTL_SECONDS}. */
  put(blob: ContentBlob): Promise<void>;
  /** The blob's bytes, or undefined once it expired. */
  get(id: string): Promise<Buffer | undefined>;
  /** Shortens the blob's life to {@link SENT_BLOB_TTL_SECONDS} (never lengthens it). */
  sent(id: string): Promise<void>;
}

/** When this process last did something to each key, forgetting anything older than {@link KEEP_FRESH_MS}. */
class RecentKeys {
  /** Milliseconds by id, in the order they were recorded: the stale ones are at the front. */
  readonly #at = new Map<string, number>();

  isRecent(id: string, now: number): boolean {
    const at = this.#at.get(id);
    return at !== undefined && now - at < KEEP_FRESH_MS;
  }

  record(id: string, at: number): void {
    this.#at.delete(id);
    this.#at.set(id, at);
    for (const [k, t] of this.#at) {
      if (at - t < KEEP_FRESH_MS) break;
      this.#at.delete(k);
    }
  }
}

/** Blobs under `<queuePrefix>:blob:<id>` in Redis. */
export class RedisBlobStore implements BlobStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #now: () => number;
  readonly #stored = new RecentKeys();
  readonly #cut = new RecentKeys();

  /** `now`: milliseconds since the epoch; default `Date.now`. */
  constructor(redis: Redis, queuePrefix: string, now: () => number = Date.now) {
    this.#redis = redis;
    this.#prefix = `${queuePrefix}:blob`;
    this.#now = now;
  }

  async keep(blob: ContentBlob): Promise<void> {
    if (!this.#stored.isRecent(blob.id, this.#now())) await this.put(blob);
  }

  async put({ id, bytes }: ContentBlob): Promise<void> {
    // Taken before the command goes out, so the window never outlasts the key's real life.
    const at = this.#now();
    // Plain SET, not SET NX: the value is the same whoever writes it, and overwriting also
    // renews the TTL for this delivery when an identical blob was stored long ago.
    await this.#redis.set(
      this.#key(id),
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      "EX",
      BLOB_TTL_SECONDS,
    );
    this.#stored.record(id, at);
  }

  async get(id: string): Promise<Buffer | undefined> {
    return (await this.#redis.getBuffer(this.#key(id))) ?? undefined;
  }

  async sent(id: string): Promise<void> {
    const now = this.#now();
    if (this.#cut.isRecent(id, now)) return;
    this.#cut.record(id, now);
    await this.#redis.expire(this.#key(id), SENT_BLOB_TTL_SECONDS, "LT");
  }

  #key(id: string): string {
    return `${this.#prefix}:${id}`;
  }
}
