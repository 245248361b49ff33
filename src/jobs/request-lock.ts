/**
 * A request's answering lock. The bot process holds it from before a message's simulations are
 * queued until its immediate replies ("Simulating…") are sent, and every delivery of a result to
 * that request holds it while sending. So a result that comes back fast (a cached simulation)
 * waits for the acknowledgement instead of landing before it: on Discord the acknowledgement
 * would otherwise overwrite the answer in the interaction's original message; on Slack it would
 * post "Simulating…" under the answer. Two results of one message are serialised the same way.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";
import { PodsenseiError } from "../core/errors.js";
import type { IdempotencyStore } from "../core/ports.js";
import { RedisIdempotencyStore } from "./redis-idempotency.js";

/**
 * How long one holder may keep a lock: its sends take well under a second, so this only matters
 * when a process dies holding it.
 */
export const ANSWER_LOCK_MS = 15_000;
/** How often a sender waiting for the lock asks again. */
const POLL_MS = 20;

/**
 * The request whose lock a request id takes: a message's second and later simulations are named
 * `<event id>~<n>` by the bot core (src/bot/bot.ts), which `requestIdFor` escapes to `_7E<n>`;
 * they answer the same message.
 */
export function messageRequestId(requestId: string): string {
  return requestId.replace(/_7E\d+$/, "");
}

/** Answering locks on leases of an {@link IdempotencyStore} (released, never completed). */
export class RequestLock {
  readonly #leases: IdempotencyStore;
  #taken = 0;

  constructor(leases: IdempotencyStore) {
    this.#leases = leases;
  }

  /**
   * Runs `work` holding the lock of `requestId`'s message, first waiting for another holder to
   * finish (at most {@link ANSWER_LOCK_MS}, after which a dead holder's lease has ended). Throws
   * `ANSWER_LOCK_BUSY` if it never frees, so a delivery job retries later.
   */
  async exclusive<T>(requestId: string, work: () => Promise<T>): Promise<T> {
    const key = messageRequestId(requestId);
    const owner = `${process.pid}-${++this.#taken}-${Math.random().toString(36).slice(2)}`;
    const giveUpAt = Date.now() + ANSWER_LOCK_MS + POLL_MS;
    while ((await this.#leases.claim(key, owner, ANSWER_LOCK_MS)) !== "claimed") {
      if (Date.now() > giveUpAt) throw new PodsenseiError("ANSWER_LOCK_BUSY");
      await sleep(POLL_MS);
    }
    try {
      return await work();
    } finally {
      await this.#leases.release(key, owner);
    }
  }
}

/** The answering locks every process of one deployment shares, under `<prefix>:answering:`. */
export function answeringLocks(redis: Redis, queuePrefix: string): RequestLock {
  return new RequestLock(new RedisIdempotencyStore(redis, `${queuePrefix}:answering`));
}
