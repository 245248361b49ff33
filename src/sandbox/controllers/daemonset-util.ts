/**
 * Which nodes a DaemonSet runs on and how its pods are pinned there
 * (pkg/controller/daemon/util/daemonset_util.go AddOrUpdateDaemonPodTolerations,
 * ReplaceDaemonSetPodNodeNameNodeAffinity, GetTargetNodeName; daemon_controller.go
 * NodeShouldRunDaemonPod and predicates).
 */
import type { KubeObject } from "../model/object.js";
import { matchesMapSelector, matchesNodeSelectorTerms, type NodeSelectorTerm } from "../model/selector.js";

/** A v1 Toleration. */
export interface Toleration {
  key?: string;
  operator?: "Exists" | "Equal";
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** A v1 Taint. */
export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

/** The tolerations every daemon pod gets, in upstream's order (daemonset_util.go). */
export const DAEMON_TOLERATIONS: readonly Toleration[] = [
  { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
];

/** Added for hostNetwork daemon pods only. */
export const NETWORK_UNAVAILABLE_TOLERATION: Toleration = {
  key: "node.kubernetes.io/network-unavailable",
  operator: "Exists",
  effect: "NoSchedule",
};

function sameToleration(a: Toleration, b: Toleration): boolean {
  return (
    (a.key ?? "") === (b.key ?? "") &&
    (a.operator ?? "Equal") === (b.operator ?? "Equal") &&
    (a.value ?? "") === (b.value ?? "") &&
    (a.effect ?? "") === (b.effect ?? "")
  );
}

/** daemonset_util.go AddOrUpdateDaemonPodTolerations (via AddOrUpdateTolerationInPodSpec). */
export function addDaemonTolerations(spec: { tolerations?: Toleration[]; hostNetwork?: boolean }): void {
  const list = [...(spec.tolerations ?? [])];
  const wanted = spec.hostNetwork ? [...DAEMON_TOLERATIONS, NETWORK_UNAVAILABLE_TOLERATION] : DAEMON_TOLERATIONS;
  for (const t of wanted) {
    const i = list.findIndex((x) => sameToleration(x, t));
    if (i < 0) list.push({ ...t });
    else list[i] = { ...t };
  }
  spec.tolerations = list;
}

/** Pins a pod to `nodeName` by required node affinity (ReplaceDaemonSetPodNodeNameNodeAffinity). */
export function pinToNode(spec: Record<string, any>, nodeName: string): void {
  const term: NodeSelectorTerm = {
    matchFields: [{ key: "metadata.name", operator: "In", values: [nodeName] }],
  };
  const affinity = { ...spec.affinity };
  affinity.nodeAffinity = {
    ...affinity.nodeAffinity,
    requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] },
  };
  spec.affinity = affinity;
}

/** The node a daemon pod is for: spec.nodeName, else its metadata.name affinity (GetTargetNodeName). */
export function targetNodeName(pod: KubeObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName as string;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms as
    | NodeSelectorTerm[]
    | undefined;
  for (const t of terms ?? []) {
    for (const f of t.matchFields ?? []) {
      if (f.key === "metadata.name" && f.operator === "In" && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}

/** k8s.io/api/core/v1 Toleration.ToleratesTaint. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.key && t.operator !== "Exists") return false;
  if ((t.operator ?? "Equal") === "Exists") return true;
  return (t.value ?? "") === (taint.value ?? "");
}

function untolerated(taints: Taint[], tolerations: Toleration[], effects: readonly string[]): boolean {
  return taints.some((taint) => effects.includes(taint.effect) && !tolerations.some((t) => tolerates(t, taint)));
}

/**
 * daemon_controller.go NodeShouldRunDaemonPod: node name, nodeSelector and required node affinity
 * must fit; an untolerated NoSchedule/NoExecute taint stops new pods, and only an untolerated
 * NoExecute taint removes a running one. Resources are not checked (the scheduler does that).
 */
export function nodeShouldRunDaemonPod(
  node: KubeObject,
  ds: KubeObject,
): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const spec = { ...(ds.spec?.template?.spec ?? {}) } as Record<string, any>;
  addDaemonTolerations(spec);
  const name = node.metadata.name ?? "";
  const labels = node.metadata.labels;
  if (spec.nodeName && spec.nodeName !== name) return { shouldRun: false, shouldContinueRunning: false };
  if (Object.keys(spec.nodeSelector ?? {}).length > 0 && !matchesMapSelector(spec.nodeSelector, labels)) {
    return { shouldRun: false, shouldContinueRunning: false };
  }
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms as
    | NodeSelectorTerm[]
    | undefined;
  if (terms && !matchesNodeSelectorTerms(terms, name, labels)) {
    return { shouldRun: false, shouldContinueRunning: false };
  }
  const taints = (node.spec?.taints as Taint[] | undefined) ?? [];
  const tolerations = spec.tolerations as Toleration[];
  if (untolerated(taints, tolerations, ["NoSchedule", "NoExecute"])) {
    return { shouldRun: false, shouldContinueRunning: !untolerated(taints, tolerations, ["NoExecute"]) };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}
