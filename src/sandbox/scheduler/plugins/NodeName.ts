/**
 * NodeName (pkg/scheduler/framework/plugins/nodename/node_name.go): a pod that names a node fits
 * only that node. (Pods created with spec.nodeName never reach the scheduler; the plugin matters for
 * preemption what-ifs and for completeness of the filter table.)
 */
import { Code, type FilterPlugin, newStatus } from "../framework.js";
import { noArgs, parseArgs } from "./args.js";

export const name = "NodeName";

/** node_name.go ErrReason */
export const ERR_REASON = "node(s) didn't match the requested node name";

const REJECT = newStatus(Code.UnschedulableAndUnresolvable, ERR_REASON);

export function create(args?: unknown): FilterPlugin {
  parseArgs(noArgs, name, args);
  return {
    name,
    filter(_state, pod, node) {
      return pod.nodeName !== "" && pod.nodeName !== node.name ? REJECT : null;
    },
  } satisfies FilterPlugin;
}
