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
  type Status,
} from "../framework.js";
import {
  HOT_ALLOC_CPU,
  HOT_ALLOC_MEM,
  HOT_ALLOWED_PODS,
  HOT_NONZERO_CPU,
  HOT_NONZERO_MEM,
  HOT_PODS,
  HOT_REQ_CPU,
  HOT_REQ_MEM,
  type NodeInfo,
} from "../node-info.js";
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
  const hot = node.hot;
  if ((hot[HOT_PODS] as number) + 1 > (hot[HOT_ALLOWED_PODS] as number)) return false;
  if (pod.requestsNothing) return true;
  const r = pod.requests;
  return (
    (r.milliCPU === 0 || r.milliCPU <= (hot[HOT_ALLOC_CPU] as number) - (hot[HOT_REQ_CPU] as number)) &&
    (r.memory === 0 || r.memory <= (hot[HOT_ALLOC_MEM] as number) - (hot[HOT_REQ_MEM] as number)) &&
    (r.ephemeralStorage === 0 ||
      r.ephemeralStorage <= node.allocatable.ephemeralStorage - node.requested.ephemeralStorage) &&
    r.scalar.size === 0
  );
}

/** The Filter verdict from fitsRequest: every shortage's reason, or null when there is none. */
function shortages(pod: PodInfo, node: NodeInfo): Status | null {
  const short = fitsRequest(pod, node);
  if (short.length === 0) return null;
  const code = short.some((s) => s.unresolvable) ? Code.UnschedulableAndUnresolvable : Code.Unschedulable;
  return newStatus(code, ...short.map((s) => s.reason));
}

/** least_allocated.go leastRequestedScore */
function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** least_allocated.go leastResourceScorer over cpu and memory, weight 1 each (apis/config/v1/defaults.go defaultResourceSpec). */
function leastAllocatedScore(pod: PodInfo, node: NodeInfo): number {
  let sum = 0;
  let weights = 0;
  const hot = node.hot;
  const cpu = hot[HOT_ALLOC_CPU] as number;
  const mem = hot[HOT_ALLOC_MEM] as number;
  if (cpu !== 0) {
    sum += leastRequestedScore((hot[HOT_NONZERO_CPU] as number) + pod.nonZeroCPU, cpu);
    weights++;
  }
  if (mem !== 0) {
    sum += leastRequestedScore((hot[HOT_NONZERO_MEM] as number) + pod.nonZeroMemory, mem);
    weights++;
  }
  return weights === 0 ? 0 : Math.trunc(sum / weights);
}

export function create(args?: unknown): PreFilterPlugin & FilterPlugin & ScorePlugin {
  parseArgs(noArgs, name, args);
  return {
    name,
    preFilter() {
      return { status: null };
    },
    filter(_state, pod, node) {
      return fitsFast(pod, node) ? null : shortages(pod, node);
    },
    filterNodes(_state, pod, nodes, at, count, out) {
      let any = false;
      for (let k = 0; k < count; k++) {
        const node = nodes[at[k] as number] as NodeInfo;
        const s = fitsFast(pod, node) ? null : shortages(pod, node);
        out[k] = s;
        if (s !== null) any = true;
      }
      return any;
    },
    score(_state, pod, node) {
      return leastAllocatedScore(pod, node);
    },
    scoreNodes(_state, pod, nodes, out) {
      for (let i = 0; i < nodes.length; i++) out[i] = leastAllocatedScore(pod, nodes[i] as NodeInfo);
    },
  } satisfies PreFilterPlugin & FilterPlugin & ScorePlugin;
}
