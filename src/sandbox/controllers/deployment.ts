/**
 * The Deployment controller (pkg/controller/deployment/deployment_controller.go syncDeployment):
 * finds or creates the ReplicaSet of the current pod template (named `<deployment>-<hash>`, with
 * the `pod-template-hash` label), runs RollingUpdate or Recreate, scales proportionally on a
 * replica change, keeps revision history, and writes status with the Available / Progressing /
 * ReplicaFailure conditions (sync.go, progress.go).
 */

import type { WatchEvent } from "../api/store.js";
import { statusMessage } from "../api/types.js";
import type { Controller, ControllerContext, ReconcileResult } from "../engine/controller.js";
import { clone, controllerOf, type KubeObject } from "../model/object.js";
import { sameJson } from "../model/same-json.js";
import { getCondition, type StatusCondition } from "./conditions.js";
import {
  activeReplicaSets,
  DEPLOYMENT_CONTROLLER,
  newRSNewReplicas,
  oldPodsRunning,
  type RolloutState,
  reconcileNewReplicaSet,
  reconcileOldReplicaSets,
  scaleDeployment,
  scaleReplicaSet,
} from "./deployment-rollout.js";
import { deploymentComplete, writeStatus } from "./deployment-status.js";
import {
  ANNOTATIONS_TO_SKIP,
  byCreation,
  computeHash,
  DESIRED_REPLICAS,
  equalIgnoreHash,
  MAX_REPLICAS,
  maxSurge,
  POD_TEMPLATE_HASH,
  progressDeadline,
  REASON,
  REVISION,
  REVISION_HISTORY,
  revisionOf,
  setDeploymentCondition,
} from "./deployment-util.js";
import { controlledBy } from "./owner-index.js";
import { controllerRef } from "./pod-control.js";
import { specReplicas } from "./replicaset.js";

/** Attempts at a new ReplicaSet name when a hash collides with a foreign ReplicaSet. */
const MAX_COLLISION_RETRIES = 5;

/** The Deployment controller. */
export function deploymentController(): Controller {
  return {
    name: DEPLOYMENT_CONTROLLER,
    watches: ["Deployment", "ReplicaSet", "Pod"],
    keysFor,
    reconcile: syncDeployment,
  };
}

function keysFor(event: WatchEvent, ctx: ControllerContext): string[] {
  const obj = event.object;
  const ns = obj.metadata.namespace ?? "";
  if (obj.kind === "Deployment") return [`${ns}/${obj.metadata.name}`];
  if (obj.kind === "ReplicaSet") {
    const ref = controllerOf(obj);
    return ref?.kind === "Deployment" ? [`${ns}/${ref.name}`] : [];
  }
  // Pods matter only when they are gone: Recreate waits for old pods to disappear.
  if (event.type !== "DELETED") return [];
  const rsRef = controllerOf(obj);
  if (rsRef?.kind !== "ReplicaSet") return [];
  const rs = ctx.store.get("ReplicaSet", ns, rsRef.name);
  const ref = rs ? controllerOf(rs) : undefined;
  return ref?.kind === "Deployment" ? [`${ns}/${ref.name}`] : [];
}

function hasDeadline(d: KubeObject): boolean {
  return progressDeadline(d) !== undefined;
}

function conditionsOf(d: KubeObject): StatusCondition[] | undefined {
  return d.status?.conditions as StatusCondition[] | undefined;
}

function setCond(s: RolloutState, type: string, status: StatusCondition["status"], reason: string, message: string) {
  s.d.status = s.d.status ?? {};
  s.d.status.conditions = setDeploymentCondition(conditionsOf(s.d), { type, status, reason, message }, s.ctx.clock.now);
}

function ownedReplicaSets(s: RolloutState): KubeObject[] {
  return controlledBy(s.ctx.store, "ReplicaSet", s.d.metadata.uid ?? "")
    .filter((rs) => !rs.metadata.deletionTimestamp)
    .sort(byCreation);
}

function fresh(s: RolloutState, rs: KubeObject): KubeObject {
  return s.ctx.store.get("ReplicaSet", rs.metadata.namespace, rs.metadata.name ?? "") ?? rs;
}

/** sync.go getAllReplicaSetsAndSyncRevision: the new RS (created when asked) and the old ones. */
function getAll(s: RolloutState, create: boolean): { newRS: KubeObject | undefined; oldRSs: KubeObject[] } {
  const rss = ownedReplicaSets(s);
  const found = rss.find((rs) => equalIgnoreHash(rs.spec?.template, s.d.spec?.template));
  const oldRSs = rss.filter((rs) => rs !== found);
  return { newRS: getNewReplicaSet(s, oldRSs, found, create), oldRSs };
}

