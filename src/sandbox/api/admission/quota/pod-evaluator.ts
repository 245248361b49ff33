/**
 * The pod quota evaluator (pkg/quota/v1/evaluator/core/pods.go): which quota resources a pod
 * uses, which quota scopes it falls under, and the old rule that a quota on cpu or memory needs
 * every container to set them.
 */
import type { KubeObject } from "../../../model/object.js";
import { matchesLabelSelector } from "../../../model/selector.js";
import { podLimits, podRequests } from "../pod-resources.js";
import { containerResources, containersOf, initContainersOf, isRecord, recordOf } from "../pod-spec.js";
import { addLists, type ResourceList, units } from "./resource-list.js";

/** podResources: the names this evaluator answers for (plus hugepages and extended requests). */
const POD_RESOURCES = [
  "count/pods",
  "cpu",
  "memory",
  "ephemeral-storage",
  "requests.cpu",
  "requests.memory",
  "requests.ephemeral-storage",
  "limits.cpu",
  "limits.memory",
  "limits.ephemeral-storage",
  "pods",
];

/** validationSet: quota on these makes every container state them ("this was a mistake" upstream). */
const VALIDATION_SET = new Set(["cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"]);

/** A native resource has no domain, or a kubernetes.io domain (helper.IsNativeResource). */
function isNative(name: string): boolean {
  return !name.includes("/") || name.includes("kubernetes.io/");
}

/** MatchingResources. */
export function podMatchingResources(names: string[]): string[] {
  return names.filter(
    (n) =>
      POD_RESOURCES.includes(n) ||
      n.startsWith("hugepages-") ||
      n.startsWith("requests.hugepages-") ||
      (n.startsWith("requests.") && !isNative(n.slice("requests.".length))),
  );
}

/** podComputeUsageHelper. */
function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const out: ResourceList = new Map([["pods", units(1)]]);
  for (const r of ["cpu", "memory", "ephemeral-storage"]) {
    const req = requests.get(r);
    if (req) {
      out.set(r, req);
      out.set(`requests.${r}`, req);
    }
    const lim = limits.get(r);
    if (lim) out.set(`limits.${r}`, lim);
  }
  for (const [r, q] of requests) {
    if (r.startsWith("hugepages-")) {
      out.set(r, q);
      out.set(`requests.${r}`, q);
    } else if (!isNative(r)) {
      out.set(`requests.${r}`, q);
    }
  }
  return out;
}

/** PodUsageFunc: terminal pods are charged only for their object count. */
export function podUsage(pod: KubeObject): ResourceList {
  const result: ResourceList = new Map([["count/pods", units(1)]]);
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") return result;
  return addLists(result, computeUsage(podRequests(pod.spec, true), podLimits(pod.spec, true)));
}

/** IsTerminating: activeDeadlineSeconds >= 0. */
function isTerminating(pod: KubeObject): boolean {
  const d = recordOf(pod.spec).activeDeadlineSeconds;
  return typeof d === "number" && d >= 0;
}

/** qos.GetPodQOS(pod) == BestEffort: no container requests or limits cpu or memory. */
function isBestEffort(pod: KubeObject): boolean {
  const all = [...containersOf(pod.spec), ...initContainersOf(pod.spec)];
  return all.every((c) => {
    const { requests, limits } = containerResources(c);
    return !["cpu", "memory"].some((r) => requests.has(r) || limits.has(r));
  });
}

function usesCrossNamespaceAffinity(pod: KubeObject): boolean {
  const affinity = recordOf(recordOf(pod.spec).affinity);
  const cross = (t: unknown) => {
    const term = recordOf(t);
    return (Array.isArray(term.namespaces) && term.namespaces.length > 0) || term.namespaceSelector != null;
  };
  for (const kind of ["podAffinity", "podAntiAffinity"]) {
    const a = recordOf(affinity[kind]);
    const required = Array.isArray(a.requiredDuringSchedulingIgnoredDuringExecution)
      ? a.requiredDuringSchedulingIgnoredDuringExecution
      : [];
    const preferred = Array.isArray(a.preferredDuringSchedulingIgnoredDuringExecution)
      ? a.preferredDuringSchedulingIgnoredDuringExecution
      : [];
    if (required.some(cross) || preferred.some((w) => cross(recordOf(w).podAffinityTerm))) return true;
  }
  return false;
}

/** One `scopeSelector.matchExpressions[]` entry, or a `scopes[]` entry as operator Exists. */
export interface ScopeRequirement {
  scopeName: string;
  operator: string;
  values?: string[];
}

/** podMatchesScopeFunc. */
export function podMatchesScope(scope: ScopeRequirement, pod: KubeObject): boolean {
  switch (scope.scopeName) {
    case "Terminating":
      return isTerminating(pod);
    case "NotTerminating":
      return !isTerminating(pod);
    case "BestEffort":
      return isBestEffort(pod);
    case "NotBestEffort":
      return !isBestEffort(pod);
    case "PriorityClass": {
      const name = recordOf(pod.spec).priorityClassName;
      const className = typeof name === "string" ? name : "";
      if (scope.operator === "Exists") return className !== "";
      const labels: Record<string, string> = className ? { PriorityClass: className } : {};
      const req = { key: "PriorityClass", operator: scope.operator, values: scope.values ?? [] };
      return matchesLabelSelector({ matchExpressions: [req] }, labels);
    }
    case "CrossNamespacePodAffinity":
      return usesCrossNamespaceAffinity(pod);
    default:
      return false;
  }
}

/** Constraints: `must specify <res> for: <containers>; ...`, or null. */
export function podConstraints(required: string[], pod: KubeObject): string | null {
  if (!isRecord(pod.spec)) return null;
  const requiredSet = required.filter((r) => VALIDATION_SET.has(r));
  const missing = new Map<string, Set<string>>();
  for (const c of [...containersOf(pod.spec), ...initContainersOf(pod.spec)]) {
    const { requests, limits } = containerResources(c);
    const has = computeUsage(requests, limits);
    for (const r of requiredSet) {
      if (has.has(r)) continue;
      const names = missing.get(r) ?? new Set<string>();
      names.add(c.name);
      missing.set(r, names);
    }
  }
  if (missing.size === 0) return null;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...(missing.get(r) ?? [])].sort().join(",")}`);
  return `must specify ${parts.join("; ")}`;
}
