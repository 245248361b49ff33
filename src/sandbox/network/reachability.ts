/**
 * Who can reach whom under the input's NetworkPolicies. A connection needs the sender's egress and
 * the receiver's ingress to allow it; a pod is isolated in a direction once any policy selects it
 * for that direction, and then only the union of those policies' rules lets traffic through
 * (pkg/apis/networking/types.go NetworkPolicySpec; the semantics of
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/). Through a Service,
 * policies see the backend pod and its target port, as after kube-proxy's DNAT.
 */
import type { ObjectStore } from "../api/store.js";
import type { KubeObject } from "../model/object.js";
import { peerName, peerSelectorText, policyList } from "./describe.js";
import { serviceEndpoints } from "./endpoints.js";
import {
  allPolicies,
  type Direction,
  isolatingPolicies,
  type NetPeer,
  type PolicyView,
  ruleAdmits,
  rulePeersAdmit,
} from "./policy.js";
import { resolveTargetPort, serviceDnsName, servicePorts } from "./service.js";

/** The verdict of one direction. */
export interface DirectionVerdict {
  direction: Direction;
  /** Policies that select the pod for this direction (empty: not isolated, all traffic allowed). */
  isolatedBy: string[];
  allowed: boolean;
  /** Policies with a rule that admits the connection. */
  allowedBy: string[];
}

/** The answer of `canReach`. */
export interface ReachVerdict {
  allowed: boolean;
  /** Policies that allow it (egress and ingress), empty when nothing isolates either end. */
  by: string[];
  /** One sentence: who, where, and the policy that allows or the missing rule that denies. */
  reason: string;
  /** Null when the sender is outside the cluster (no policy governs its egress). */
  egress: DirectionVerdict | null;
  /** Null when the receiver is outside the cluster. */
  ingress: DirectionVerdict | null;
  /** For a Service target: one verdict per ready backend. */
  backends?: ReachVerdict[];
}

/** What to reach: a pod, an outside address, or a Service (resolved to its ready backends). */
export type ReachTarget = NetPeer | { kind: "service"; service: KubeObject };

function directionVerdict(
  policies: readonly PolicyView[],
  self: KubeObject,
  other: NetPeer,
  target: NetPeer,
  dir: Direction,
  port: number,
  protocol: string,
  store: ObjectStore,
): DirectionVerdict & { peerOnlyBy: string[] } {
  const isolating = isolatingPolicies(policies, self, dir);
  const allowedBy: string[] = [];
  const peerOnlyBy: string[] = [];
  for (const p of isolating) {
    const rs = dir === "Ingress" ? p.ingress : p.egress;
    if (rs.some((r) => ruleAdmits(r, other, target, port, protocol, p.namespace, store))) allowedBy.push(p.name);
    else if (rs.some((r) => rulePeersAdmit(r, other, p.namespace, store))) peerOnlyBy.push(p.name);
  }
  return {
    direction: dir,
    isolatedBy: isolating.map((p) => p.name),
    allowed: isolating.length === 0 || allowedBy.length > 0,
    allowedBy,
    peerOnlyBy,
  };
}

function denial(
  v: DirectionVerdict & { peerOnlyBy: string[] },
  self: string,
  otherText: string,
  portText: string,
): string {
  const word = v.direction === "Ingress" ? "ingress from" : "egress to";
  const base = `${self} is isolated for ${v.direction.toLowerCase()} by ${policyList(v.isolatedBy)}, and no policy allows ${word} ${otherText}`;
  return v.peerOnlyBy.length > 0
    ? `${base} on ${portText} (${policyList(v.peerOnlyBy)} ${v.peerOnlyBy.length === 1 ? "allows" : "allow"} it on other ports only)`
    : base;
}

