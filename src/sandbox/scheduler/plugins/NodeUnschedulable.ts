/**
 * NodeUnschedulable (pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go): a
 * cordoned node (`spec.unschedulable`) rejects pods that do not tolerate
 * `node.kubernetes.io/unschedulable:NoSchedule`.
 */
import { Code, type FilterPlugin, newStatus, type Status } from "../framework.js";
import type { NodeInfo } from "../node-info.js";
import type { PodInfo } from "../pod-info.js";
import { tolerationsTolerate } from "../taints.js";
import { noArgs, parseArgs } from "./args.js";
import { filterEachNode } from "./filter-each-node.js";

export const name = "NodeUnschedulable";

/** node_unschedulable.go ErrReasonUnschedulable */
export const ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable";

const UNSCHEDULABLE_TAINT = { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" };
const REJECT = newStatus(Code.UnschedulableAndUnresolvable, ERR_REASON_UNSCHEDULABLE);

function verdict(pod: PodInfo, node: NodeInfo): Status | null {
  if (!node.unschedulable) return null;
  return tolerationsTolerate(pod.tolerations, UNSCHEDULABLE_TAINT) ? null : REJECT;
}

export function create(args?: unknown): FilterPlugin {
  parseArgs(noArgs, name, args);
  return {
    name,
    filter(_state, pod, node) {
      return verdict(pod, node);
    },
    filterNodes: filterEachNode(verdict),
  } satisfies FilterPlugin;
}
