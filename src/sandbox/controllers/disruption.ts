/**
 * The disruption controller (pkg/controller/disruption/disruption.go trySync,
 * getExpectedPodCount, countHealthyPods, updatePdbStatus) and the Eviction API's budget check
 * (pkg/registry/core/pod/storage/eviction.go), which `kubectl drain` goes through.
 */

import { timestampAt } from "../api/server.js";
import type { ObjectStore, WatchEvent } from "../api/store.js";
import type { Controller, ControllerContext, ReconcileResult } from "../engine/controller.js";
import { controllerOf, type KubeObject } from "../model/object.js";
import { sameJson } from "../model/same-json.js";
import { matchesLabelSelector } from "../model/selector.js";
import { type StatusCondition, setCondition } from "./conditions.js";
import { scaledValue } from "./deployment-util.js";
import { isPodReady, podPhase, secondsOf } from "./pod-util.js";
import { specReplicas } from "./replicaset.js";

const SOURCE = "disruption-controller";
/** eviction.go: the refusal kubectl drain prints (HTTP 429). */
export const EVICTION_REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";
/** eviction.go: a pod covered by several budgets cannot be evicted (HTTP 500). */
export const MULTIPLE_PDBS =
  "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.";
/** disruption.go DeletionTimeout: an eviction not seen as a deletion by then is forgotten. */
const DISRUPTED_POD_TIMEOUT = 120;

/** policy/v1: a present but empty selector selects every pod in the namespace; an absent one none. */
function pdbSelects(pdb: KubeObject, pod: KubeObject): boolean {
  const sel = pdb.spec?.selector;
  if (!sel) return false;
  if (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) return true;
  return matchesLabelSelector(sel, pod.metadata.labels);
}

/** The budgets in the pod's namespace that select it. */
export function budgetsFor(store: ObjectStore, pod: KubeObject): KubeObject[] {
  return store.list("PodDisruptionBudget", pod.metadata.namespace).filter((pdb) => pdbSelects(pdb, pod));
}

/** The Eviction API's answer for a pod (eviction.go EvictionREST.Create / checkAndDecrement). */
export function canEvict(
  store: ObjectStore,
  pod: KubeObject,
): { allowed: true } | { allowed: false; message: string; cause?: string } {
  const phase = podPhase(pod);
  // eviction.go canIgnorePDB: terminal, pending or already deleting pods are evicted regardless.
  if (phase === "Succeeded" || phase === "Failed" || phase === "Pending" || pod.metadata.deletionTimestamp) {
    return { allowed: true };
  }
  const pdbs = budgetsFor(store, pod);
  if (pdbs.length > 1) return { allowed: false, message: MULTIPLE_PDBS };
  const pdb = pdbs[0];
  if (!pdb) return { allowed: true };
  const st = pdb.status ?? {};
  if (!isPodReady(pod)) {
    if (pdb.spec?.unhealthyPodEvictionPolicy === "AlwaysAllow") return { allowed: true };
    if ((st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0) && (st.desiredHealthy ?? 0) > 0) return { allowed: true };
  }
  if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1)) {
    return {
      allowed: false,
      message: EVICTION_REFUSED,
      cause: `The disruption budget ${pdb.metadata.name} is still being processed by the server.`,
    };
  }
  if ((st.disruptionsAllowed ?? 0) <= 0) {
    return {
      allowed: false,
      message: EVICTION_REFUSED,
      cause: `The disruption budget ${pdb.metadata.name} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`,
    };
  }
  return { allowed: true };
}

/**
 * Records an allowed eviction in the pod's budget: one disruption fewer, and the pod listed in
 * `disruptedPods` until the controller sees it go (eviction.go checkAndDecrement).
 */
export function recordEviction(ctx: ControllerContext, pod: KubeObject): void {
  const [pdb] = budgetsFor(ctx.store, pod);
  if (!pdb) return;
  ctx.store.patch("PodDisruptionBudget", pdb.metadata.namespace, pdb.metadata.name ?? "", (o) => {
    const st = { ...o.status };
    st.disruptionsAllowed = Math.max(0, (st.disruptionsAllowed ?? 0) - 1);
    st.disruptedPods = { ...st.disruptedPods, [pod.metadata.name ?? ""]: timestampAt(ctx.clock.now) };
    o.status = st;
  });
}

/** The scale of a pod's controller (disruption.go getPodReplicaSet/Deployment/StatefulSet finders). */
function controllerScale(store: ObjectStore, pod: KubeObject): { uid: string; scale: number } | undefined {
  const ref = controllerOf(pod);
  if (!ref) return undefined;
  const ns = pod.metadata.namespace;
  const owner = store.get(ref.kind, ns, ref.name);
  if (!owner || owner.metadata.uid !== ref.uid) return undefined;
  if (ref.kind === "ReplicaSet") {
    const dref = controllerOf(owner);
    const d = dref?.kind === "Deployment" ? store.get("Deployment", ns, dref.name) : undefined;
    if (d) return { uid: d.metadata.uid ?? "", scale: specReplicas(d) };
  }
  if (["ReplicaSet", "ReplicationController", "StatefulSet", "Deployment"].includes(ref.kind)) {
    return { uid: owner.metadata.uid ?? "", scale: specReplicas(owner) };
  }
  return undefined;
}

