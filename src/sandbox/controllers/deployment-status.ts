/**
 * Deployment status (pkg/controller/deployment/sync.go calculateStatus and syncDeploymentStatus;
 * progress.go syncRolloutStatus and requeueStuckDeployment): replica counts and the Available,
 * Progressing and ReplicaFailure conditions, with the progress deadline.
 */
import type { ReconcileResult } from "../engine/controller.js";
import type { KubeObject } from "../model/object.js";
import { sameJson } from "../model/same-json.js";
import { getCondition, type StatusCondition } from "./conditions.js";
import type { RolloutState } from "./deployment-rollout.js";
import {
  maxUnavailable,
  progressDeadline,
  REASON,
  setDeploymentCondition,
  sumSpecReplicas,
  sumStatus,
} from "./deployment-util.js";
import { secondsOf } from "./pod-util.js";
import { specReplicas } from "./replicaset.js";

function conditionsOf(d: KubeObject): StatusCondition[] | undefined {
  return d.status?.conditions as StatusCondition[] | undefined;
}

/** sync.go calculateStatus, with the Available condition. */
function calculateStatus(
  s: RolloutState,
  allRSs: KubeObject[],
  newRS: KubeObject | undefined,
): Record<string, unknown> {
  const available = sumStatus(allRSs, "availableReplicas");
  const status: Record<string, unknown> = {
    observedGeneration: s.d.metadata.generation ?? 1,
    replicas: sumStatus(allRSs, "replicas"),
    updatedReplicas: newRS ? sumStatus([newRS], "replicas") : 0,
    readyReplicas: sumStatus(allRSs, "readyReplicas"),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sumSpecReplicas(allRSs) - available),
  };
  if (s.d.status?.collisionCount !== undefined) status.collisionCount = s.d.status.collisionCount;
  const enough = available >= specReplicas(s.d) - maxUnavailable(s.d);
  status.conditions = setDeploymentCondition(
    conditionsOf(s.d),
    enough
      ? {
          type: "Available",
          status: "True",
          reason: REASON.minAvailable,
          message: "Deployment has minimum availability.",
        }
      : {
          type: "Available",
          status: "False",
          reason: REASON.minUnavailable,
          message: "Deployment does not have minimum availability.",
        },
    s.ctx.clock.now,
  );
  return status;
}

/** The conditions without one type; the same list when it has none of that type (nothing to copy). */
function withoutCondition(conditions: StatusCondition[], type: string): StatusCondition[] {
  return conditions.some((c) => c.type === type) ? conditions.filter((c) => c.type !== type) : conditions;
}

/** A Deployment status under construction. */
export type Status = Record<string, any>;

/** deployment_util.go DeploymentComplete. */
export function deploymentComplete(d: KubeObject, st: Status): boolean {
  const r = specReplicas(d);
  return (
    st.updatedReplicas === r &&
    st.replicas === r &&
    st.availableReplicas === r &&
    (st.observedGeneration ?? 0) >= (d.metadata.generation ?? 1)
  );
}

