/**
 * The kubelet's own admission for pods that reach it without the scheduler (`spec.nodeName` set
 * at creation): resources, node selector and affinity, host ports (pkg/kubelet/lifecycle/predicate.go
 * generalFilter → pkg/scheduler AdmissionCheck, in that order; texts from predicate.go and
 * pkg/scheduler/framework/plugins/noderesources/fit.go). Only the first failure is reported.
 * A refused pod becomes `phase: Failed` with `reason: OutOf<resource>` (or the predicate's name)
 * and `message: Pod was rejected: <text>`.
 */
import type { KubeObject } from "../model/object.js";
import { matchesNodeSelectorTerms } from "../model/selector.js";
import * as NodePorts from "../scheduler/plugins/NodePorts.js";
import { newPodInfo } from "../scheduler/pod-info.js";
import { podRequests, resourceFromList } from "../scheduler/resources.js";

export interface AdmissionRefusal {
  /** `OutOfcpu`, `OutOfmemory`, `OutOfpods`, `NodeAffinity`, `NodePorts`. */
  reason: string;
  /** The event text; the pod's message is `Pod was rejected: ` + this. */
  message: string;
}

function active(p: KubeObject): boolean {
  return p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed";
}

/** Whether the node can run the pod next to `others` (the pods already admitted there). */
export function admitPod(pod: KubeObject, node: KubeObject, others: KubeObject[]): AdmissionRefusal | null {
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
  if (hostPortsTaken(pod, running)) {
    // PredicateFailureError.Error(): "Predicate <name> failed: <reason>".
    return { reason: NodePorts.name, message: `Predicate ${NodePorts.name} failed: ${NodePorts.ERR_REASON}` };
  }
  return null;
}

/** nodeports.Fits: whether one of the pod's host ports (GetHostPorts) is in use by `running`. */
function hostPortsTaken(pod: KubeObject, running: KubeObject[]): boolean {
  const wanted = newPodInfo(pod, 0, 0).hostPorts;
  if (wanted.length === 0) return false;
  const used = running.flatMap((o) => newPodInfo(o, 0, 0).hostPorts);
  // framework/types.go HostPortInfo.CheckConflict: 0.0.0.0 overlaps every address.
  return wanted.some((w) =>
    used.some(
      (u) =>
        u.protocol === w.protocol && u.port === w.port && (w.ip === "0.0.0.0" || u.ip === "0.0.0.0" || u.ip === w.ip),
    ),
  );
}
