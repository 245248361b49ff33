/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go syncReplicaSet): claims the
 * pods its selector matches, creates missing pods in slow-start batches, deletes surplus pods in
 * upstream's ranking order, and writes status (replica_set_utils.go calculateStatus). The same
 * code runs v1 ReplicationControllers, as upstream's ReplicationManager wraps this controller.
 */

import type { WatchEvent } from "../api/store.js";
import { statusMessage } from "../api/types.js";
import type { Controller, ControllerContext, ReconcileResult } from "../engine/controller.js";
import { controllerOf, type KubeObject } from "../model/object.js";
import { sameJson } from "../model/same-json.js";
import { matchesLabelSelector, matchesMapSelector } from "../model/selector.js";
import { getCondition, removeCondition, type StatusCondition, setCondition } from "./conditions.js";
import { controlledBy, orphansOf } from "./owner-index.js";
import { controllerRef, createPod, deletePod, podBudget, podFromTemplate, slowStartBatch } from "./pod-control.js";
import { rankPodsForDeletion } from "./pod-ranking.js";
import { isPodActive, readySince } from "./pod-util.js";

/** client-go workqueue ItemExponentialFailureRateLimiter defaults, in seconds. */
const RETRY_BASE = 0.005;
const RETRY_MAX = 1000;

/** How one ReplicaSet-like kind is read. */
export interface ReplicaSetKind {
  kind: "ReplicaSet" | "ReplicationController";
  /** Controller name and event source: `replicaset-controller` / `replication-controller`. */
  name: string;
}

/** Whether `labels` match the object's selector (label selector for RS, map for RC). */
export function selectorMatches(rs: KubeObject, labels: Record<string, string> | undefined): boolean {
  if (rs.kind === "ReplicationController") {
    const sel = (rs.spec?.selector as Record<string, string> | undefined) ?? rs.spec?.template?.metadata?.labels;
    return Object.keys(sel ?? {}).length > 0 && matchesMapSelector(sel, labels);
  }
  const sel = rs.spec?.selector;
  if (!sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)) {
    return false;
  }
  return matchesLabelSelector(sel, labels);
}

/*
 * Every sync visits all of a ReplicaSet's pods (60,000 at the pods limit), so what it derives from
 * a pod is remembered per stored object. Stored objects are never changed in place (the store
 * copies on write, and status writes share the untouched parts), so a verdict about an object
 * version holds for as long as it lives. Keys are the pod's labels object and the ReplicaSet's
 * spec (or template labels) object the verdict was judged against.
 */
type Verdicts = WeakMap<object, { against: unknown; matches: boolean }>;
const selectorVerdicts: Verdicts = new WeakMap();
const templateVerdicts: Verdicts = new WeakMap();
const readyTimes = new WeakMap<KubeObject, { since: number | undefined }>();

function remembered<T>(
  verdicts: Verdicts,
  labels: Record<string, string> | undefined,
  against: T,
  judge: (against: T, labels: Record<string, string> | undefined) => boolean,
): boolean {
  if (typeof labels !== "object" || labels === null || typeof against !== "object" || against === null) {
    return judge(against, labels);
  }
  const seen = verdicts.get(labels);
  if (seen && seen.against === against) return seen.matches;
  const matches = judge(against, labels);
  verdicts.set(labels, { against, matches });
  return matches;
}

/** `selectorMatches` for a stored ReplicaSet and a stored pod. */
function podMatches(rs: KubeObject, pod: KubeObject): boolean {
  return remembered(selectorVerdicts, pod.metadata.labels, rs.spec, (_spec, labels) => selectorMatches(rs, labels));
}

/** `readySince` of a stored pod. */
function podReadySince(pod: KubeObject): number | undefined {
  let seen = readyTimes.get(pod);
  if (!seen) {
    seen = { since: readySince(pod) };
    readyTimes.set(pod, seen);
  }
  return seen.since;
}

/** `spec.replicas`, default 1 (pkg/apis/apps/v1/defaults.go). */
export function specReplicas(obj: KubeObject): number {
  const r = obj.spec?.replicas;
  return typeof r === "number" ? r : 1;
}

