/**
 * The kubelet's own admission for pods that reach it without the scheduler (`spec.nodeName` set
 * at creation): resources, node selector and affinity (pkg/kubelet/lifecycle/predicate.go
 * GeneralPredicates; texts from predicate.go and pkg/scheduler/framework/plugins/noderesources/fit.go).
 * A refused pod becomes `phase: Failed` with `reason: OutOf<resource>` and
 * `message: Pod was rejected: <text>`.
 */
import type { KubeObject } from "../model/object.js";
import { matchesNodeSelectorTerms } from "../model/selector.js";
import { podRequests, resourceFromList } from "../scheduler/resources.js";

export interface AdmissionRefusal {
  /** `OutOfcpu`, `OutOfmemory`, `OutOfpods`, `NodeAffinity`. */
  reason: string;
  /** The event text; the pod's message is `Pod was rejected: ` + this. */
  message: string;
}

function active(p: KubeObject): boolean {
  return p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed";
}

/** Whether the node can run the pod next to `others` (the pods already admitted there). */
export function admitPod(pod: KubeObject, node: KubeObject, others: KubeObject[]): AdmissionRefusal | null {
  const labels = node.metadata.labels ?? {};
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (
    !Object.entries(pod.spec?.nodeSelector ?? {}).every(([k, v]) => labels[k] === v) ||
    (required && !matchesNodeSelectorTerms(required, node.metadata.name ?? "", labels))
  ) {
    return {
      reason: "NodeAffinity",
      message: "Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector",
    };
  }
  const alloc = node.status?.allocatable ?? node.status?.capacity ?? {};
  const capacity = resourceFromList(alloc);
  const running = others.filter(active);
  const podsCap = Number(alloc.pods ?? 110);
  if (running.length + 1 > podsCap) {
    return {
      reason: "OutOfpods",
      message: `Node didn't have enough resource: pods, requested: 1, used: ${running.length}, capacity: ${podsCap}`,
    };
  }
  const want = podRequests(pod.spec ?? {});
  const used = { cpu: 0, memory: 0 };
  for (const o of running) {
    const r = podRequests(o.spec ?? {});
    used.cpu += r.milliCPU;
    used.memory += r.memory;
  }
  const checks: [string, number, number, number][] = [
    ["cpu", want.milliCPU, used.cpu, capacity.milliCPU],
    ["memory", want.memory, used.memory, capacity.memory],
  ];
  for (const [name, requested, inUse, cap] of checks) {
    if (requested > 0 && requested + inUse > cap) {
      return {
        reason: `OutOf${name}`,
        message: `Node didn't have enough resource: ${name}, requested: ${requested}, used: ${inUse}, capacity: ${cap}`,
      };
    }
  }
  return null;
}
