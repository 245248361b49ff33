/**
 * A warm pool of sandbox threads (`worker_threads`) with a heap cap per thread (`resourceLimits`)
 * and a wall-clock deadline per task. Threads are started once and reused, so a task pays one
 * message round trip (about 0.1 ms), never a thread start (about 35 ms). A thread that runs past
 * its deadline is terminated, one that runs out of heap dies by itself; either way its task
 * resolves with the reason and a fresh thread takes the slot. Nothing a task does can take the
 * process down.
 *
 * Why not BullMQ's own sandboxed processors: they run the whole processor in the thread but have
 * no per-job deadline (their cancel message cannot interrupt a synchronous simulation), report a
 * heap overflow only as "Unexpected exit code", and would need Redis connections inside every
 * thread to queue the reply. The pool keeps Redis on the main thread and the sandbox pure.
 */
import { Worker } from "node:worker_threads";
import { PodsenseiError } from "../src/core/errors.js";
import type { TaskMessage, ThreadMessage } from "./sandbox-protocol.js";

/** Why a task produced no value. */
export type SandboxFailure = "timeout" | "memory" | "crash" | "error";

/** The outcome of one task. */
export type SandboxOutcome<O> =
  | { ok: true; value: O; computeMs: number; overheadMs: number }
  | { ok: false; reason: SandboxFailure; message: string };

/** Options of {@link SandboxPool}. */
export interface SandboxPoolOptions {
  /** Thread entry module (calls `serveTasks`). A `.ts` entry is loaded through tsx. */
  script: URL;
  /** Threads kept warm. */
  size: number;
  /** Heap cap (old generation) of each thread in MiB. */
  memoryMb: number;
  /** Default deadline of a task in ms. */
  timeoutMs: number;
  /** Called when a thread is replaced. */
  onRespawn?: (reason: SandboxFailure) => void;
}

interface Task<I, O> {
  id: number;
  input: I;
  timeoutMs: number;
  resolve: (o: SandboxOutcome<O>) => void;
}

interface Slot<I, O> {
  worker: Worker;
  ready: boolean;
  dead: boolean;
  task?: Task<I, O>;
  timer?: NodeJS.Timeout;
  sentAt?: number;
}

/** A thread that dies this many times in a row before it is ready means the entry is broken. */
const MAX_STARTUP_FAILURES = 3;