/** Annotations a ReplicaSet inherits from its Deployment, plus revision and replica annotations. */
function rsAnnotations(s: RolloutState, revision: number, existing?: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { ...existing };
  for (const [k, v] of Object.entries(s.d.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) out[k] = v;
  const old = Number.parseInt(existing?.[REVISION] ?? "", 10);
  if (!Number.isFinite(old) || old < revision) {
    out[REVISION] = String(revision);
    if (Number.isFinite(old)) {
      out[REVISION_HISTORY] = existing?.[REVISION_HISTORY] ? `${existing[REVISION_HISTORY]},${old}` : String(old);
    }
  }
  out[DESIRED_REPLICAS] = String(specReplicas(s.d));
  out[MAX_REPLICAS] = String(specReplicas(s.d) + maxSurge(s.d));
  return out;
}

function setDeploymentRevision(s: RolloutState, revision: string | undefined): void {
  if (revision === undefined) return;
  s.d.metadata.annotations = { ...s.d.metadata.annotations, [REVISION]: revision };
}

/** sync.go getNewReplicaSet. */
function getNewReplicaSet(
  s: RolloutState,
  oldRSs: KubeObject[],
  existing: KubeObject | undefined,
  create: boolean,
): KubeObject | undefined {
  const newRevision = Math.max(0, ...oldRSs.map(revisionOf)) + 1;
  const minReady = (s.d.spec?.minReadySeconds as number | undefined) ?? 0;
  if (existing) {
    const annotations = rsAnnotations(s, newRevision, existing.metadata.annotations);
    let rs = existing;
    const rsMinReady = (existing.spec?.minReadySeconds as number | undefined) ?? 0;
    if (!sameJson(annotations, existing.metadata.annotations ?? {}) || rsMinReady !== minReady) {
      rs =
        s.ctx.store.patch("ReplicaSet", existing.metadata.namespace, existing.metadata.name ?? "", (o) => {
          o.metadata.annotations = annotations;
          if (rsMinReady !== minReady) {
            o.spec = { ...o.spec, minReadySeconds: minReady };
            o.metadata.generation = (o.metadata.generation ?? 1) + 1;
          }
        }) ?? existing;
    }
    setDeploymentRevision(s, rs.metadata.annotations?.[REVISION]);
    if (hasDeadline(s.d) && !getCondition(conditionsOf(s.d), "Progressing")) {
      setCond(s, "Progressing", "True", REASON.foundNewRS, `Found new replica set "${rs.metadata.name}"`);
    }
    return rs;
  }
  if (!create) return undefined;

  let collisionCount = s.d.status?.collisionCount as number | undefined;
  for (let attempt = 0; attempt < MAX_COLLISION_RETRIES; attempt++) {
    const hash = computeHash(s.d.spec?.template, collisionCount);
    const template = clone(s.d.spec?.template ?? {});
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash } };
    const selector = clone(s.d.spec?.selector ?? {});
    selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH]: hash };
    const name = `${s.d.metadata.name}-${hash}`;
    const rs: KubeObject = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name,
        namespace: s.d.metadata.namespace ?? "default",
        labels: template.metadata.labels,
        annotations: rsAnnotations(s, newRevision),
        ownerReferences: [controllerRef(s.d)],
      },
      spec: { replicas: 0, minReadySeconds: minReady, selector, template },
    };
    rs.spec.replicas = newRSNewReplicas(s.d, oldRSs, undefined);
    const outcome = s.ctx.api.create(rs, { origin: "controller" });
    if (outcome.ok) {
      const created = outcome.object;
      if (specReplicas(created) > 0) {
        s.ctx.recorder.record(
          s.d,
          "Normal",
          "ScalingReplicaSet",
          `Scaled up replica set ${name} from 0 to ${specReplicas(created)}`,
          DEPLOYMENT_CONTROLLER,
        );
      }
      setDeploymentRevision(s, String(newRevision));
      if (hasDeadline(s.d)) setCond(s, "Progressing", "True", REASON.newRSCreated, `Created new replica set "${name}"`);
      return created;
    }
    if (outcome.reason === "AlreadyExists") {
      const clash = s.ctx.store.get("ReplicaSet", rs.metadata.namespace, name);
      if (clash && controllerOf(clash)?.uid === s.d.metadata.uid && equalIgnoreHash(clash.spec?.template, template)) {
        return clash;
      }
      collisionCount = (collisionCount ?? 0) + 1;
      s.d.status = { ...s.d.status, collisionCount };
      continue;
    }
    const msg = `Failed to create new replica set "${name}": ${statusMessage(outcome)}`;
    s.ctx.recorder.record(s.d, "Warning", REASON.failedRSCreate, msg, DEPLOYMENT_CONTROLLER);
    if (hasDeadline(s.d)) setCond(s, "Progressing", "False", REASON.failedRSCreate, msg);
    return undefined;
  }
  return undefined;
}

