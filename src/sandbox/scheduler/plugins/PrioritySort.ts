/**
 * PrioritySort (pkg/scheduler/framework/plugins/queuesort/priority_sort.go): higher priority first,
 * then the earlier queue timestamp. Pods queued at the same simulated instant keep arrival order.
 */
import type { QueueSortPlugin } from "../framework.js";
import { noArgs, parseArgs } from "./args.js";

export const name = "PrioritySort";

export function create(args?: unknown): QueueSortPlugin {
  parseArgs(noArgs, name, args);
  return {
    name,
    less(a, b) {
      if (a.pod.priority !== b.pod.priority) return a.pod.priority > b.pod.priority;
      return a.seq < b.seq;
    },
  } satisfies QueueSortPlugin;
}
