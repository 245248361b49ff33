/**
 * A content-addressed cache of finished simulations, in the worker's main thread. The simulator
 * is deterministic (the same input gives the same output, byte for byte: README "Determinism"),
 * so identical requests — a lesson's or a drill's paste sent by many learners — may share one
 * reply and picture. It is per process and in memory, so a new simulator version (a new process)
 * never sees an older one's results. Only successful runs are kept: a failure is cheap to repeat
 * or (a time limit under load) not certain to repeat.
 *
 * Bounded by bytes, least recently used first out (lru-cache.ts). A hit skips the sandbox entirely.
 */
import { createHash } from "node:crypto";
import { LruCache } from "../src/core/lru-cache.js";
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

/** Bytes a result holds: the reply's and the picture's. */
export function resultBytes(value: SimulateTaskResult): number {
  return value.reply.bytes.byteLength + (value.picture?.bytes.byteLength ?? 0);
}

/** The cache; see the module comment. */
export class ResultCache extends LruCache<SimulateTaskResult> {
  constructor(maxBytes = DEFAULT_RESULT_CACHE_BYTES) {
    super(maxBytes, resultBytes);
  }
}
