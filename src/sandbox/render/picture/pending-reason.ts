/**
 * The short form of why a pod has no node, for the picture's Pending lane: the FailedScheduling
 * message without its PostFilter (preemption) tail.
 */
import type { PodSummary } from "../../result.js";

/**
 * `0/<N> nodes are available: <reasons>.` optionally followed by ` <PostFilter messages>`
 * (pkg/scheduler/framework/types.go FitError.Error): DynamicResources' `no new claims to
 * deallocate` and DefaultPreemption's `preemption: …` (pkg/scheduler/framework/preemption/preemption.go).
 * The reasons end at the first `. ` or at the final `.`.
 */
const FIT_ERROR = /^0\/(\d+) nodes are available: (.*?)\.(?: .*)?$/s;

/** Why an unscheduled pod waits, in a few words (`0/3 nodes: 3 Insufficient cpu`). */
export function pendingReason(pod: PodSummary): string {
  const message = pod.message?.trim() ?? "";
  const fit = FIT_ERROR.exec(message);
  if (fit) return `0/${fit[1]} nodes: ${fit[2]}`;
  if (message !== "") return message;
  if (pod.reason) return pod.reason;
  return "not scheduled yet";
}
