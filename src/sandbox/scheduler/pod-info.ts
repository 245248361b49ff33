/**
 * The scheduler's pre-processed view of a pod (pkg/scheduler/framework/types.go `PodInfo`): its
 * requests, host ports, affinity terms and images, computed once per pod version so that filters
 * and scores never re-parse the spec.
 */
import type { KubeObject } from "../model/object.js";
import { podRequests, type Resource } from "./resources.js";
import type { Toleration } from "./taints.js";
import { type AffinityTerm, newAffinityTerm, type WeightedAffinityTerm } from "./terms.js";

/** A host port a pod needs (framework/types.go HostPortInfo): IP "0.0.0.0" means every address. */
export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

export interface PodInfo {
  pod: KubeObject;
  uid: string;
  name: string;
  namespace: string;
  /** `namespace/name` */
  key: string;
  labels: Record<string, string>;
  /** spec.priority, resolved by the caller when admission did not set it. */
  priority: number;
  preemptionPolicy: string;
  /** Effective requests used by filters (PodRequests). */
  requests: Resource;
  /** True when the pod requests nothing at all. */
  requestsNothing: boolean;
  /** CPU/memory with the 100m / 200Mi defaults for containers that request none (scoring). */
  nonZeroCPU: number;
  nonZeroMemory: number;
  hostPorts: HostPort[];
  tolerations: Toleration[];
  requiredAffinityTerms: AffinityTerm[];
  requiredAntiAffinityTerms: AffinityTerm[];
  preferredAffinityTerms: WeightedAffinityTerm[];
  preferredAntiAffinityTerms: WeightedAffinityTerm[];
  /** Any (anti-)affinity term at all. */
  hasAffinity: boolean;
  /** Container images, normalised as ImageLocality does (`:latest` added when untagged). */
  images: string[];
  /**
   * `namespace/claimName` of each `persistentVolumeClaim` volume (framework/types.go
   * updatePVCRefCounts: generic ephemeral volumes are not counted); shared and empty for most pods.
   */
  pvcKeys: readonly string[];
  numContainers: number;
  nodeName: string;
  terminating: boolean;
  /** Seconds since the simulation start when the pod started (creation time as fallback). */
  startTime: number;
}

/** ImageLocality's image-name normalisation (imagelocality/image_locality.go normalizedImageName). */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(":") <= name.lastIndexOf("/") ? `${name}:latest` : name;
}

function parseTime(ts: unknown, epochMs: number): number {
  if (typeof ts !== "string") return 0;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? 0 : (ms - epochMs) / 1000;
}

/** PodInfo.startTime of a pod: status.startTime, else its creation time. */
export function podStartTime(pod: KubeObject, epochMs: number): number {
  return parseTime(pod.status?.startTime ?? pod.metadata.creationTimestamp, epochMs);
}

const NO_CLAIMS: readonly string[] = Object.freeze([]);

/** PodInfo.pvcKeys of a pod spec. */
function pvcKeys(spec: Record<string, any>, namespace: string): readonly string[] {
  const volumes: unknown = spec.volumes;
  if (!Array.isArray(volumes) || volumes.length === 0) return NO_CLAIMS;
  const out: string[] = [];
  for (const v of volumes as { persistentVolumeClaim?: { claimName?: string } }[]) {
    const claim = v?.persistentVolumeClaim;
    if (claim) out.push(`${namespace}/${claim.claimName ?? ""}`);
  }
  return out.length > 0 ? out : NO_CLAIMS;
}

interface RawPort {
  hostPort?: number;
  hostIP?: string;
  protocol?: string;
}

/** Builds the PodInfo of a pod object; `priority` is the resolved priority. */
export function newPodInfo(pod: KubeObject, priority: number, epochMs: number): PodInfo {
  const spec = pod.spec ?? {};
  const namespace = pod.metadata.namespace ?? "default";
  const labels = pod.metadata.labels ?? {};
  const requests = podRequests(spec);
  const nonZero = podRequests(spec, true);
  const containers: { image?: string; ports?: RawPort[]; restartPolicy?: string }[] = spec.containers ?? [];
  const inits: { image?: string; ports?: RawPort[]; restartPolicy?: string }[] = spec.initContainers ?? [];
  const hostPorts: HostPort[] = [];
  // pkg/scheduler/util/utils.go GetHostPorts: app containers and sidecars.
  for (const c of [...inits.filter((i) => i.restartPolicy === "Always"), ...containers]) {
    for (const p of c.ports ?? []) {
      if (typeof p.hostPort === "number" && p.hostPort > 0) {
        hostPorts.push({ ip: p.hostIP || "0.0.0.0", protocol: p.protocol || "TCP", port: p.hostPort });
      }
    }
  }
  const aff = spec.affinity ?? {};
  const req = (x: unknown) => (Array.isArray(x) ? x : []);
  const term = (t: Record<string, unknown>) => newAffinityTerm(t, namespace, labels);
  const weighted = (w: { weight?: number; podAffinityTerm?: Record<string, unknown> }) => ({
    term: term(w.podAffinityTerm ?? {}),
    weight: w.weight ?? 0,
  });
  const requiredAffinityTerms = req(aff.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution).map(term);
  const requiredAntiAffinityTerms = req(aff.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution).map(term);
  const preferredAffinityTerms = req(aff.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution).map(weighted);
  const preferredAntiAffinityTerms = req(aff.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution).map(
    weighted,
  );
  const uid = pod.metadata.uid ?? `${namespace}/${pod.metadata.name ?? ""}`;
  return {
    pod,
    uid,
    name: pod.metadata.name ?? "",
    namespace,
    key: `${namespace}/${pod.metadata.name ?? ""}`,
    labels,
    priority,
    preemptionPolicy: spec.preemptionPolicy ?? "PreemptLowerPriority",
    requests,
    requestsNothing:
      requests.milliCPU === 0 && requests.memory === 0 && requests.ephemeralStorage === 0 && requests.scalar.size === 0,
    nonZeroCPU: nonZero.milliCPU,
    nonZeroMemory: nonZero.memory,
    hostPorts,
    tolerations: Array.isArray(spec.tolerations) ? spec.tolerations : [],
    requiredAffinityTerms,
    requiredAntiAffinityTerms,
    preferredAffinityTerms,
    preferredAntiAffinityTerms,
    hasAffinity:
      requiredAffinityTerms.length +
        requiredAntiAffinityTerms.length +
        preferredAffinityTerms.length +
        preferredAntiAffinityTerms.length >
      0,
    images: [...inits, ...containers].map((c) => normalizedImageName(c.image ?? "")),
    pvcKeys: pvcKeys(spec, namespace),
    numContainers: inits.length + containers.length,
    nodeName: spec.nodeName ?? "",
    terminating: pod.metadata.deletionTimestamp !== undefined,
    startTime: podStartTime(pod, epochMs),
  };
}
