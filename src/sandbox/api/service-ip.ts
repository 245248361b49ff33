/**
 * ClusterIP and NodePort allocation, as kube-apiserver does it when a Service is created or
 * updated (pkg/registry/core/service/storage/alloc.go allocateCreate/allocateUpdate,
 * pkg/registry/core/service/ipallocator, pkg/registry/core/service/portallocator). Addresses are
 * picked deterministically from a hash of the Service's namespace and name (upstream picks at
 * random), in the dynamic band of each range first, probing upward past addresses in use.
 */

import type { KubeObject } from "../model/object.js";
import { fnv1a32 } from "../model/random.js";
import { intToIp, ipToInt } from "../network/ip.js";
import type { FieldError } from "./field-error.js";
import type { ObjectStore } from "./store.js";
import { NODE_PORT_RANGE } from "./validation/service.js";

/** kubeadm's default `--service-cluster-ip-range`. */
export const SERVICE_CIDR = "10.96.0.0/12";
/** The `kubernetes` Service's ClusterIP: the first address of the range. */
export const KUBERNETES_SERVICE_IP = "10.96.0.1";
/** kube-dns' ClusterIP: the tenth address, as kubeadm configures the kubelet's clusterDNS. */
export const KUBE_DNS_SERVICE_IP = "10.96.0.10";

const CIDR_BASE = ipToInt("10.96.0.0") as number;
const CIDR_SIZE = 2 ** 20;
/** Static band: min(max(16, size/16), 256) addresses at the bottom (ipallocator calculateRangeOffset). */
const IP_STATIC_BAND = 256;
/** Static node-port band: min(max(16, size/32), 128) ports (portallocator calculateRangeOffset). */
const PORT_STATIC_BAND = Math.min(Math.max(16, Math.floor((NODE_PORT_RANGE.max - NODE_PORT_RANGE.min + 1) / 32)), 128);

/** Allocator error texts (ipallocator.ErrAllocated, ErrNotInRange; portallocator.ErrAllocated). */
export const IP_ALLOCATED = "provided IP is already allocated";
export const PORT_ALLOCATED = "provided port is already allocated";

function usesClusterIP(svc: KubeObject): boolean {
  return svc.spec?.type !== "ExternalName";
}

function usesNodePorts(svc: KubeObject): boolean {
  return svc.spec?.type === "NodePort" || svc.spec?.type === "LoadBalancer";
}

function clusterIPsOf(svc: KubeObject): string[] {
  const ips: unknown = svc.spec?.clusterIPs;
  if (Array.isArray(ips) && ips.length > 0) return ips.filter((x): x is string => typeof x === "string" && x !== "");
  return typeof svc.spec?.clusterIP === "string" && svc.spec.clusterIP !== "" ? [svc.spec.clusterIP] : [];
}

interface PortLike {
  port?: number;
  protocol?: string;
  nodePort?: number;
}

function portsOf(svc: KubeObject): PortLike[] {
  return Array.isArray(svc.spec?.ports) ? svc.spec.ports : [];
}

/** IPs and node ports held by other Services (and the cluster's implicit ones). */
function inUse(store: ObjectStore, self: KubeObject): { ips: Set<string>; ports: Set<number> } {
  const ips = new Set<string>([KUBERNETES_SERVICE_IP, KUBE_DNS_SERVICE_IP]);
  const ports = new Set<number>();
  for (const s of store.list("Service")) {
    if (s.metadata.namespace === self.metadata.namespace && s.metadata.name === self.metadata.name) continue;
    for (const ip of clusterIPsOf(s)) ips.add(ip);
    for (const p of portsOf(s)) if (p.nodePort) ports.add(p.nodePort);
    if (s.spec?.healthCheckNodePort) ports.add(s.spec.healthCheckNodePort);
  }
  return { ips, ports };
}

/** First free value at or after a hashed offset in [lo, hi], wrapping; then the static band below lo. */
function pick(
  seed: string,
  lo: number,
  hi: number,
  staticLo: number,
  taken: (v: number) => boolean,
): number | undefined {
  const span = hi - lo + 1;
  const start = fnv1a32(seed) % span;
  for (let i = 0; i < span; i++) {
    const v = lo + ((start + i) % span);
    if (!taken(v)) return v;
  }
  for (let v = staticLo; v < lo; v++) if (!taken(v)) return v;
  return undefined;
}

