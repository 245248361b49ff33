/**
 * How a Service reads once the API server has defaulted it: type, ports with their defaults,
 * selector, headless or not, and its DNS name (pkg/apis/core/v1/defaults.go SetDefaults_Service
 * and SetDefaults_ServicePort; DNS names from the cluster DNS specification,
 * github.com/kubernetes/dns docs/specification.md). Reads tolerate an undefaulted object.
 */
import type { KubeObject } from "../model/object.js";
import { matchesMapSelector } from "../model/selector.js";

/** The cluster domain of a kubeadm-style cluster (kubelet `clusterDomain`). */
export const CLUSTER_DOMAIN = "cluster.local";

export type ServiceType = "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName";

/** One Service port with its defaults applied. */
export interface ServicePortView {
  /** `""` for the single unnamed port. */
  name: string;
  port: number;
  /** TCP, UDP or SCTP (default TCP). */
  protocol: string;
  /** A number or a container port name (default: `port`). */
  targetPort: number | string;
  /** The allocated node port, for NodePort and LoadBalancer Services. */
  nodePort?: number;
}

/** `spec.type`, default ClusterIP. */
export function serviceType(svc: KubeObject): ServiceType {
  const t = svc.spec?.type;
  return t === "NodePort" || t === "LoadBalancer" || t === "ExternalName" ? t : "ClusterIP";
}

/** `clusterIP: None` (a headless Service: DNS answers with pod IPs, no virtual IP). */
export function isHeadless(svc: KubeObject): boolean {
  const ips: unknown = svc.spec?.clusterIPs?.[0] ?? svc.spec?.clusterIP;
  return ips === "None";
}

/** The ports with protocol and targetPort defaulted as SetDefaults_ServicePort does. */
export function servicePorts(svc: KubeObject): ServicePortView[] {
  const raw: unknown[] = Array.isArray(svc.spec?.ports) ? svc.spec.ports : [];
  const out: ServicePortView[] = [];
  for (const p of raw) {
    if (!p || typeof p !== "object") continue;
    const r = p as Record<string, unknown>;
    const port = typeof r.port === "number" ? r.port : 0;
    const target = r.targetPort;
    const targetPort =
      typeof target === "number" && target !== 0 ? target : typeof target === "string" && target !== "" ? target : port;
    const view: ServicePortView = {
      name: typeof r.name === "string" ? r.name : "",
      port,
      protocol: typeof r.protocol === "string" && r.protocol !== "" ? r.protocol : "TCP",
      targetPort: typeof targetPort === "string" && /^[0-9]+$/.test(targetPort) ? Number(targetPort) : targetPort,
    };
    if (typeof r.nodePort === "number" && r.nodePort !== 0) view.nodePort = r.nodePort;
    out.push(view);
  }
  return out;
}

/** The Service's selector, or undefined when it has none (then nobody manages its endpoints). */
export function serviceSelector(svc: KubeObject): Record<string, string> | undefined {
  const sel = svc.spec?.selector;
  if (!sel || typeof sel !== "object" || Object.keys(sel).length === 0) return undefined;
  return sel as Record<string, string>;
}

/** Whether the Service selects the pod: same namespace and every selector pair among its labels. */
export function selectsPod(svc: KubeObject, pod: KubeObject): boolean {
  if ((svc.metadata.namespace ?? "default") !== (pod.metadata.namespace ?? "default")) return false;
  const sel = serviceSelector(svc);
  return sel !== undefined && matchesMapSelector(sel, pod.metadata.labels);
}

/** `<svc>.<ns>.svc.cluster.local`. */
export function serviceDnsName(svc: KubeObject): string {
  return `${svc.metadata.name ?? ""}.${svc.metadata.namespace ?? "default"}.svc.${CLUSTER_DOMAIN}`;
}

interface ContainerPort {
  name?: string;
  containerPort?: number;
  protocol?: string;
}

/** Every container port the pod declares: app containers and restartable (sidecar) init containers. */
export function podContainerPorts(pod: KubeObject): ContainerPort[] {
  const containers: { ports?: ContainerPort[]; restartPolicy?: string }[] = [
    ...(pod.spec?.containers ?? []),
    ...(pod.spec?.initContainers ?? []).filter((c: { restartPolicy?: string }) => c.restartPolicy === "Always"),
  ];
  return containers.flatMap((c) => c.ports ?? []);
}

/**
 * The pod port a Service port sends to: a number as is, a name looked up among the pod's container
 * ports with the same protocol (pkg/api/v1/pod/util.go FindPort); undefined when the pod lacks it.
 */
export function resolveTargetPort(
  pod: KubeObject,
  port: Pick<ServicePortView, "targetPort" | "protocol">,
): number | undefined {
  if (typeof port.targetPort === "number") return port.targetPort;
  for (const cp of podContainerPorts(pod)) {
    if (cp.name === port.targetPort && (cp.protocol ?? "TCP") === port.protocol) return cp.containerPort;
  }
  return undefined;
}
