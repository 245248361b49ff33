/**
 * The learner's workloads as the explanation layer sees them: every object of a pod-bearing kind
 * that no controller owns (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, bare
 * Pod), with its pod template and the pods it runs at the horizon.
 */
import type { ObjectStore } from "../api/store.js";
import type { KubeObject } from "../model/object.js";
import { topOwner } from "../render/pod-status.js";

type Any = any;

/** A workload and its pod template. */
export interface Workload {
  object: KubeObject;
  /** `Kind/name`, the form findings use. */
  ref: string;
  /** The pod spec (the template's for controllers, the pod's own for a bare Pod). */
  podSpec: Record<string, Any>;
  /** Pod template metadata (labels, annotations). */
  podMeta: { labels?: Record<string, string>; annotations?: Record<string, string> };
  /** Desired replicas, null where the kind has no replica count (DaemonSet, Job, CronJob). */
  replicas: number | null;
  /** Live (not terminating) pods at the horizon. */
  pods: KubeObject[];
}

const KINDS = [
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "ReplicationController",
  "Job",
  "CronJob",
  "Pod",
];

function template(o: KubeObject): { spec: Any; metadata: Any } | null {
  if (o.kind === "Pod") return { spec: o.spec ?? {}, metadata: o.metadata };
  if (o.kind === "CronJob") return o.spec?.jobTemplate?.spec?.template ?? null;
  return o.spec?.template ?? null;
}

/** The input's workloads, in kind order then store order, each with its live pods. */
export function inputWorkloads(store: ObjectStore): Workload[] {
  const podsByOwner = new Map<string, KubeObject[]>();
  for (const pod of store.list("Pod")) {
    if (pod.metadata.deletionTimestamp) continue;
    const owner = topOwner(pod, store, new Map()) ?? `Pod/${pod.metadata.name}`;
    const key = `${pod.metadata.namespace}\u0000${owner}`;
    const list = podsByOwner.get(key) ?? [];
    list.push(pod);
    podsByOwner.set(key, list);
  }
  const out: Workload[] = [];
  for (const kind of KINDS) {
    for (const o of store.list(kind)) {
      if ((o.metadata.ownerReferences ?? []).some((r) => r.controller)) continue;
      const t = template(o);
      if (!t) continue;
      const ref = `${o.kind}/${o.metadata.name}`;
      const hasReplicas = ["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"].includes(kind);
      out.push({
        object: o,
        ref,
        podSpec: t.spec ?? {},
        podMeta: t.metadata ?? {},
        replicas: hasReplicas ? (o.spec?.replicas ?? 1) : null,
        pods: podsByOwner.get(`${o.metadata.namespace}\u0000${ref}`) ?? [],
      });
    }
  }
  return out;
}

/** The regular and init containers of a pod spec. */
export function containersOf(spec: Record<string, Any>): Any[] {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].filter((c) => c && typeof c === "object");
}
