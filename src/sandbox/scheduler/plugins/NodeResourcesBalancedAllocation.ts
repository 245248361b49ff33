/**
 * NodeResourcesBalancedAllocation (pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go):
 * favours nodes whose cpu and memory would be used in equal shares after placing the pod, using
 * actual requests; pods that request nothing are skipped (issue #129138, 1.32+).
 */
import { Code, MAX_NODE_SCORE, type PreScorePlugin, type ScorePlugin, Status } from "../framework.js";
import { HOT_ALLOC_CPU, HOT_ALLOC_MEM, HOT_REQ_CPU, HOT_REQ_MEM, type NodeInfo } from "../node-info.js";
import type { PodInfo } from "../pod-info.js";
import { noArgs, parseArgs } from "./args.js";

export const name = "NodeResourcesBalancedAllocation";

/** balanced_allocation.go balancedResourceScorer, for requested/allocatable pairs. */
export function balancedResourceScore(requested: number[], allocatable: number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    const a = allocatable[i] ?? 0;
    if (a === 0) continue;
    const f = Math.min((requested[i] ?? 0) / a, 1);
    total += f;
    fractions.push(f);
  }
  let std = 0;
  if (fractions.length === 2) std = Math.abs(((fractions[0] as number) - (fractions[1] as number)) / 2);
  else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

function bestEffort(pod: PodInfo): boolean {
  return pod.requests.milliCPU === 0 && pod.requests.memory === 0;
}

export function create(args?: unknown): PreScorePlugin & ScorePlugin {
  parseArgs(noArgs, name, args);
  return {
    name,
    preScore(_state, pod) {
      return bestEffort(pod) ? new Status(Code.Skip) : null;
    },
    score(_state, pod: PodInfo, node: NodeInfo) {
      return bestEffort(pod) ? 0 : balancedScore(pod, node);
    },
    scoreNodes(_state, pod, nodes, out) {
      if (bestEffort(pod)) out.fill(0);
      else for (let i = 0; i < nodes.length; i++) out[i] = balancedScore(pod, nodes[i] as NodeInfo);
    },
  } satisfies PreScorePlugin & ScorePlugin;
}

/** balanced_allocation.go for cpu and memory: the allocation-free two-resource case when both are allocatable. */
function balancedScore(pod: PodInfo, node: NodeInfo): number {
  const hot = node.hot;
  const allocCpu = hot[HOT_ALLOC_CPU] as number;
  const allocMem = hot[HOT_ALLOC_MEM] as number;
  const cpu = (hot[HOT_REQ_CPU] as number) + pod.requests.milliCPU;
  const mem = (hot[HOT_REQ_MEM] as number) + pod.requests.memory;
  if (allocCpu === 0 || allocMem === 0) return balancedResourceScore([cpu, mem], [allocCpu, allocMem]);
  const fCpu = Math.min(cpu / allocCpu, 1);
  const fMem = Math.min(mem / allocMem, 1);
  return Math.trunc((1 - Math.abs((fCpu - fMem) / 2)) * MAX_NODE_SCORE);
}
