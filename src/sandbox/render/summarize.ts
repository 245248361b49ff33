/**
 * Builds the JSON result (CONTRACT.md) from a finished simulation: nodes, accepted objects, every
 * pod that ever existed (deleted ones flagged), events in time order, findings.
 */
import type { ObjectStore } from "../api/store.js";
import type { Cluster } from "../cluster/cluster.js";
import { replicaTimeline } from "../controllers/hpa.js";
import type { KubeObject } from "../model/object.js";
import { formatQuantity, parseQuantity } from "../model/quantity.js";
import type {
  Finding,
  NodeSummary,
  ObjectSummary,
  PodSummary,
  Rejection,
  SimEvent,
  SimulationResult,
} from "../result.js";
import { podView, topOwner } from "./pod-status.js";

/** Every object's last state, kept across deletion, with pods in order of creation. */
export interface History {
  /** Objects every cluster starts with (system namespaces, default service accounts). */
  bootstrap: Set<string>;
  objects: Map<string, KubeObject>;
  podOrder: string[];
  deletedPods: Set<string>;
}

/** Starts recording object history; call after the cluster's own objects exist, before the input's. */
export function trackHistory(store: ObjectStore): History {
  const h: History = { bootstrap: new Set(), objects: new Map(), podOrder: [], deletedPods: new Set() };
  for (const kind of store.kinds()) {
    for (const o of store.list(kind)) h.bootstrap.add(`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`);
  }
  store.watchAll((e) => {
    const o = e.object;
    const key = `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
    h.objects.set(key, o);
    if (o.kind !== "Pod") return;
    if (e.type === "ADDED") {
      if (h.deletedPods.delete(key)) h.podOrder.splice(h.podOrder.indexOf(key), 1);
      h.podOrder.push(key);
    } else if (e.type === "DELETED") {
      h.deletedPods.add(key);
    }
  });
  return h;
}

type Any = any;

function nodeSummary(node: KubeObject): NodeSummary {
  const alloc: Record<string, string> = {};
  for (const [k, v] of Object.entries((node.status as Any)?.allocatable ?? {})) {
    const q = parseQuantity(v as string);
    alloc[k] = q ? formatQuantity(q) : String(v);
  }
  const ready = ((node.status as Any)?.conditions ?? []).some((c: Any) => c.type === "Ready" && c.status === "True");
  return {
    name: node.metadata.name ?? "",
    ready,
    unschedulable: node.spec?.unschedulable === true,
    allocatable: alloc,
  };
}

function podSummary(pod: KubeObject, cluster: Cluster, history: History, deleted: boolean): PodSummary {
  const v = podView(pod);
  return {
    name: pod.metadata.name ?? "",
    namespace: pod.metadata.namespace ?? "default",
    owner: topOwner(pod, cluster.store, history.objects),
    node: pod.spec?.nodeName ?? null,
    phase: pod.status?.phase ?? "Pending",
    ready: v.ready,
    restarts: v.restarts,
    reason: v.reason,
    message: v.message,
    deleted,
    ip: pod.status?.podIP ?? null,
    status: v.status,
    readyContainers: `${v.readyContainers}/${v.totalContainers}`,
    lastTerminationReason: v.lastTerminationReason,
  };
}

/** Kinds never listed as objects: pods have their own list; nodes are the cluster. */
const UNLISTED_KINDS = new Set(["Pod", "Node", "Event"]);

/** The input's accepted objects in input order, then objects controllers created that exist at the end. */
function objectSummaries(cluster: Cluster, history: History, accepted: KubeObject[]): ObjectSummary[] {
  const summary = (o: KubeObject, generated: boolean): ObjectSummary => ({
    kind: o.kind,
    apiVersion: o.apiVersion,
    name: o.metadata.name ?? "",
    namespace: o.metadata.namespace ?? null,
    generated,
    deleted: cluster.store.get(o.kind, o.metadata.namespace, o.metadata.name ?? "") === undefined,
  });
  const seen = new Set<string>();
  const out: ObjectSummary[] = [];
  for (const o of accepted) {
    const key = `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(summary(o, false));
  }
  const generated: KubeObject[] = [];
  for (const kind of cluster.store.kinds()) {
    if (UNLISTED_KINDS.has(kind)) continue;
    for (const o of cluster.store.list(kind)) {
      const key = `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
      if (seen.has(key) || history.bootstrap.has(key)) continue;
      generated.push(o);
    }
  }
  generated.sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
  for (const o of generated) out.push(summary(o, true));
  return out;
}

export function summarizeResult(
  cluster: Cluster,
  history: History,
  reached: number,
  rejected: Rejection[],
  accepted: KubeObject[],
  findings: Finding[],
): SimulationResult {
  const pods: PodSummary[] = history.podOrder.map((key) => {
    const [, ns, name] = key.split("/") as [string, string, string];
    const live = cluster.store.get("Pod", ns, name);
    return podSummary(live ?? (history.objects.get(key) as KubeObject), cluster, history, !live);
  });
  const events: SimEvent[] = cluster.recorder.list().map((e) => ({
    time: e.time,
    type: e.type,
    reason: e.reason,
    object: e.object,
    namespace: e.namespace,
    source: e.source,
    message: e.message,
    count: e.count,
    lastTime: e.lastTime,
  }));
  return {
    apiVersion: "podsensei/v1",
    horizonSeconds: reached,
    cluster: { nodes: cluster.store.list("Node").map(nodeSummary) },
    rejected,
    objects: objectSummaries(cluster, history, accepted),
    pods,
    events,
    findings,
    autoscaling: replicaTimeline(cluster),
  };
}