function createThread(script: URL, memoryMb: number): Worker {
  const resourceLimits = {
    maxOldGenerationSizeMb: memoryMb,
    maxYoungGenerationSizeMb: Math.max(4, Math.min(32, Math.floor(memoryMb / 8))),
    stackSizeMb: 4,
  };
  if (!script.pathname.endsWith(".ts")) return new Worker(script, { resourceLimits });
  // Node 20 does not apply `--import tsx` to a worker's entry, so register tsx inside the thread.
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(script.href)}); });`;
  return new Worker(boot, { eval: true, resourceLimits });
}

/** The pool; see the module comment. */
export class SandboxPool<I, O> {
  readonly #opts: SandboxPoolOptions;
  readonly #slots: Slot<I, O>[] = [];
  readonly #queue: Task<I, O>[] = [];
  #nextId = 1;
  #closed = false;
  #startupFailures = 0;
  #broken: string | undefined;
  #readyWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];

  constructor(opts: SandboxPoolOptions) {
    this.#opts = opts;
  }

  /** Starts every thread and resolves once all are ready (rejects if the entry cannot load). */
  async start(): Promise<void> {
    for (let i = 0; i < this.#opts.size; i++) this.#slots.push(this.#spawn());
    await new Promise<void>((resolve, reject) => {
      this.#readyWaiters.push({ resolve, reject });
      this.#checkReady();
    });
  }

  /** Runs one task. Never rejects: failures are outcomes. */
  run(input: I, timeoutMs = this.#opts.timeoutMs): Promise<SandboxOutcome<O>> {
    if (this.#closed) return Promise.resolve({ ok: false, reason: "crash", message: "the sandbox pool is closed" });
    if (this.#broken) return Promise.resolve({ ok: false, reason: "crash", message: this.#broken });
    return new Promise((resolve) => {
      this.#queue.push({ id: this.#nextId++, input, timeoutMs, resolve });
      this.#dispatch();
    });
  }

  /** Threads, and how many are running a task. */
  stats(): { size: number; busy: number; queued: number } {
    return { size: this.#slots.length, busy: this.#slots.filter((s) => s.task).length, queued: this.#queue.length };
  }

  /** Terminates every thread; queued and running tasks resolve as crashes. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const t of this.#queue.splice(0))
      t.resolve({ ok: false, reason: "crash", message: "the sandbox pool closed" });
    await Promise.all(
      this.#slots.splice(0).map(async (s) => {
        this.#finish(s, { ok: false, reason: "crash", message: "the sandbox pool closed" });
        s.dead = true;
        await s.worker.terminate();
      }),
    );
  }

  #spawn(): Slot<I, O> {
    const slot: Slot<I, O> = {
      worker: createThread(this.#opts.script, this.#opts.memoryMb),
      ready: false,
      dead: false,
    };
    slot.worker.on("message", (m: ThreadMessage<O>) => this.#onMessage(slot, m));
    slot.worker.on("error", (err: Error & { code?: string }) => {
      const memory = err.code === "ERR_WORKER_OUT_OF_MEMORY";
      this.#onDeath(
        slot,
        memory ? "memory" : "crash",
        memory ? `the simulation needed more than ${this.#opts.memoryMb} MiB` : err.message,
      );
    });
    slot.worker.on("exit", (code) => this.#onDeath(slot, "crash", `the sandbox thread exited with code ${code}`));
    return slot;
  }

  #onMessage(slot: Slot<I, O>, m: ThreadMessage<O>): void {
    if (m.type === "ready") {
      slot.ready = true;
      this.#startupFailures = 0;
      this.#checkReady();
      this.#dispatch();
      return;
    }
    const task = slot.task;
    if (!task || task.id !== m.id) return;
    const elapsed = performance.now() - (slot.sentAt ?? performance.now());
    this.#finish(
      slot,
      m.type === "done"
        ? { ok: true, value: m.value, computeMs: m.computeMs, overheadMs: Math.max(0, elapsed - m.computeMs) }
        : { ok: false, reason: "error", message: m.message },
    );
    this.#dispatch();
  }

  #finish(slot: Slot<I, O>, outcome: SandboxOutcome<O>): void {
    const task = slot.task;
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = undefined;
    slot.timer = undefined;
    task?.resolve(outcome);
  }

  #onDeath(slot: Slot<I, O>, reason: SandboxFailure, message: string): void {
    if (slot.dead) return;
    slot.dead = true;
    this.#finish(slot, { ok: false, reason, message });
    if (this.#closed) return;
    if (!slot.ready && ++this.#startupFailures >= MAX_STARTUP_FAILURES) {
      this.#slots.splice(this.#slots.indexOf(slot), 1);
      const error = new PodsenseiError("SANDBOX_START_FAILED", { detail: message });
      this.#broken = error.message;
      for (const t of this.#queue.splice(0)) t.resolve({ ok: false, reason: "crash", message: this.#broken });
      for (const w of this.#readyWaiters.splice(0)) w.reject(error);
      return;
    }
    this.#replace(slot, reason);
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (this.#queue.length === 0) return;
      if (!slot.ready || slot.dead || slot.task) continue;
      const task = this.#queue.shift() as Task<I, O>;
      slot.task = task;
      slot.timer = setTimeout(() => {
        if (slot.task !== task) return;
        this.#finish(slot, {
          ok: false,
          reason: "timeout",
          message: `the simulation ran longer than ${task.timeoutMs} ms`,
        });
        slot.dead = true;
        void slot.worker.terminate();
        this.#replace(slot, "timeout");
      }, task.timeoutMs);
      slot.sentAt = performance.now();
      slot.worker.postMessage({ id: task.id, input: task.input } satisfies TaskMessage<I>);
    }
  }

  #replace(slot: Slot<I, O>, reason: SandboxFailure): void {
    const i = this.#slots.indexOf(slot);
    if (i >= 0) this.#slots.splice(i, 1);
    if (this.#closed) return;
    this.#opts.onRespawn?.(reason);
    this.#slots.push(this.#spawn());
  }

  #checkReady(): void {
    if (this.#slots.length > 0 && this.#slots.every((s) => s.ready)) {
      for (const w of this.#readyWaiters.splice(0)) w.resolve();
    }
  }
}