/** Builds the controller for ReplicaSets (or ReplicationControllers). */
export function replicaSetLikeController(k: ReplicaSetKind): Controller {
  const failures = new Map<string, number>();
  return {
    name: k.name,
    watches: [k.kind, "Pod"],
    keysFor: (event, ctx) => keysFor(k, event, ctx),
    reconcile(key, ctx) {
      const { result, failed } = sync(k, key, ctx);
      if (!failed) {
        failures.delete(key);
        return result;
      }
      // A failed sync is retried with the workqueue's per-item exponential back-off
      // (client-go util/workqueue DefaultControllerRateLimiter: 5 ms doubling to 1000 s).
      const n = failures.get(key) ?? 0;
      failures.set(key, n + 1);
      const delay = Math.min(RETRY_BASE * 2 ** n, RETRY_MAX);
      return { requeueAfter: Math.min(delay, result?.requeueAfter ?? delay) };
    },
  };
}

/** The ReplicaSet controller. */
export function replicaSetController(): Controller {
  return replicaSetLikeController({ kind: "ReplicaSet", name: "replicaset-controller" });
}

function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ""}/${obj.metadata.name ?? ""}`;
}

function keysFor(k: ReplicaSetKind, event: WatchEvent, ctx: ControllerContext): string[] {
  const obj = event.object;
  if (obj.kind === k.kind) return [keyOf(obj)];
  const keys = new Set<string>();
  for (const pod of event.old ? [event.old, obj] : [obj]) {
    const ref = controllerOf(pod);
    if (ref) {
      if (ref.kind === k.kind) keys.add(`${pod.metadata.namespace ?? ""}/${ref.name}`);
    } else if (event.type !== "DELETED" && !pod.metadata.deletionTimestamp) {
      for (const rs of ctx.store.list(k.kind, pod.metadata.namespace)) {
        if (selectorMatches(rs, pod.metadata.labels)) keys.add(keyOf(rs));
      }
    }
  }
  return [...keys];
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf("/");
  return [key.slice(0, i), key.slice(i + 1)];
}

/** Adopts matching orphans and releases owned pods that no longer match (ControllerRefManager.ClaimPods). */
function claimPods(ctx: ControllerContext, rs: KubeObject): KubeObject[] {
  const uid = rs.metadata.uid ?? "";
  const ns = rs.metadata.namespace ?? "";
  const claimed: KubeObject[] = [];
  for (const pod of controlledBy(ctx.store, "Pod", uid)) {
    if (podMatches(rs, pod) || pod.metadata.deletionTimestamp) {
      claimed.push(pod);
      continue;
    }
    ctx.store.patch("Pod", ns, pod.metadata.name ?? "", (p) => {
      p.metadata.ownerReferences = (p.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
    });
  }
  if (rs.metadata.deletionTimestamp) return claimed;
  for (const pod of orphansOf(ctx.store, "Pod", ns)) {
    if (pod.metadata.deletionTimestamp || !selectorMatches(rs, pod.metadata.labels)) continue;
    const adopted = ctx.store.patch("Pod", ns, pod.metadata.name ?? "", (p) => {
      p.metadata.ownerReferences = [...(p.metadata.ownerReferences ?? []), controllerRef(rs)];
    });
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

/** Active pods of the sibling ReplicaSets under the same Deployment (replica_set.go getIndirectlyRelatedPods). */
function relatedPods(ctx: ControllerContext, rs: KubeObject, own: KubeObject[]): KubeObject[] {
  const owner = controllerOf(rs);
  if (!owner) return own;
  const out: KubeObject[] = [];
  for (const sibling of controlledBy(ctx.store, rs.kind, owner.uid)) {
    out.push(...controlledBy(ctx.store, "Pod", sibling.metadata.uid ?? ""));
  }
  return out;
}

function manageReplicas(
  k: ReplicaSetKind,
  ctx: ControllerContext,
  rs: KubeObject,
  active: KubeObject[],
): { error?: string; diff: number } {
  const diff = active.length - specReplicas(rs);
  if (diff < 0) {
    // Upstream caps one sync at BurstReplicas (500) to spare the API server and syncs again at
    // once; all of it happens at the same simulated instant, so one sync creates them all.
    const want = podBudget(ctx, rs, -diff);
    let error: string | undefined;
    const template = rs.spec?.template;
    slowStartBatch(want, () => {
      const pod = podFromTemplate(template, rs);
      pod.metadata.generateName = `${rs.metadata.name}-`;
      const outcome = createPod(ctx, rs, pod, k.name);
      if (!outcome.ok) error = statusMessage(outcome);
      return outcome.ok;
    });
    return error === undefined ? { diff } : { error, diff };
  }
  if (diff > 0) {
    const victims = rankPodsForDeletion(active, relatedPods(ctx, rs, active), ctx.clock.now).slice(0, diff);
    let error: string | undefined;
    for (const pod of victims) {
      const outcome = deletePod(ctx, rs, pod, k.name);
      if (!outcome.ok) error = statusMessage(outcome);
    }
    return error === undefined ? { diff } : { error, diff };
  }
  return { diff };
}

function sync(
  k: ReplicaSetKind,
  key: string,
  ctx: ControllerContext,
): { result: ReconcileResult | undefined; failed: boolean } {
  const [ns, name] = splitKey(key);
  const rs = ctx.store.get(k.kind, ns, name);
  if (!rs) return { result: undefined, failed: false };
  const revision = ctx.store.resourceVersion;
  const claimed = claimPods(ctx, rs);
  const active = claimed.filter(isPodActive);
  const managed = rs.metadata.deletionTimestamp ? { diff: 0 } : manageReplicas(k, ctx, rs, active);

  const failed = managed.error !== undefined;
  const current = ctx.store.get(k.kind, ns, name);
  if (!current) return { result: undefined, failed };
  // Nothing written since the pods were claimed (no release, adoption, create or delete): the
  // active pods are still `active`, so the list is not rebuilt.
  const pods =
    ctx.store.resourceVersion === revision
      ? active
      : controlledBy(ctx.store, "Pod", current.metadata.uid ?? "").filter(isPodActive);
  const now = ctx.clock.now;
  const minReady = (current.spec?.minReadySeconds as number | undefined) ?? 0;
  const templateLabels = (current.spec?.template?.metadata?.labels ?? {}) as Record<string, string>;
  let conditions = current.status?.conditions as StatusCondition[] | undefined;
  if (managed.error !== undefined && !getCondition(conditions, "ReplicaFailure")) {
    // replica_set_utils.go calculateStatus: FailedCreate when short of pods, FailedDelete when over.
    conditions = setCondition(
      conditions,
      {
        type: "ReplicaFailure",
        status: "True",
        reason: managed.diff < 0 ? "FailedCreate" : "FailedDelete",
        message: managed.error,
      },
      now,
    );
  } else if (managed.error === undefined && getCondition(conditions, "ReplicaFailure")) {
    conditions = removeCondition(conditions, "ReplicaFailure");
  }
  // One pass for the counts of calculateStatus and the next availability check: Ready means a
  // Ready condition (IsPodReady); available means Ready for minReadySeconds (IsPodAvailable).
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  let wait: number | undefined;
  for (const p of pods) {
    if (remembered(templateVerdicts, p.metadata.labels, templateLabels, matchesMapSelector)) {
      fullyLabeled++;
    }
    const since = podReadySince(p);
    if (since === undefined) continue;
    ready++;
    if (minReady <= 0 || since + minReady <= now) available++;
    else wait = Math.min(wait ?? Number.POSITIVE_INFINITY, since + minReady - now);
  }
  const status: Record<string, unknown> = {
    replicas: pods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    observedGeneration: current.metadata.generation ?? 1,
  };
  if (conditions && conditions.length > 0) status.conditions = conditions;
  if (!sameJson(status, current.status ?? {})) {
    ctx.store.replaceStatus(k.kind, ns, name, status);
  }
  return { result: wait === undefined ? undefined : { requeueAfter: wait }, failed };
}
