/**
 * The scenario of each conversation thread: the last paste simulated there and the follow-ups
 * added since, so a "what if" (a button under a result, or typed) re-simulates the same YAML with
 * one more action. Kept in Redis for a week per thread.
 */
import { z } from "zod";
import { encodeAddress, type ReplyAddress } from "../core/address.js";
import { LIMITS } from "../core/limits.js";
import type { SimulationRequest } from "../tutor/simulation.js";

/** A thread's paste with its follow-ups. */
export interface Scenario extends SimulationRequest {
  /** YAML that follow-ups apply (`kubectl apply -f NAME`), by file name. */
  files?: Record<string, string>;
  /** The paste's own horizon and actions, before any follow-up: what "reset scenario" returns to. */
  base?: { atSeconds?: number; actions?: string[] };
}

/** Where scenarios are remembered: one per conversation thread. */
export interface PasteStore {
  /** Remembers `scenario` as the thread's current one. */
  save(thread: ReplyAddress, scenario: Scenario): Promise<void>;
  /** The thread's scenario, if it is still kept. */
  load(thread: ReplyAddress): Promise<Scenario | undefined>;
}

/** How long a thread's paste is kept (seconds): a week. */
export const PASTE_TTL_SECONDS = 7 * 24 * 3600;

const atSecondsSchema = z.number().finite().min(0).max(LIMITS.horizonSeconds);
const actionsSchema = z.array(z.string().max(1000)).max(LIMITS.actions);
const storedSchema = z.object({
  manifests: z.string().max(LIMITS.pasteBytes),
  cluster: z.string().max(LIMITS.pasteBytes).optional(),
  atSeconds: atSecondsSchema.optional(),
  actions: actionsSchema.optional(),
  files: z
    .record(z.string().max(256), z.string().max(LIMITS.pasteBytes))
    .refine((f) => Object.keys(f).length <= LIMITS.actions)
    .optional(),
  base: z.object({ atSeconds: atSecondsSchema.optional(), actions: actionsSchema.optional() }).optional(),
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

  async save(thread: ReplyAddress, scenario: Scenario): Promise<void> {
    await this.#redis.set(this.#key(thread), JSON.stringify(scenario), "EX", PASTE_TTL_SECONDS);
  }

  async load(thread: ReplyAddress): Promise<Scenario | undefined> {
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
    const { manifests, cluster, atSeconds, actions, files, base } = parsed.data;
    return {
      manifests,
      ...(cluster !== undefined ? { cluster } : {}),
      ...(atSeconds !== undefined ? { atSeconds } : {}),
      ...(actions !== undefined ? { actions } : {}),
      ...(files !== undefined ? { files } : {}),
      ...(base !== undefined ? { base: baseOf(base) } : {}),
    };
  }

  #key(thread: ReplyAddress): string {
    return `${this.#prefix}:paste:${threadKey(thread)}`;
  }
}

/** The stored base without `undefined` members (strict optional properties). */
function baseOf(b: { atSeconds?: number | undefined; actions?: string[] | undefined }): NonNullable<Scenario["base"]> {
  return {
    ...(b.atSeconds !== undefined ? { atSeconds: b.atSeconds } : {}),
    ...(b.actions !== undefined ? { actions: b.actions } : {}),
  };
}
