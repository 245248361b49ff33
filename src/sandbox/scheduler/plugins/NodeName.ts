/**
 * NodeName (pkg/scheduler/framework/plugins/nodename/node_name.go): a pod that names a node fits
 * only that node. (Pods created with spec.nodeName never reach the scheduler; the plugin matters for
 * preemption what-ifs and for completeness of the filter table.)
 */
import { Code, type FilterPlugin, newStatus, type Status } from "../framework.js";
import type { NodeInfo } from "../node-info.js";
import type { PodInfo } from "../pod-info.js";
import { noArgs, parseArgs } from "./args.js";
import { filterEachNode } from "./filter-each-node.js";

export const name = "NodeName";

/** node_name.go ErrReason */
export const ERR_REASON = "node(s) didn't match the requested node name";

const REJECT = newStatus(Code.UnschedulableAndUnresolvable, ERR_REASON);

function verdict(pod: PodInfo, node: NodeInfo): Status | null {
  return pod.nodeName !== "" && pod.nodeName !== node.name ? REJECT : null;
}

export function create(args?: unknown): FilterPlugin {
  parseArgs(noArgs, name, args);
  const eachNode = filterEachNode(verdict);
  return {
    name,
    filter(_state, pod, node) {
      return verdict(pod, node);
    },
    filterNodes(state, pod, nodes, at, count, out) {
      // Most pods name no node: every node passes.
      return pod.nodeName !== "" && eachNode(state, pod, nodes, at, count, out);
    },
  } satisfies FilterPlugin;
}