function allocateClusterIP(svc: KubeObject, used: Set<string>, old: KubeObject | undefined): FieldError[] {
  const spec = svc.spec as Record<string, unknown>;
  let ips = clusterIPsOf(svc);
  if (ips.length === 0 && old && usesClusterIP(old)) ips = clusterIPsOf(old);
  if (ips[0] === "None") {
    spec.clusterIP = "None";
    spec.clusterIPs = ["None"];
    return [];
  }
  if (ips.length > 0) {
    const ip = ips[0] as string;
    const n = ipToInt(ip);
    // Text of ipallocator.ErrNotInRange and ErrAllocated, wrapped by alloc.go allocIPs.
    if (n === undefined || n < CIDR_BASE || n >= CIDR_BASE + CIDR_SIZE) {
      const why = `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`;
      return [{ type: "Invalid", field: "spec.clusterIPs", value: ips, detail: `failed to allocate IP ${ip}: ${why}` }];
    }
    const mine = old ? clusterIPsOf(old).includes(ip) : false;
    if (!mine && used.has(ip)) {
      return [
        {
          type: "Invalid",
          field: "spec.clusterIPs",
          value: ips,
          detail: `failed to allocate IP ${ip}: ${IP_ALLOCATED}`,
        },
      ];
    }
    spec.clusterIP = ip;
    spec.clusterIPs = ips;
  } else {
    const key = `${svc.metadata.namespace ?? "default"}/${svc.metadata.name ?? ""}`;
    const offset = pick(key, IP_STATIC_BAND, CIDR_SIZE - 2, 1, (v) => used.has(intToIp(CIDR_BASE + v)));
    if (offset === undefined) return [{ type: "Internal", field: "spec.clusterIPs", detail: "range is full" }];
    const ip = intToIp(CIDR_BASE + offset);
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
  }
  spec.ipFamilies ??= ["IPv4"];
  spec.ipFamilyPolicy ??= "SingleStack";
  return [];
}

function allocateNodePorts(svc: KubeObject, used: Set<number>, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const mine = new Set<number>();
  const oldPorts = old && usesNodePorts(old) ? portsOf(old) : [];
  const key = `${svc.metadata.namespace ?? "default"}/${svc.metadata.name ?? ""}`;
  const taken = (v: number) => used.has(v) || mine.has(v);
  // A LoadBalancer with allocateLoadBalancerNodePorts false gets no new node ports, though ports it
  // asks for are still honoured (alloc.go initNodePorts and shouldAllocateNodePorts).
  const allocateNew = !(svc.spec?.type === "LoadBalancer" && svc.spec?.allocateLoadBalancerNodePorts === false);
  portsOf(svc).forEach((p, i) => {
    if (!p.nodePort) {
      // On update a port keeps the node port it had (alloc.go updateNodePorts, findRequestedNodePort).
      const kept = oldPorts.find((o) => o.port === p.port && (o.protocol ?? "TCP") === (p.protocol ?? "TCP"))?.nodePort;
      if (kept && !used.has(kept)) p.nodePort = kept;
    }
    if (!p.nodePort && !allocateNew) return;
    if (p.nodePort) {
      const inRange = p.nodePort >= NODE_PORT_RANGE.min && p.nodePort <= NODE_PORT_RANGE.max;
      // Ports outside the range are rejected by validation (validateNodePortRange) with upstream's text.
      if (inRange && used.has(p.nodePort)) {
        errs.push({ type: "Invalid", field: `spec.ports[${i}].nodePort`, value: p.nodePort, detail: PORT_ALLOCATED });
      }
      mine.add(p.nodePort);
      return;
    }
    const port = pick(
      `${key}#${i}`,
      NODE_PORT_RANGE.min + PORT_STATIC_BAND,
      NODE_PORT_RANGE.max,
      NODE_PORT_RANGE.min,
      taken,
    );
    if (port === undefined)
      errs.push({ type: "Internal", field: `spec.ports[${i}].nodePort`, detail: "range is full" });
    else {
      p.nodePort = port;
      mine.add(port);
    }
  });
  const spec = svc.spec as Record<string, unknown>;
  if (svc.spec?.type === "LoadBalancer" && svc.spec?.externalTrafficPolicy === "Local" && !spec.healthCheckNodePort) {
    const kept = old?.spec?.healthCheckNodePort;
    const hc =
      kept ??
      pick(`${key}#health`, NODE_PORT_RANGE.min + PORT_STATIC_BAND, NODE_PORT_RANGE.max, NODE_PORT_RANGE.min, taken);
    if (hc !== undefined) spec.healthCheckNodePort = hc;
  }
  return errs;
}

/**
 * Gives a Service being written its ClusterIP (unless headless or ExternalName) and node ports
 * (NodePort and LoadBalancer), in place. `old` is the stored Service on an update: its addresses
 * are kept. Returns field errors for a requested address that is out of range or taken; the
 * API server reports them as `The Service "x" is invalid: ...`.
 */
export function allocateServiceAddresses(service: KubeObject, store: ObjectStore, old?: KubeObject): FieldError[] {
  service.spec ??= {};
  const used = inUse(store, service);
  const errs: FieldError[] = [];
  if (usesClusterIP(service)) errs.push(...allocateClusterIP(service, used.ips, old));
  else {
    delete service.spec.clusterIP;
    delete service.spec.clusterIPs;
  }
  if (usesNodePorts(service)) errs.push(...allocateNodePorts(service, used.ports, old));
  return errs;
}
