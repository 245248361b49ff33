/**
 * NodePorts (pkg/scheduler/framework/plugins/nodeports/node_ports.go): a node whose host ports
 * (same protocol and port, overlapping host IP) are taken cannot run the pod. Preemption may help.
 */
import { Code, type FilterPlugin, newStatus, type PreFilterPlugin, Status } from "../framework.js";
import { noArgs, parseArgs } from "./args.js";

export const name = "NodePorts";

/** node_ports.go ErrReason */
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";

const REJECT = newStatus(Code.Unschedulable, ERR_REASON);

export function create(args?: unknown): PreFilterPlugin & FilterPlugin {
  parseArgs(noArgs, name, args);
  return {
    name,
    preFilter(_state, pod) {
      return { status: pod.hostPorts.length === 0 ? new Status(Code.Skip) : null };
    },
    filter(_state, pod, node) {
      for (const hp of pod.hostPorts) if (node.portConflicts(hp)) return REJECT;
      return null;
    },
  } satisfies PreFilterPlugin & FilterPlugin;
}
