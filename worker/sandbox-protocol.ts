/**
 * The messages between the sandbox pool (main thread) and a sandbox thread. A thread announces
 * `ready` once its modules are loaded, then answers each task with its id.
 */
import { parentPort } from "node:worker_threads";
import { PodsenseiError } from "../src/core/errors.js";

/** Main thread → sandbox thread. */
export interface TaskMessage<I> {
  id: number;
  input: I;
}

/** Sandbox thread → main thread. */
export type ThreadMessage<O> =
  | { type: "ready" }
  | { type: "done"; id: number; value: O; computeMs: number }
  | { type: "failed"; id: number; message: string };

/**
 * Serves tasks in a sandbox thread: runs `handler` on each input and posts the value, or the
 * message of what it threw. Called once by the thread's entry module.
 */
export function serveTasks<I, O>(handler: (input: I) => O): void {
  const port = parentPort;
  if (!port) throw new PodsenseiError("SANDBOX_NOT_IN_THREAD");
  port.on("message", (task: TaskMessage<I>) => {
    const start = performance.now();
    let reply: ThreadMessage<O>;
    try {
      const value = handler(task.input);
      reply = { type: "done", id: task.id, value, computeMs: performance.now() - start };
    } catch (err) {
      reply = { type: "failed", id: task.id, message: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ type: "ready" } satisfies ThreadMessage<O>);
}
