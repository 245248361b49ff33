/**
 * Which pods back a Service and how: the endpoint set the EndpointSlice and Endpoints controllers
 * write, computed once here so controllers, DNS, reachability and findings agree
 * (staging/src/k8s.io/endpointslice/utils.go podToEndpoint, ShouldPodBeInEndpoints;
 * staging/src/k8s.io/endpointslice/reconciler.go getEndpointPorts).
 */
import type { KubeObject } from "../model/object.js";
import { resolveTargetPort, type ServicePortView, selectsPod, servicePorts } from "./service.js";

/** A port of an endpoint, as EndpointSlice `ports[]` lists it. */
export interface EndpointPort {
  name: string;
  port: number;
  protocol: string;
}

/** One pod behind a Service. */
export interface EndpointView {
  pod: KubeObject;
  ip: string;
  nodeName: string | null;
  /** `spec.hostname` when the pod's subdomain names this Service (per-pod DNS records). */
  hostname: string | null;
  /** Receives traffic: serving and not terminating, or any address with publishNotReadyAddresses. */
  ready: boolean;
  /** The pod's Ready condition is True. */
  serving: boolean;
  terminating: boolean;
  /** The Service's ports this pod has, target ports resolved for this pod (named ones may be missing). */
  ports: EndpointPort[];
}

/** The pod's IP, or undefined before the kubelet has given it one. */
export function podIP(pod: KubeObject): string | undefined {
  const ip = pod.status?.podIP ?? pod.status?.podIPs?.[0]?.ip;
  return typeof ip === "string" && ip !== "" ? ip : undefined;
}

function podReady(pod: KubeObject): boolean {
  return (pod.status?.conditions ?? []).some(
    (c: { type?: string; status?: string }) => c.type === "Ready" && c.status === "True",
  );
}

/**
 * Whether a pod appears in a Service's endpoints at all: not Succeeded or Failed, has an IP, and
 * (unless `includeTerminating`) is not being deleted (endpointslice/utils.go ShouldPodBeInEndpoints).
 */
export function shouldPodBeInEndpoints(pod: KubeObject, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") return false;
  if (podIP(pod) === undefined) return false;
  return includeTerminating || !pod.metadata.deletionTimestamp;
}

/** The Service's ports resolved for one pod; a named targetPort the pod lacks is skipped (getEndpointPorts). */
export function endpointPorts(
  svc: KubeObject,
  pod: KubeObject,
  ports: ServicePortView[] = servicePorts(svc),
): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const p of ports) {
    const port = resolveTargetPort(pod, p);
    if (port !== undefined) out.push({ name: p.name, port, protocol: p.protocol });
  }
  return out;
}

/**
 * The endpoints of a selector Service among `pods`, in pod order (an empty list for a Service
 * without selector). EndpointSlices list terminating pods; `legacy` Endpoints list them only with
 * `publishNotReadyAddresses` (pkg/controller/endpoint/endpoints_controller.go syncService).
 */
export function serviceEndpoints(svc: KubeObject, pods: readonly KubeObject[], legacy = false): EndpointView[] {
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  const includeTerminating = !legacy || publishNotReady;
  const ports = servicePorts(svc);
  const out: EndpointView[] = [];
  for (const pod of pods) {
    if (!selectsPod(svc, pod) || !shouldPodBeInEndpoints(pod, includeTerminating)) continue;
    const serving = podReady(pod);
    const terminating = Boolean(pod.metadata.deletionTimestamp);
    const hostname = pod.spec?.hostname && pod.spec?.subdomain === svc.metadata.name ? String(pod.spec.hostname) : null;
    out.push({
      pod,
      ip: podIP(pod) as string,
      nodeName: typeof pod.spec?.nodeName === "string" ? pod.spec.nodeName : null,
      hostname,
      // "ready" is never true for a terminating endpoint unless publishNotReadyAddresses (utils.go podToEndpoint).
      ready: publishNotReady || (serving && !terminating),
      serving,
      terminating,
      ports: endpointPorts(svc, pod, ports),
    });
  }
  return out;
}

/** Key of a port list, to group endpoints that share the same ports into one slice or subset. */
export function portsKey(ports: readonly EndpointPort[]): string {
  return ports.map((p) => `${p.name}/${p.protocol}/${p.port}`).join(",");
}
