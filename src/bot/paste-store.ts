/**
 * The last paste simulated in each conversation thread, so a "what if" button under a result can
 * re-simulate the same YAML with one more action. Kept in Redis for a week per thread.
 */
import { z } from "zod";
import { encodeAddress, type ReplyAddress } from "../core/address.js";
import { LIMITS } from "../core/limits.js";
import type { SimulationRequest } from "../tutor/simulation.js";

/** Where pastes are remembered: one per conversation thread. */
export interface PasteStore {
  /** Remembers `request` as the thread's last paste. */
  save(thread: ReplyAddress, request: SimulationRequest): Promise<void>;
  /** The thread's last paste, if it is still kept. */
  load(thread: ReplyAddress): Promise<SimulationRequest | undefined>;
}

/** How long a thread's paste is kept (seconds): a week. */
export const PASTE_TTL_SECONDS = 7 * 24 * 3600;

const storedSchema = z.object({
  manifests: z.string().max(LIMITS.pasteBytes),
  cluster: z.string().max(LIMITS.pasteBytes).optional(),
  atSeconds: z.number().finite().min(0).max(LIMITS.horizonSeconds).optional(),
  actions: z.array(z.string().max(1000)).max(LIMITS.actions).optional(),
});

/** The key of a thread: its address without the user (everyone in a thread shares its paste). */
export function threadKey(a: ReplyAddress): string {
  return encodeAddress({
    platform: a.platform,
    workspace: a.workspace,
    channel: a.channel,
    ...(a.thread ? { thread: a.thread } : {}),
  });
}

/** The two Redis commands the store needs (an ioredis `Redis` satisfies this). */
export interface PasteRedis {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, mode: "EX", seconds: number): Promise<unknown>;
}

/** Pastes in Redis under `<prefix>:paste:<thread key>`, validated again when read. */
export class RedisPasteStore implements PasteStore {
  readonly #redis: PasteRedis;
  readonly #prefix: string;

  constructor(redis: PasteRedis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  async save(thread: ReplyAddress, request: SimulationRequest): Promise<void> {
    await this.#redis.set(this.#key(thread), JSON.stringify(request), "EX", PASTE_TTL_SECONDS);
  }

  async load(thread: ReplyAddress): Promise<SimulationRequest | undefined> {
    const raw = await this.#redis.get(this.#key(thread));
    if (raw === null) return undefined;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return undefined;
    }
    const parsed = storedSchema.safeParse(data);
    if (!parsed.success) return undefined;
    const { manifests, cluster, atSeconds, actions } = parsed.data;
    return {
      manifests,
      ...(cluster !== undefined ? { cluster } : {}),
      ...(atSeconds !== undefined ? { atSeconds } : {}),
      ...(actions !== undefined ? { actions } : {}),
    };
  }

  #key(thread: ReplyAddress): string {
    return `${this.#prefix}:paste:${threadKey(thread)}`;
  }
}
