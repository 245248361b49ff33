/**
 * NetworkPolicy findings: who is cut off from whom (naming the allowing policies or the missing
 * rule), pods that can no longer resolve names, and policies that select nothing.
 */
import type { ObjectStore } from "../api/store.js";
import { matchesLabelSelector } from "../model/selector.js";
import type { Finding } from "../result.js";
import { dnsReachability } from "./dns.js";
import { matrixSources, type ReachabilityMatrix } from "./matrix.js";
import { allPolicies, isolatingPolicies, type PolicyView } from "./policy.js";

const WORKLOADS = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"];

function selectsSomething(p: PolicyView, store: ObjectStore): boolean {
  if (store.list("Pod", p.namespace).some((pod) => matchesLabelSelector(p.podSelector, pod.metadata.labels)))
    return true;
  return WORKLOADS.some((k) =>
    store.list(k, p.namespace).some((w) => matchesLabelSelector(p.podSelector, w.spec?.template?.metadata?.labels)),
  );
}

function dnsFindings(store: ObjectStore, policies: readonly PolicyView[]): Finding[] {
  const out: Finding[] = [];
  for (const src of matrixSources(store)) {
    if (src.peer.kind !== "pod" || isolatingPolicies(policies, src.peer.pod, "Egress").length === 0) continue;
    const { udp } = dnsReachability(src.peer.pod, store, policies);
    if (udp.allowed) continue;
    out.push({
      severity: "error",
      layer: "network",
      object: src.name,
      message: `pods of ${src.name} cannot resolve names (DNS to kube-dns on 53/UDP is blocked): ${udp.reason}`,
      hint: "add an egress rule to namespaceSelector kubernetes.io/metadata.name=kube-system with podSelector k8s-app=kube-dns, ports 53/UDP and 53/TCP",
    });
  }
  return out;
}

function matrixFindings(matrix: ReachabilityMatrix): Finding[] {
  const out: Finding[] = [];
  for (const row of matrix.services) {
    const cells = matrix.cells.filter((c) => c.service === row && c.state !== "not-exposed");
    if (cells.length === 0 || cells.every((c) => c.state === "no-endpoints")) continue;
    const denied = cells.filter((c) => c.state === "denied" || c.state === "partial");
    if (denied.length === 0) continue;
    const allowed = cells.filter((c) => c.state === "allowed");
    const object = `Service/${row.slice(row.indexOf("/") + 1, row.indexOf(":"))}`;
    const first = denied[0] as (typeof denied)[number];
    if (allowed.length === 0) {
      out.push({
        severity: "warning",
        layer: "network",
        object,
        message: `${row} is reachable from no source under the NetworkPolicies: ${first.reason}`,
        hint: "add an ingress rule (and, where the sender is isolated for egress, an egress rule) that admits the clients",
      });
      continue;
    }
    const by = [...new Set(allowed.flatMap((c) => c.by))];
    out.push({
      severity: "info",
      layer: "network",
      object,
      message: `${row}: reachable from ${allowed.map((c) => c.source).join(", ")}${by.length ? ` (allowed by ${by.join(", ")})` : ""}; denied from ${denied.map((c) => c.source).join(", ")} (${first.reason})`,
      hint: null,
    });
  }
  return out;
}

/** NetworkPolicy findings for the store, given its connectivity matrix. */
export function policyFindings(store: ObjectStore, matrix: ReachabilityMatrix): Finding[] {
  const policies = allPolicies(store);
  if (policies.length === 0) return [];
  const out: Finding[] = [
    {
      severity: "info",
      layer: "network",
      object: null,
      message: `${policies.length} NetworkPolicy object(s): the simulator enforces them as a policy-aware network plugin (Calico, Cilium, …) would; with a plugin that ignores them (flannel alone) they have no effect`,
      hint: null,
    },
  ];
  for (const p of policies) {
    if (!selectsSomething(p, store)) {
      out.push({
        severity: "warning",
        layer: "network",
        object: `NetworkPolicy/${p.name}`,
        message: `NetworkPolicy/${p.name} selects no pod in namespace ${p.namespace}, so it has no effect`,
        hint: "make spec.podSelector match the pod labels ({} selects every pod of the namespace)",
      });
    }
  }
  out.push(...dnsFindings(store, policies), ...matrixFindings(matrix));
  return out;
}
