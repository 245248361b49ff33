/**
 * Cluster pictures between the worker and the delivery dispatcher. A picture (~25 KB of PNG) is
 * stored once, as binary, under a key named by the SHA-256 of its bytes; the `deliver` job
 * carries only that id. Queue payloads stay small (BullMQ writes a job's data on add, reads it
 * on fetch and keeps it with the completed job), and identical pictures share one key.
 *
 * The key lives {@link PICTURE_TTL_SECONDS}, far beyond the delivery's retries (about four
 * minutes) and a bot restart; once a reply is sent it is cut to {@link SENT_PICTURE_TTL_SECONDS},
 * enough for another pending reply with the same picture. A reply whose picture has expired is
 * still sent, with its text (dispatcher).
 */
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { z } from "zod";

/** How long a stored picture waits for its delivery. */
export const PICTURE_TTL_SECONDS = 3600;
/** How long a picture stays after a reply carrying it was sent. */
export const SENT_PICTURE_TTL_SECONDS = 300;

/** A picture's id: the unpadded base64url SHA-256 of its bytes. */
export const pictureIdSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { message: "must be a base64url SHA-256" });

/** The id of `png` (content-addressed). */
export function pictureId(png: Uint8Array): string {
  return createHash("sha256").update(png).digest("base64url");
}

/** Where pictures are kept. */
export interface PictureStore {
  /** Stores `png` under `id` (its {@link pictureId}) for {@link PICTURE_TTL_SECONDS}. */
  put(id: string, png: Uint8Array): Promise<void>;
  /** Extends a stored picture's life to {@link PICTURE_TTL_SECONDS}; false when it is gone. */
  refresh(id: string): Promise<boolean>;
  /** The picture's bytes, or undefined once it expired. */
  get(id: string): Promise<Buffer | undefined>;
  /** Shortens the picture's life to {@link SENT_PICTURE_TTL_SECONDS} (never lengthens it). */
  sent(id: string): Promise<void>;
}

/** Pictures under `<queuePrefix>:picture:<id>` in Redis. */
export class RedisPictureStore implements PictureStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, queuePrefix: string) {
    this.#redis = redis;
    this.#prefix = `${queuePrefix}:picture`;
  }

  async put(id: string, png: Uint8Array): Promise<void> {
    // Plain SET, not SET NX: the value is the same whoever writes it, and overwriting also
    // renews the TTL for this delivery when an identical picture was stored long ago.
    await this.#redis.set(
      this.#key(id),
      Buffer.from(png.buffer, png.byteOffset, png.byteLength),
      "EX",
      PICTURE_TTL_SECONDS,
    );
  }

  async refresh(id: string): Promise<boolean> {
    return (await this.#redis.expire(this.#key(id), PICTURE_TTL_SECONDS)) === 1;
  }

  async get(id: string): Promise<Buffer | undefined> {
    return (await this.#redis.getBuffer(this.#key(id))) ?? undefined;
  }

  async sent(id: string): Promise<void> {
    await this.#redis.expire(this.#key(id), SENT_PICTURE_TTL_SECONDS, "LT");
  }

  #key(id: string): string {
    return `${this.#prefix}:${id}`;
  }
}