/** Pod-to-pod, pod-to-outside or outside-to-pod on a numeric port. */
function reachPeer(
  policies: readonly PolicyView[],
  from: NetPeer,
  to: NetPeer,
  port: number,
  protocol: string,
  store: ObjectStore,
): ReachVerdict {
  const portText = `${port}/${protocol}`;
  const head = `${peerName(from)} → ${peerName(to)}:${port}`;
  const egress =
    from.kind === "pod" ? directionVerdict(policies, from.pod, to, to, "Egress", port, protocol, store) : null;
  const ingress =
    to.kind === "pod" ? directionVerdict(policies, to.pod, from, to, "Ingress", port, protocol, store) : null;
  const reasons: string[] = [];
  if (egress && !egress.allowed) {
    const ns = from.kind === "pod" ? (from.pod.metadata.namespace ?? "default") : "";
    reasons.push(denial(egress, peerName(from), peerSelectorText(to, ns), portText));
  }
  if (ingress && !ingress.allowed) {
    const ns = to.kind === "pod" ? (to.pod.metadata.namespace ?? "default") : "";
    reasons.push(denial(ingress, peerName(to), peerSelectorText(from, ns), portText));
  }
  const by = [...(egress?.allowedBy ?? []), ...(ingress?.allowedBy ?? [])];
  const allowed = (egress?.allowed ?? true) && (ingress?.allowed ?? true);
  let reason: string;
  if (!allowed) reason = `${head} denied: ${reasons.join("; ")}`;
  else if (by.length === 0) reason = `${head} allowed: no NetworkPolicy isolates either end`;
  else {
    const parts: string[] = [];
    if (egress?.allowedBy.length) parts.push(`egress by ${policyList(egress.allowedBy)}`);
    if (ingress?.allowedBy.length) parts.push(`ingress by ${policyList(ingress.allowedBy)}`);
    reason = `${head} allowed: ${parts.join(", ")}`;
  }
  const strip = (v: (DirectionVerdict & { peerOnlyBy: string[] }) | null): DirectionVerdict | null =>
    v ? { direction: v.direction, isolatedBy: v.isolatedBy, allowed: v.allowed, allowedBy: v.allowedBy } : null;
  return { allowed, by: [...new Set(by)], reason, egress: strip(egress), ingress: strip(ingress) };
}

function reachService(
  policies: readonly PolicyView[],
  from: NetPeer,
  svc: KubeObject,
  port: number | string,
  protocol: string,
  store: ObjectStore,
): ReachVerdict {
  const name = svc.metadata.name ?? "";
  const sp = servicePorts(svc).find(
    (p) => (typeof port === "number" ? p.port === port : p.name === port) && p.protocol === protocol,
  );
  const fail = (why: string): ReachVerdict => ({
    allowed: false,
    by: [],
    reason: `${peerName(from)} → ${name}:${port} fails: ${why}`,
    egress: null,
    ingress: null,
    backends: [],
  });
  if (!sp) return fail(`Service ${name} has no port ${port}/${protocol}`);
  const backends = serviceEndpoints(svc, store.list("Pod", svc.metadata.namespace)).filter((e) => e.ready);
  if (backends.length === 0) return fail(`Service ${name} has no ready endpoints`);
  const verdicts: ReachVerdict[] = [];
  for (const ep of backends) {
    const target = resolveTargetPort(ep.pod, sp);
    if (target === undefined) continue;
    verdicts.push(reachPeer(policies, from, { kind: "pod", pod: ep.pod }, target, protocol, store));
  }
  if (verdicts.length === 0) return fail(`no ready pod of Service ${name} has the port ${String(sp.targetPort)}`);
  const ok = verdicts.filter((v) => v.allowed);
  const first = (ok.length === verdicts.length ? ok[0] : verdicts.find((v) => !v.allowed)) as ReachVerdict;
  const via = `via Service ${serviceDnsName(svc)}:${sp.port}`;
  const reason =
    ok.length === verdicts.length || ok.length === 0
      ? `${first.reason} (${via})`
      : `${ok.length} of ${verdicts.length} backends reachable ${via}; ${first.reason}`;
  return {
    allowed: ok.length === verdicts.length,
    by: [...new Set(verdicts.flatMap((v) => v.by))],
    reason,
    egress: first.egress,
    ingress: first.ingress,
    backends: verdicts,
  };
}

/**
 * Whether `from` can open a connection to `to` on `port` (a Service port number or name when `to`
 * is a Service, else the receiving pod's port) and `protocol` (default TCP), under the store's
 * NetworkPolicies. The verdict names the allowing policies or the missing rule.
 */
export function canReach(
  from: NetPeer,
  to: ReachTarget,
  port: number | string,
  protocol: string,
  store: ObjectStore,
  policies: readonly PolicyView[] = allPolicies(store),
): ReachVerdict {
  if (to.kind === "service") return reachService(policies, from, to.service, port, protocol, store);
  const num = typeof port === "number" ? port : to.kind === "pod" ? resolvePodPort(to.pod, port, protocol) : undefined;
  if (num === undefined) {
    return {
      allowed: false,
      by: [],
      reason: `${peerName(from)} → ${peerName(to)}:${port} fails: the pod has no port named ${port}`,
      egress: null,
      ingress: null,
    };
  }
  return reachPeer(policies, from, to, num, protocol, store);
}

function resolvePodPort(pod: KubeObject, name: string, protocol: string): number | undefined {
  return resolveTargetPort(pod, { targetPort: name, protocol });
}
