/**
 * NodeResourcesFit (pkg/scheduler/framework/plugins/noderesources/fit.go, least_allocated.go):
 * Filter checks the pod count, then every requested resource against allocatable minus what pods on
 * the node already request, listing every shortage; Score is LeastAllocated over cpu and memory
 * (weight 1 each) using non-zero requests.
 */
import {
  Code,
  type FilterPlugin,
  MAX_NODE_SCORE,
  newStatus,
  type PreFilterPlugin,
  type ScorePlugin,
} from "../framework.js";
import type { NodeInfo } from "../node-info.js";
import type { PodInfo } from "../pod-info.js";
import { noArgs, parseArgs } from "./args.js";

export const name = "NodeResourcesFit";

/** fit.go: the pod-count shortage. */
export const REASON_TOO_MANY_PODS = "Too many pods";
/** fit.go: `Insufficient <resource>` (e.g. `Insufficient cpu`, `Insufficient nvidia.com/gpu`). */
export function insufficient(resource: string): string {
  return `Insufficient ${resource}`;
}

/** One shortage, as fit.go's InsufficientResource. */
export interface InsufficientResource {
  resource: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
  /** The request exceeds allocatable itself: preemption cannot help. */
  unresolvable: boolean;
}

/** fit.go `fitsRequest`. */
export function fitsRequest(pod: PodInfo, node: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  if (node.pods.length + 1 > node.allowedPodNumber) {
    out.push({
      resource: "pods",
      reason: REASON_TOO_MANY_PODS,
      requested: 1,
      used: node.pods.length,
      capacity: node.allowedPodNumber,
      unresolvable: false,
    });
  }
  if (pod.requestsNothing) return out;
  const r = pod.requests;
  shortage(out, "cpu", r.milliCPU, node.allocatable.milliCPU, node.requested.milliCPU);
  shortage(out, "memory", r.memory, node.allocatable.memory, node.requested.memory);
  shortage(
    out,
    "ephemeral-storage",
    r.ephemeralStorage,
    node.allocatable.ephemeralStorage,
    node.requested.ephemeralStorage,
  );
  for (const [k, v] of r.scalar) {
    if (v !== 0) shortage(out, k, v, node.allocatable.scalar.get(k) ?? 0, node.requested.scalar.get(k) ?? 0);
  }
  return out;
}

function shortage(out: InsufficientResource[], resource: string, req: number, alloc: number, used: number): void {
  if (req > 0 && req > alloc - used) {
    out.push({
      resource,
      reason: insufficient(resource),
      requested: req,
      used,
      capacity: alloc,
      unresolvable: req > alloc,
    });
  }
}

/** The common case without allocating: every check of fitsRequest passes. */
function fitsFast(pod: PodInfo, node: NodeInfo): boolean {
  if (node.pods.length + 1 > node.allowedPodNumber) return false;
  if (pod.requestsNothing) return true;
  const r = pod.requests;
  const a = node.allocatable;
  const u = node.requested;
  return (
    (r.milliCPU === 0 || r.milliCPU <= a.milliCPU - u.milliCPU) &&
    (r.memory === 0 || r.memory <= a.memory - u.memory) &&
    (r.ephemeralStorage === 0 || r.ephemeralStorage <= a.ephemeralStorage - u.ephemeralStorage) &&
    r.scalar.size === 0
  );
}

/** least_allocated.go leastRequestedScore */
function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export function create(args?: unknown): PreFilterPlugin & FilterPlugin & ScorePlugin {
  parseArgs(noArgs, name, args);
  return {
    name,
    preFilter() {
      return { status: null };
    },
    filter(_state, pod, node) {
      if (fitsFast(pod, node)) return null;
      const short = fitsRequest(pod, node);
      if (short.length === 0) return null;
      const code = short.some((s) => s.unresolvable) ? Code.UnschedulableAndUnresolvable : Code.Unschedulable;
      return newStatus(code, ...short.map((s) => s.reason));
    },
    score(_state, pod, node) {
      // Resources cpu and memory, weight 1 each (apis/config/v1/defaults.go defaultResourceSpec).
      let sum = 0;
      let weights = 0;
      if (node.allocatable.milliCPU !== 0) {
        sum += leastRequestedScore(node.nonZeroCPU + pod.nonZeroCPU, node.allocatable.milliCPU);
        weights++;
      }
      if (node.allocatable.memory !== 0) {
        sum += leastRequestedScore(node.nonZeroMemory + pod.nonZeroMemory, node.allocatable.memory);
        weights++;
      }
      return weights === 0 ? 0 : Math.trunc(sum / weights);
    },
  } satisfies PreFilterPlugin & FilterPlugin & ScorePlugin;
}
