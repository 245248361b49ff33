/**
 * NetworkPolicy semantics, as a policy-enforcing network plugin applies them
 * (pkg/apis/networking/types.go NetworkPolicySpec docs; defaults from
 * pkg/apis/networking/v1/defaults.go SetDefaults_NetworkPolicy): which pods a policy isolates and
 * in which direction, and whether one rule admits a peer on a port.
 */
import type { ObjectStore } from "../api/store.js";
import type { KubeObject } from "../model/object.js";
import { type LabelSelector, matchesLabelSelector } from "../model/selector.js";
import { cidrContains } from "./ip.js";
import { podContainerPorts } from "./service.js";

export type Direction = "Ingress" | "Egress";

/** One end of a connection: a pod in the cluster, or an address outside it. */
export type NetPeer = { kind: "pod"; pod: KubeObject } | { kind: "external"; ip: string };

interface PolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr?: string; except?: string[] };
}

/** One ingress or egress rule: `from`/`to` peers (any when absent or empty) and ports (all when absent or empty). */
export interface PolicyRule {
  peers: PolicyPeer[];
  ports: PolicyPort[];
}

/** A NetworkPolicy as read for evaluation. */
export interface PolicyView {
  name: string;
  namespace: string;
  podSelector: LabelSelector;
  types: Direction[];
  ingress: PolicyRule[];
  egress: PolicyRule[];
}

function rules(raw: unknown, peerKey: "from" | "to"): PolicyRule[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((r) => {
    const rec = (r ?? {}) as Record<string, unknown>;
    return {
      peers: Array.isArray(rec[peerKey]) ? (rec[peerKey] as PolicyPeer[]) : [],
      ports: Array.isArray(rec.ports) ? (rec.ports as PolicyPort[]) : [],
    };
  });
}

/** Reads a NetworkPolicy; `policyTypes` defaults to Ingress, plus Egress when it has egress rules. */
export function readPolicy(np: KubeObject): PolicyView {
  const spec = (np.spec ?? {}) as Record<string, unknown>;
  const egress = rules(spec.egress, "to");
  let types = Array.isArray(spec.policyTypes)
    ? (spec.policyTypes as string[]).filter((t): t is Direction => t === "Ingress" || t === "Egress")
    : [];
  if (types.length === 0) types = egress.length > 0 ? ["Ingress", "Egress"] : ["Ingress"];
  return {
    name: np.metadata.name ?? "",
    namespace: np.metadata.namespace ?? "default",
    podSelector: (spec.podSelector as LabelSelector | undefined) ?? {},
    types,
    ingress: rules(spec.ingress, "from"),
    egress,
  };
}

/** The labels of a namespace; a namespace missing from the store still carries its name label. */
export function namespaceLabels(store: ObjectStore, ns: string): Record<string, string> {
  const obj = store.get("Namespace", undefined, ns);
  return { ...(obj?.metadata.labels ?? {}), "kubernetes.io/metadata.name": ns };
}

/** The policies of the pod's namespace that select it for a direction (isolating it there). */
export function isolatingPolicies(policies: readonly PolicyView[], pod: KubeObject, dir: Direction): PolicyView[] {
  const ns = pod.metadata.namespace ?? "default";
  return policies.filter(
    (p) => p.namespace === ns && p.types.includes(dir) && matchesLabelSelector(p.podSelector, pod.metadata.labels),
  );
}

/**
 * Whether a peer entry admits the other end. `podSelector` alone means pods of the policy's
 * namespace; `namespaceSelector` and `podSelector` in one entry must both match; `ipBlock` matches
 * addresses outside the cluster (for pod IPs the outcome depends on the plugin, so it never does here).
 */
export function peerMatches(peer: PolicyPeer, other: NetPeer, policyNs: string, store: ObjectStore): boolean {
  if (peer.ipBlock) {
    if (other.kind !== "external" || !peer.ipBlock.cidr || !cidrContains(peer.ipBlock.cidr, other.ip)) return false;
    return !(peer.ipBlock.except ?? []).some((c) => cidrContains(c, other.ip));
  }
  if (other.kind !== "pod") return false;
  const ns = other.pod.metadata.namespace ?? "default";
  if (peer.namespaceSelector) {
    if (!matchesLabelSelector(peer.namespaceSelector, namespaceLabels(store, ns))) return false;
  } else if (ns !== policyNs) return false;
  return peer.podSelector ? matchesLabelSelector(peer.podSelector, other.pod.metadata.labels) : true;
}

/**
 * Whether a rule's ports admit `port`/`protocol` on `target` (the pod receiving the connection; a
 * named port is looked up among its container ports, so it never matches an outside address).
 */
export function portMatches(ports: readonly PolicyPort[], target: NetPeer, port: number, protocol: string): boolean {
  if (ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? "TCP") !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === "number")
      return p.endPort !== undefined ? port >= p.port && port <= p.endPort : port === p.port;
    if (target.kind !== "pod") return false;
    return podContainerPorts(target.pod).some(
      (cp) => cp.name === p.port && (cp.protocol ?? "TCP") === protocol && cp.containerPort === port,
    );
  });
}

/** Whether a rule admits the other end on the port: one matching peer (or none listed) and one matching port. */
export function ruleAdmits(
  rule: PolicyRule,
  other: NetPeer,
  target: NetPeer,
  port: number,
  protocol: string,
  policyNs: string,
  store: ObjectStore,
): boolean {
  const peerOk = rule.peers.length === 0 || rule.peers.some((p) => peerMatches(p, other, policyNs, store));
  return peerOk && portMatches(rule.ports, target, port, protocol);
}

/** Whether the rule's peers admit the other end, ports aside (to explain a port-only denial). */
export function rulePeersAdmit(rule: PolicyRule, other: NetPeer, policyNs: string, store: ObjectStore): boolean {
  return rule.peers.length === 0 || rule.peers.some((p) => peerMatches(p, other, policyNs, store));
}

/** All NetworkPolicies of the store, read. */
export function allPolicies(store: ObjectStore): PolicyView[] {
  return store.list("NetworkPolicy").map(readPolicy);
}