/** deployment_util.go DeploymentProgressing. */
function deploymentProgressing(d: KubeObject, st: Status): boolean {
  const old: Status = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (st.replicas ?? 0) - (st.updatedReplicas ?? 0);
  return (
    (st.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (st.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (st.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** deployment_util.go DeploymentTimedOut. */
function deploymentTimedOut(d: KubeObject, st: Status, now: number): boolean {
  const deadline = progressDeadline(d);
  const cond = getCondition(st.conditions, "Progressing");
  if (deadline === undefined || !cond) return false;
  if (cond.reason === REASON.newRSAvailable) return false;
  if (cond.reason === REASON.timedOut) return true;
  return (secondsOf(cond.lastUpdateTime) ?? 0) + deadline < now;
}

/** The RS's ReplicaFailure condition as a Deployment condition (sync.go getReplicaFailures). */
function replicaFailure(allRSs: KubeObject[], newRS: KubeObject | undefined): StatusCondition | undefined {
  for (const rs of newRS ? [newRS, ...allRSs] : allRSs) {
    const c = getCondition(rs.status?.conditions, "ReplicaFailure");
    if (c) return { ...c, lastUpdateTime: c.lastTransitionTime };
  }
  return undefined;
}

/** progress.go syncRolloutStatus (with `withProgress`), or sync.go syncDeploymentStatus without. */
export function writeStatus(
  s: RolloutState,
  allRSs: KubeObject[],
  newRS: KubeObject | undefined,
  withProgress: boolean,
): ReconcileResult | undefined {
  const now = s.ctx.clock.now;
  const st: Status = calculateStatus(s, allRSs, newRS);
  const deadline = progressDeadline(s.d);
  if (withProgress) {
    if (deadline === undefined) st.conditions = withoutCondition(st.conditions, "Progressing");
    const cur = getCondition(conditionsOf(s.d), "Progressing");
    const complete = st.replicas === st.updatedReplicas && cur?.reason === REASON.newRSAvailable;
    const what = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${s.d.metadata.name}"`;
    if (deadline !== undefined && !complete) {
      const set = (status: StatusCondition["status"], reason: string, message: string) => {
        st.conditions = setDeploymentCondition(st.conditions, { type: "Progressing", status, reason, message }, now);
      };
      if (deploymentComplete(s.d, st)) {
        set("True", REASON.newRSAvailable, `${what} has successfully progressed.`);
      } else if (deploymentProgressing(s.d, st)) {
        // progress.go: progress refreshes lastUpdateTime even when the reason is unchanged.
        const prev = getCondition(st.conditions, "Progressing");
        st.conditions = (st.conditions as StatusCondition[]).filter((c) => c.type !== "Progressing");
        set("True", REASON.rsUpdated, `${what} is progressing.`);
        const made = getCondition(st.conditions, "Progressing");
        if (made && prev?.status === "True") made.lastTransitionTime = prev.lastTransitionTime;
      } else if (deploymentTimedOut(s.d, st, now)) {
        set("False", REASON.timedOut, `${what} has timed out progressing.`);
      }
    }
  }
  const failure = replicaFailure(allRSs, newRS);
  if (failure) {
    st.conditions = setDeploymentCondition(
      st.conditions,
      { type: "ReplicaFailure", status: failure.status, reason: failure.reason ?? "", message: failure.message ?? "" },
      now,
    );
  } else {
    st.conditions = withoutCondition(st.conditions, "ReplicaFailure");
  }
  const stored = s.ctx.store.get("Deployment", s.d.metadata.namespace, s.d.metadata.name ?? "");
  if (!stored) return undefined;
  const annotations = s.d.metadata.annotations;
  const sameAnnotations =
    annotations === stored.metadata.annotations || sameJson(annotations ?? {}, stored.metadata.annotations ?? {});
  if (sameAnnotations && sameJson(st, stored.status ?? {})) {
    return withProgress ? requeueStuck(s.d, st, now) : undefined;
  }
  // A copy-on-write update, as ObjectStore.replaceStatus makes: only status and annotations change.
  const next: KubeObject = { ...stored, metadata: { ...stored.metadata }, status: st };
  if (annotations) next.metadata.annotations = annotations;
  s.ctx.store.update(next);
  return undefined;
}

/** progress.go requeueStuckDeployment: look again just after the progress deadline. */
function requeueStuck(d: KubeObject, st: Status, now: number): ReconcileResult | undefined {
  const deadline = progressDeadline(d);
  const cond = getCondition(st.conditions, "Progressing");
  if (deadline === undefined || !cond || deploymentComplete(d, st) || cond.reason === REASON.timedOut) return undefined;
  const after = (secondsOf(cond.lastUpdateTime) ?? now) + deadline - now;
  return { requeueAfter: after < 1 ? 1 : after + 1 };
}
