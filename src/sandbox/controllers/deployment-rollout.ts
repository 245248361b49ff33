/**
 * The Deployment controller's scaling arithmetic: RollingUpdate steps
 * (pkg/controller/deployment/rolling.go), Recreate steps (recreate.go) and proportional scaling
 * of several active ReplicaSets (sync.go scale). Every ReplicaSet resize goes through
 * `scaleReplicaSet`, which records the upstream `ScalingReplicaSet` event.
 */
import type { ControllerContext } from "../engine/controller.js";
import type { KubeObject } from "../model/object.js";
import {
  byCreation,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  maxSurge,
  maxUnavailable,
  sumSpecReplicas,
} from "./deployment-util.js";
import { controlledBy } from "./owner-index.js";
import { podPhase } from "./pod-util.js";
import { specReplicas } from "./replicaset.js";

/** Event source of the Deployment controller. */
export const DEPLOYMENT_CONTROLLER = "deployment-controller";

/** What one Deployment sync works on. */
export interface RolloutState {
  ctx: ControllerContext;
  /** The Deployment (a working copy whose status the sync builds up). */
  d: KubeObject;
}

/** ReplicaSets with `spec.replicas > 0` (deployment_util.go FilterActiveReplicaSets). */
export function activeReplicaSets(rss: (KubeObject | undefined)[]): KubeObject[] {
  return rss.filter((rs): rs is KubeObject => rs !== undefined && specReplicas(rs) > 0);
}

/**
 * Resizes a ReplicaSet and refreshes its replica annotations (sync.go scaleReplicaSet); records
 * `Scaled up|down replica set <rs> from <old> to <new>`. Returns the stored ReplicaSet.
 */
export function scaleReplicaSet(s: RolloutState, rs: KubeObject, newScale: number): KubeObject {
  const old = specReplicas(rs);
  const desired = String(specReplicas(s.d));
  const max = String(specReplicas(s.d) + maxSurge(s.d));
  const ann = rs.metadata.annotations ?? {};
  if (old === newScale && ann[DESIRED_REPLICAS] === desired && ann[MAX_REPLICAS] === max) return rs;
  const updated = s.ctx.store.patch("ReplicaSet", rs.metadata.namespace, rs.metadata.name ?? "", (o) => {
    o.spec = { ...o.spec, replicas: newScale };
    o.metadata.annotations = { ...o.metadata.annotations, [DESIRED_REPLICAS]: desired, [MAX_REPLICAS]: max };
    if (old !== newScale) o.metadata.generation = (o.metadata.generation ?? 1) + 1;
  });
  if (old !== newScale) {
    const op = old < newScale ? "up" : "down";
    s.ctx.recorder.record(
      s.d,
      "Normal",
      "ScalingReplicaSet",
      `Scaled ${op} replica set ${rs.metadata.name} from ${old} to ${newScale}`,
      DEPLOYMENT_CONTROLLER,
    );
  }
  return updated ?? rs;
}

/**
 * How many replicas the new ReplicaSet should have now (deployment_util.go NewRSNewReplicas):
 * RollingUpdate adds up to `replicas + maxSurge − Σ spec.replicas`; Recreate takes all at once.
 */
export function newRSNewReplicas(d: KubeObject, allRSs: KubeObject[], newRS: KubeObject | undefined): number {
  const replicas = specReplicas(d);
  const current = newRS ? specReplicas(newRS) : 0;
  if ((d.spec?.strategy?.type ?? "RollingUpdate") !== "RollingUpdate") return replicas;
  const maxTotal = replicas + maxSurge(d);
  const total = sumSpecReplicas(allRSs);
  if (total >= maxTotal) return current;
  return current + Math.min(maxTotal - total, replicas - current);
}

/** rolling.go reconcileNewReplicaSet. Returns whether it scaled. */
export function reconcileNewReplicaSet(s: RolloutState, allRSs: KubeObject[], newRS: KubeObject): boolean {
  const replicas = specReplicas(s.d);
  const current = specReplicas(newRS);
  if (current === replicas) return false;
  const next = current > replicas ? replicas : newRSNewReplicas(s.d, allRSs, newRS);
  if (next === current) return false;
  scaleReplicaSet(s, newRS, next);
  return true;
}

