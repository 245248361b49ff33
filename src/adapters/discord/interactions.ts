/**
 * Interactions waiting for an answer. When the bot defers an interaction it records the
 * interaction's webhook token here (in Redis, for the token's 15 minutes) under the request id
 * the bot core derives from the interaction, so whichever bot process sends the simulation's
 * result, even one started after the deferring process stopped, completes the interaction
 * through its token: it edits the deferred "thinking…" message, or follows it up.
 */
import { z } from "zod";
import { requestIdFor } from "../../jobs/queues.js";
import { messageRequestId } from "../../jobs/request-lock.js";
import { DISCORD_LIMITS } from "./limits.js";

const pendingSchema = z.object({
  applicationId: z.string().min(1),
  token: z.string().min(1),
  /** ms since the epoch after which the token no longer works. */
  expiresAt: z.number(),
  /** Whether the deferred response is ephemeral (only the asker sees it). */
  ephemeral: z.boolean(),
  /**
   * What the original response shows: `deferred` ("thinking…"), `placeholder` (an
   * acknowledgement such as "Simulating…", which a result replaces), or `answered`.
   */
  state: z.enum(["deferred", "placeholder", "answered"]),
});

/** An interaction awaiting its answer. */
export type PendingInteraction = z.infer<typeof pendingSchema>;

/** The Redis commands the store needs (an ioredis `Redis` satisfies this). */
export interface InteractionRedis {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, mode: "PX", ms: number): Promise<unknown>;
  del(key: string): Promise<unknown>;
}

/** The request id of an interaction: the one the bot core gives the simulations it starts. */
export function interactionRequestId(guildId: string | null, interactionId: string): string {
  return requestIdFor("discord", guildId ?? "", interactionId);
}

/** Margin before a token's expiry after which the channel is used instead. */
const SAFETY_MS = 10_000;

/** Pending interactions in Redis under `<prefix>:discord:interaction:<request id>`. */
export class InteractionStore {
  readonly #redis: InteractionRedis;
  readonly #prefix: string;
  readonly #now: () => number;

  constructor(redis: InteractionRedis, prefix: string, now: () => number = Date.now) {
    this.#redis = redis;
    this.#prefix = prefix;
    this.#now = now;
  }

  /** Records a deferred interaction under `requestId`. */
  async save(requestId: string, p: PendingInteraction): Promise<void> {
    const ttl = p.expiresAt - this.#now();
    if (ttl > 0) await this.#redis.set(this.#key(requestId), JSON.stringify(p), "PX", ttl);
  }

  /** Drops a pending interaction whose token no longer works. */
  async forget(requestId: string): Promise<void> {
    await this.#redis.del(this.#key(requestId));
  }

  /** The pending interaction a reply with this delivery id answers, if its token is still valid. */
  async find(deliveryId: string): Promise<{ requestId: string; pending: PendingInteraction } | undefined> {
    for (const requestId of new Set([deliveryId, messageRequestId(deliveryId)])) {
      const raw = await this.#redis.get(this.#key(requestId));
      if (raw === null) continue;
      let data: unknown;
      try {
        data = JSON.parse(raw);
      } catch {
        continue;
      }
      const parsed = pendingSchema.safeParse(data);
      // A token about to expire is not worth a request that may fail half-way.
      if (parsed.success && parsed.data.expiresAt - SAFETY_MS > this.#now()) return { requestId, pending: parsed.data };
    }
    return undefined;
  }

  #key(requestId: string): string {
    return `${this.#prefix}:discord:interaction:${requestId}`;
  }
}

/** When a token received at `createdAt` (ms) expires. */
export function tokenExpiry(createdAt: number): number {
  return createdAt + DISCORD_LIMITS.interactionTokenMs;
}
