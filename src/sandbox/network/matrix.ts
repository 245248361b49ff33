/**
 * The connectivity matrix for the report: every Service port (rows) against every source
 * (columns): one pod per workload, plus a client outside the cluster. Each cell says whether the
 * source reaches the Service's ready backends under the input's NetworkPolicies, and why.
 */
import type { ObjectStore } from "../api/store.js";
import type { KubeObject } from "../model/object.js";
import { topOwner } from "../render/pod-status.js";
import { allPolicies, type NetPeer } from "./policy.js";
import { canReach } from "./reachability.js";
import { servicePorts, serviceSelector, serviceType } from "./service.js";

/** The address used for "a client outside the cluster" (TEST-NET-3, RFC 5737). */
export const OUTSIDE_IP = "203.0.113.10";
/** Column name of the outside client. */
export const OUTSIDE = "outside the cluster";

/** One source column. */
export interface MatrixSource {
  /** `Deployment/frontend` (namespace-qualified when not default), a bare pod's `Pod/x`, or `outside the cluster`. */
  name: string;
  peer: NetPeer;
}

/** One cell: a source against one Service port. */
export interface MatrixCell {
  /** `namespace/name:port/protocol` of the Service port. */
  service: string;
  source: string;
  /**
   * allowed: every ready backend; partial: some; denied: none; no-endpoints: nothing to reach;
   * not-exposed: a ClusterIP Service seen from outside the cluster.
   */
  state: "allowed" | "partial" | "denied" | "no-endpoints" | "not-exposed";
  by: string[];
  reason: string;
}

export interface ReachabilityMatrix {
  services: string[];
  sources: string[];
  cells: MatrixCell[];
}

/** One representative pod per workload (its top-level owner), in store order, and the outside client. */
export function matrixSources(store: ObjectStore): MatrixSource[] {
  const seen = new Map<string, KubeObject>();
  for (const pod of store.list("Pod")) {
    const phase = pod.status?.phase;
    if (phase === "Succeeded" || phase === "Failed" || pod.metadata.deletionTimestamp) continue;
    const ns = pod.metadata.namespace ?? "default";
    const owner = topOwner(pod, store, new Map()) ?? `Pod/${pod.metadata.name ?? ""}`;
    const name = ns === "default" ? owner : `${ns}/${owner}`;
    if (!seen.has(name)) seen.set(name, pod);
  }
  const out: MatrixSource[] = [...seen].map(([name, pod]) => ({ name, peer: { kind: "pod", pod } }));
  out.push({ name: OUTSIDE, peer: { kind: "external", ip: OUTSIDE_IP } });
  return out;
}

/** Services × sources under the store's NetworkPolicies (Services with a selector, ExternalName aside). */
export function reachabilityMatrix(cluster: { store: ObjectStore }): ReachabilityMatrix {
  const store = cluster.store;
  const policies = allPolicies(store);
  const sources = matrixSources(store);
  const services: string[] = [];
  const cells: MatrixCell[] = [];
  for (const svc of store.list("Service")) {
    if (serviceSelector(svc) === undefined || serviceType(svc) === "ExternalName") continue;
    for (const p of servicePorts(svc)) {
      const row = `${svc.metadata.namespace ?? "default"}/${svc.metadata.name ?? ""}:${p.port}/${p.protocol}`;
      services.push(row);
      for (const src of sources) {
        if (src.peer.kind === "external" && serviceType(svc) === "ClusterIP") {
          const reason = `${OUTSIDE} → ${svc.metadata.name ?? ""}:${p.port}: a ClusterIP Service has no address outside the cluster (use NodePort, LoadBalancer or an Ingress)`;
          cells.push({ service: row, source: src.name, state: "not-exposed", by: [], reason });
          continue;
        }
        const v = canReach(src.peer, { kind: "service", service: svc }, p.port, p.protocol, store, policies);
        const backends = v.backends ?? [];
        const ok = backends.filter((b) => b.allowed).length;
        const state =
          backends.length === 0 ? "no-endpoints" : ok === backends.length ? "allowed" : ok === 0 ? "denied" : "partial";
        cells.push({ service: row, source: src.name, state, by: v.by, reason: v.reason });
      }
    }
  }
  return { services, sources: sources.map((s) => s.name), cells };
}