/** rolling.go reconcileOldReplicaSets: unhealthy old pods go first, then old RSes shrink to keep minAvailable. */
export function reconcileOldReplicaSets(
  s: RolloutState,
  allRSs: KubeObject[],
  oldRSs: KubeObject[],
  newRS: KubeObject | undefined,
): boolean {
  if (sumSpecReplicas(oldRSs) === 0) return false;
  const minAvailable = specReplicas(s.d) - maxUnavailable(s.d);
  const newUnavailable = newRS ? specReplicas(newRS) - ((newRS.status?.availableReplicas as number) ?? 0) : 0;
  const maxScaledDown = sumSpecReplicas(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;

  // cleanupUnhealthyReplicas: oldest first, remove old pods that are not available.
  let cleaned = 0;
  const olds = [...oldRSs].sort(byCreation).map((rs) => {
    if (cleaned >= maxScaledDown) return rs;
    const spec = specReplicas(rs);
    const unhealthy = spec - ((rs.status?.availableReplicas as number) ?? 0);
    if (spec === 0 || unhealthy <= 0) return rs;
    const count = Math.min(maxScaledDown - cleaned, unhealthy);
    cleaned += count;
    return scaleReplicaSet(s, rs, spec - count);
  });

  // scaleDownOldReplicaSetsForRollingUpdate: keep at least minAvailable available pods.
  const all = [...olds, ...(newRS ? [newRS] : [])];
  const available = all.reduce((n, rs) => n + ((rs.status?.availableReplicas as number) ?? 0), 0);
  let scaled = 0;
  if (available > minAvailable) {
    const total = available - minAvailable;
    for (const rs of olds.sort(byCreation)) {
      if (scaled >= total) break;
      const spec = specReplicas(rs);
      if (spec === 0) continue;
      const count = Math.min(spec, total - scaled);
      scaleReplicaSet(s, rs, spec - count);
      scaled += count;
    }
  }
  return cleaned + scaled > 0;
}

/** recreate.go oldPodsRunning: any pod of an old ReplicaSet that has not finished, terminating or not. */
export function oldPodsRunning(s: RolloutState, oldRSs: KubeObject[]): boolean {
  if (oldRSs.some((rs) => ((rs.status?.replicas as number) ?? 0) > 0)) return true;
  for (const rs of oldRSs) {
    for (const pod of controlledBy(s.ctx.store, "Pod", rs.metadata.uid ?? "")) {
      const phase = podPhase(pod);
      if (phase !== "Failed" && phase !== "Succeeded") return true;
    }
  }
  return false;
}

/** sync.go FindActiveOrLatest: the only active RS, or the newest when none is active. */
function findActiveOrLatest(newRS: KubeObject | undefined, oldRSs: KubeObject[]): KubeObject | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestOld = [...oldRSs].sort(byCreation).reverse();
  const active = activeReplicaSets([...newestOld, newRS]);
  if (active.length === 0) return newRS ?? newestOld[0];
  return active.length === 1 ? active[0] : undefined;
}

function maxReplicasAnnotation(rs: KubeObject): number | undefined {
  const v = Number.parseInt(rs.metadata.annotations?.[MAX_REPLICAS] ?? "", 10);
  return Number.isFinite(v) ? v : undefined;
}

/** deployment_util.go getReplicaSetFraction. */
function fraction(rs: KubeObject, d: KubeObject): number {
  if (specReplicas(d) === 0) return -specReplicas(rs);
  const deploymentReplicas = specReplicas(d) + maxSurge(d);
  const annotated = maxReplicasAnnotation(rs) ?? (d.status?.replicas as number) ?? 0;
  if (annotated === 0) return 0;
  return Math.round((specReplicas(rs) * deploymentReplicas) / annotated) - specReplicas(rs);
}

/** sync.go scale: one active RS takes the full count; otherwise proportional scaling (RollingUpdate). */
export function scaleDeployment(s: RolloutState, newRS: KubeObject | undefined, oldRSs: KubeObject[]): void {
  const replicas = specReplicas(s.d);
  const only = findActiveOrLatest(newRS, oldRSs);
  if (only) {
    if (specReplicas(only) !== replicas) scaleReplicaSet(s, only, replicas);
    return;
  }
  if (
    newRS &&
    specReplicas(newRS) === replicas &&
    newRS.metadata.annotations?.[DESIRED_REPLICAS] === String(replicas) &&
    ((newRS.status?.availableReplicas as number) ?? 0) === replicas
  ) {
    for (const rs of activeReplicaSets(oldRSs)) scaleReplicaSet(s, rs, 0);
    return;
  }
  if ((s.d.spec?.strategy?.type ?? "RollingUpdate") !== "RollingUpdate") return;
  const all = activeReplicaSets([...oldRSs, newRS]);
  const allowed = replicas > 0 ? replicas + maxSurge(s.d) : 0;
  const toAdd = allowed - sumSpecReplicas(all);
  // ReplicaSetsBySizeNewer when adding, ReplicaSetsBySizeOlder when removing: larger first.
  all.sort((a, b) => {
    const diff = specReplicas(b) - specReplicas(a);
    if (diff !== 0) return diff;
    return toAdd > 0 ? byCreation(b, a) : byCreation(a, b);
  });
  let added = 0;
  const sizes = all.map((rs) => {
    if (toAdd === 0 || specReplicas(rs) === 0 || toAdd === added) return specReplicas(rs);
    const allowedLeft = toAdd - added;
    const f = fraction(rs, s.d);
    const proportion = toAdd > 0 ? Math.min(f, allowedLeft) : Math.max(f, allowedLeft);
    added += proportion;
    return specReplicas(rs) + proportion;
  });
  all.forEach((rs, i) => {
    let size = sizes[i] ?? 0;
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
    scaleReplicaSet(s, rs, size);
  });
}
