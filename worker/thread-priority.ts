/**
 * Sandbox threads run below the main thread's CPU priority. The main thread takes jobs from
 * Redis, posts tasks and queues replies for every job; when simulations fill the cores it would
 * otherwise wait its turn behind them, and every job's start would wait with it. With the
 * sandbox threads niced, the scheduler runs the (short) main-thread work first and gives the
 * threads all the rest: throughput is the same, start latency is not held hostage.
 *
 * Linux schedules threads individually and `setpriority(PRIO_PROCESS, tid)` sets one thread's
 * nice value; Node exposes it as `os.setPriority` with the thread's id, which `/proc/thread-self`
 * names. Elsewhere (no `/proc`) the threads keep the process's priority.
 */
import { readlinkSync } from "node:fs";
import { getPriority, setPriority } from "node:os";

/** How much lower than the process the sandbox threads run (nice units, 19 at most). */
export const SANDBOX_NICE_OFFSET = 10;

/** The calling thread's id, or undefined where the system does not say. */
function threadId(): number | undefined {
  try {
    // "<pid>/task/<tid>"
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** Lowers the calling thread's priority by {@link SANDBOX_NICE_OFFSET}; false when it cannot. */
export function lowerThreadPriority(offset = SANDBOX_NICE_OFFSET): boolean {
  const tid = threadId();
  if (tid === undefined) return false;
  try {
    setPriority(tid, Math.min(19, getPriority(tid) + offset));
    return true;
  } catch {
    return false;
  }
}