/** sync.go cleanupDeployment: delete the oldest idle ReplicaSets beyond revisionHistoryLimit. */
function cleanup(s: RolloutState, oldRSs: KubeObject[]): void {
  const limit = (s.d.spec?.revisionHistoryLimit as number | undefined) ?? 10;
  const idle = oldRSs
    .map((rs) => fresh(s, rs))
    .filter((rs) => specReplicas(rs) === 0 && ((rs.status?.replicas as number) ?? 0) === 0);
  const diff = idle.length - limit;
  if (diff <= 0) return;
  idle.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  for (const rs of idle.slice(0, diff)) {
    if ((rs.metadata.generation ?? 1) > ((rs.status?.observedGeneration as number) ?? 0)) continue;
    s.ctx.api.delete("ReplicaSet", rs.metadata.namespace, rs.metadata.name ?? "");
  }
}

/** sync.go checkPausedConditions. */
function checkPaused(s: RolloutState): void {
  if (!hasDeadline(s.d)) return;
  const cond = getCondition(conditionsOf(s.d), "Progressing");
  if (cond?.reason === REASON.timedOut) return;
  const pausedExists = cond?.reason === REASON.paused;
  if (s.d.spec?.paused && !pausedExists) setCond(s, "Progressing", "Unknown", REASON.paused, "Deployment is paused");
  else if (!s.d.spec?.paused && pausedExists) {
    setCond(s, "Progressing", "Unknown", REASON.resumed, "Deployment is resumed");
  }
}

function isScalingEvent(s: RolloutState): boolean {
  const { newRS, oldRSs } = getAll(s, false);
  for (const rs of activeReplicaSets([...oldRSs, newRS])) {
    const desired = Number.parseInt(rs.metadata.annotations?.[DESIRED_REPLICAS] ?? "", 10);
    if (Number.isFinite(desired) && desired !== specReplicas(s.d)) return true;
  }
  return false;
}

function syncScaling(s: RolloutState): ReconcileResult | undefined {
  const { newRS, oldRSs } = getAll(s, false);
  scaleDeployment(s, newRS, oldRSs);
  if (s.d.spec?.paused) cleanup(s, oldRSs);
  const olds = oldRSs.map((rs) => fresh(s, rs));
  const n = newRS ? fresh(s, newRS) : undefined;
  return writeStatus(s, n ? [...olds, n] : olds, n, false);
}

function rolloutRolling(s: RolloutState): ReconcileResult | undefined {
  const { newRS, oldRSs } = getAll(s, true);
  const all = () => [...oldRSs.map((rs) => fresh(s, rs)), ...(newRS ? [fresh(s, newRS)] : [])];
  const current = () => (newRS ? fresh(s, newRS) : undefined);
  if (newRS && reconcileNewReplicaSet(s, all(), newRS)) return writeStatus(s, all(), current(), true);
  const olds = oldRSs.map((rs) => fresh(s, rs));
  if (reconcileOldReplicaSets(s, all(), activeReplicaSets(olds), current())) {
    return writeStatus(s, all(), current(), true);
  }
  if (deploymentComplete(s.d, s.d.status ?? {})) cleanup(s, oldRSs);
  return writeStatus(s, all(), current(), true);
}

function rolloutRecreate(s: RolloutState): ReconcileResult | undefined {
  let { newRS, oldRSs } = getAll(s, false);
  const all = () => [...oldRSs.map((rs) => fresh(s, rs)), ...(newRS ? [fresh(s, newRS)] : [])];
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) {
    scaleReplicaSet(s, rs, 0);
    scaledDown = true;
  }
  if (
    scaledDown ||
    oldPodsRunning(
      s,
      oldRSs.map((rs) => fresh(s, rs)),
    )
  ) {
    return writeStatus(s, all(), newRS ? fresh(s, newRS) : undefined, true);
  }
  if (!newRS) ({ newRS, oldRSs } = getAll(s, true));
  if (newRS && specReplicas(newRS) !== specReplicas(s.d)) newRS = scaleReplicaSet(s, newRS, specReplicas(s.d));
  if (deploymentComplete(s.d, s.d.status ?? {})) cleanup(s, oldRSs);
  return writeStatus(s, all(), newRS ? fresh(s, newRS) : undefined, true);
}

function syncDeployment(key: string, ctx: ControllerContext): ReconcileResult | undefined {
  const i = key.indexOf("/");
  const stored = ctx.store.get("Deployment", key.slice(0, i), key.slice(i + 1));
  if (!stored || stored.metadata.deletionTimestamp) return undefined;
  // The sync changes only the copy's status and annotations; the spec is shared with the store's
  // (never changed in place), so per-template verdicts such as equalIgnoreHash's carry over.
  const d: KubeObject = { ...stored, metadata: { ...stored.metadata } };
  if (stored.status !== undefined) d.status = clone(stored.status);
  const s: RolloutState = { ctx, d };
  checkPaused(s);
  if (s.d.spec?.paused || isScalingEvent(s)) return syncScaling(s);
  if (s.d.spec?.strategy?.type === "Recreate") return rolloutRecreate(s);
  return rolloutRolling(s);
}
