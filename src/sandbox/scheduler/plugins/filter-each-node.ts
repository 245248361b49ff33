/**
 * The batch Filter form (`FilterPlugin.filterNodes`) for a plugin whose verdict reads only the pod
 * and the node: one verdict per node, in one loop, as the framework's contract asks.
 */
import type { FilterPlugin, Status } from "../framework.js";
import type { NodeInfo } from "../node-info.js";
import type { PodInfo } from "../pod-info.js";

export type NodeVerdict = (pod: PodInfo, node: NodeInfo) => Status | null;

export function filterEachNode(verdict: NodeVerdict): NonNullable<FilterPlugin["filterNodes"]> {
  return (_state, pod, nodes, at, count, out) => {
    let any = false;
    for (let k = 0; k < count; k++) {
      const s = verdict(pod, nodes[at[k] as number] as NodeInfo);
      out[k] = s;
      if (s !== null) any = true;
    }
    return any;
  };
}