function sync(key: string, ctx: ControllerContext): ReconcileResult | undefined {
  const i = key.indexOf("/");
  const pdb = ctx.store.get("PodDisruptionBudget", key.slice(0, i), key.slice(i + 1));
  if (!pdb) return undefined;
  const now = ctx.clock.now;
  const pods = ctx.store.list("Pod", pdb.metadata.namespace).filter((p) => pdbSelects(pdb, p));
  if (pods.length === 0) ctx.recorder.record(pdb, "Normal", "NoPods", "No matching pods found", SOURCE);

  const expectedScale = (): number => {
    const seen = new Map<string, number>();
    for (const pod of pods) {
      const c = controllerScale(ctx.store, pod);
      if (!c) {
        ctx.recorder.record(
          pdb,
          "Warning",
          "NoControllers",
          `found no controller ref for pod "${pod.metadata.name}"`,
          SOURCE,
        );
        continue;
      }
      seen.set(c.uid, c.scale);
    }
    return [...seen.values()].reduce((a, b) => a + b, 0);
  };
  let expected = 0;
  let desired = 0;
  const { maxUnavailable, minAvailable } = pdb.spec ?? {};
  if (maxUnavailable !== undefined && maxUnavailable !== null) {
    expected = expectedScale();
    desired = Math.max(0, expected - scaledValue(maxUnavailable, expected, true));
  } else if (typeof minAvailable === "number") {
    desired = minAvailable;
    expected = pods.length;
  } else if (typeof minAvailable === "string") {
    expected = expectedScale();
    desired = scaledValue(minAvailable, expected, true);
  }

  const disrupted: Record<string, string> = {};
  let requeue: number | undefined;
  for (const [name, at] of Object.entries((pdb.status?.disruptedPods as Record<string, string>) ?? {})) {
    const pod = pods.find((p) => p.metadata.name === name);
    const age = now - (secondsOf(at) ?? now);
    if (!pod || pod.metadata.deletionTimestamp || age >= DISRUPTED_POD_TIMEOUT) continue;
    disrupted[name] = at;
    requeue = Math.min(requeue ?? DISRUPTED_POD_TIMEOUT - age, DISRUPTED_POD_TIMEOUT - age);
  }
  const healthy = pods.filter(
    (p) => !p.metadata.deletionTimestamp && isPodReady(p) && !Object.hasOwn(disrupted, p.metadata.name ?? ""),
  ).length;
  let allowed = healthy - desired;
  if (expected <= 0 || allowed <= 0) allowed = 0;
  const conditions = setCondition(
    pdb.status?.conditions as StatusCondition[] | undefined,
    allowed > 0
      ? {
          type: "DisruptionAllowed",
          status: "True",
          reason: "SufficientPods",
          message: "",
          observedGeneration: pdb.metadata.generation ?? 1,
        }
      : {
          type: "DisruptionAllowed",
          status: "False",
          reason: "InsufficientPods",
          message: "",
          observedGeneration: pdb.metadata.generation ?? 1,
        },
    now,
  );
  const status = {
    observedGeneration: pdb.metadata.generation ?? 1,
    disruptedPods: disrupted,
    disruptionsAllowed: allowed,
    currentHealthy: healthy,
    desiredHealthy: desired,
    expectedPods: expected,
    conditions,
  };
  if (!sameJson(status, pdb.status ?? {})) {
    ctx.store.patch("PodDisruptionBudget", pdb.metadata.namespace, pdb.metadata.name ?? "", (o) => {
      o.status = status;
    });
  }
  return requeue === undefined ? undefined : { requeueAfter: requeue };
}

/** The disruption controller: keeps every PodDisruptionBudget's status current. */
export function disruptionController(): Controller {
  return {
    name: SOURCE,
    watches: ["PodDisruptionBudget", "Pod", "ReplicaSet", "Deployment", "StatefulSet", "ReplicationController"],
    keysFor(event: WatchEvent, ctx: ControllerContext): string[] {
      const obj = event.object;
      const ns = obj.metadata.namespace ?? "";
      if (obj.kind === "PodDisruptionBudget") return event.type === "DELETED" ? [] : [`${ns}/${obj.metadata.name}`];
      const pdbs = ctx.store.list("PodDisruptionBudget", ns);
      if (pdbs.length === 0) return [];
      if (obj.kind !== "Pod") return pdbs.map((p) => `${ns}/${p.metadata.name}`);
      const pods = event.old ? [event.old, obj] : [obj];
      return pdbs.filter((p) => pods.some((pod) => pdbSelects(p, pod))).map((p) => `${ns}/${p.metadata.name}`);
    },
    reconcile: sync,
  };
}
