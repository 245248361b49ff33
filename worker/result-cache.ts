/**
 * A content-addressed cache of finished simulations, in the worker's main thread. The simulator
 * is deterministic (the same input gives the same output, byte for byte: README "Determinism"),
 * so identical requests — a lesson's or a drill's paste sent by many learners — may share one
 * reply and picture. It is per process and in memory, so a new simulator version (a new process)
 * never sees an older one's results. Only successful runs are kept: a failure is cheap to repeat
 * or (a time limit under load) not certain to repeat.
 *
 * Bounded by bytes, least recently used first out. A hit skips the sandbox entirely.
 */
import { createHash } from "node:crypto";
import type { SimulateTask, SimulateTaskResult } from "./simulate-task.js";

/** Default budget: ~1,000 typical replies with their picture (~30 KB each). */
export const DEFAULT_RESULT_CACHE_BYTES = 32 * 1024 * 1024;

/** The key of a task: a hash of every field that changes the simulation's output. */
export function taskKey(task: SimulateTask): string {
  const fields = [
    task.manifests,
    task.cluster ?? null,
    task.atSeconds ?? null,
    task.actions ?? null,
    task.files ?? null,
    task.seed ?? null,
  ];
  return createHash("sha256").update(JSON.stringify(fields)).digest("base64url");
}

/** Approximate bytes a result holds: the picture's bytes and the reply's text. */
export function resultBytes(value: SimulateTaskResult): number {
  return JSON.stringify(value.reply).length + (value.picture?.png.byteLength ?? 0);
}

/** The cache; see the module comment. */
export class ResultCache {
  readonly #maxBytes: number;
  readonly #entries = new Map<string, { value: SimulateTaskResult; bytes: number }>();
  #bytes = 0;

  constructor(maxBytes = DEFAULT_RESULT_CACHE_BYTES) {
    this.#maxBytes = maxBytes;
  }

  get(key: string): SimulateTaskResult | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    // Re-inserting moves it to the end of Map's insertion order: most recently used.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: SimulateTaskResult): void {
    const bytes = resultBytes(value);
    // One result larger than a quarter of the budget would flush everything else for little gain.
    if (bytes > this.#maxBytes / 4 || this.#entries.has(key)) return;
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    for (const [k, e] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(k);
      this.#bytes -= e.bytes;
    }
  }

  /** Entries and bytes held. */
  stats(): { entries: number; bytes: number } {
    return { entries: this.#entries.size, bytes: this.#bytes };
  }
}
