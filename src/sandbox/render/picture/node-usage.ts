/**
 * What the pods on each node request, summed as the scheduler sums them (NodeInfo.Requested in
 * pkg/scheduler/framework/types.go): every pod bound to the node that is not terminal, because the
 * scheduler's pod informer leaves Succeeded and Failed pods out (pkg/scheduler/scheduler.go).
 */
import type { ObjectStore } from "../../api/store.js";
import { type PodSpecLike, podRequests } from "../../scheduler/resources.js";

/** Requested CPU (millicores) and memory (bytes) per node name. JSON-friendly. */
export type NodeRequests = Record<string, { cpuMilli: number; memoryBytes: number }>;

/** Sums the effective requests of the pods bound to each node in `store`. */
export function nodeRequests(store: ObjectStore): NodeRequests {
  const out: NodeRequests = {};
  for (const node of store.list("Node")) out[node.metadata.name ?? ""] = { cpuMilli: 0, memoryBytes: 0 };
  for (const pod of store.list("Pod")) {
    const nodeName = pod.spec?.nodeName;
    if (typeof nodeName !== "string" || nodeName === "") continue;
    const phase = pod.status?.phase;
    if (phase === "Succeeded" || phase === "Failed") continue;
    const r = podRequests((pod.spec ?? {}) as PodSpecLike);
    const entry = out[nodeName] ?? { cpuMilli: 0, memoryBytes: 0 };
    entry.cpuMilli += r.milliCPU;
    entry.memoryBytes += r.memory;
    out[nodeName] = entry;
  }
  return out;
}
