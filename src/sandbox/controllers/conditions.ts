/**
 * Status conditions as controllers write them: a condition keeps its lastTransitionTime while
 * its status does not change (pkg/controller/deployment/util/deployment_util.go SetDeploymentCondition;
 * the same rule for ReplicaSet, Job and PodDisruptionBudget conditions).
 */
import { timestampAt } from "../api/server.js";

/** A status condition in its stored shape. */
export interface StatusCondition {
  type: string;
  status: "True" | "False" | "Unknown";
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  lastProbeTime?: string;
  observedGeneration?: number;
}

/** The condition of a type, if present. */
export function getCondition(conditions: StatusCondition[] | undefined, type: string): StatusCondition | undefined {
  return conditions?.find((c) => c.type === type);
}

/**
 * Returns `conditions` with `next` set: lastTransitionTime moves only when the status changes;
 * `stamp` lists the extra time fields the kind carries (Deployment: lastUpdateTime; Job: lastProbeTime).
 */
export function setCondition(
  conditions: StatusCondition[] | undefined,
  next: Omit<StatusCondition, "lastTransitionTime" | "lastUpdateTime" | "lastProbeTime">,
  now: number,
  stamp: readonly ("lastUpdateTime" | "lastProbeTime")[] = [],
): StatusCondition[] {
  const list = [...(conditions ?? [])];
  const at = timestampAt(now);
  const i = list.findIndex((c) => c.type === next.type);
  const prev = i >= 0 ? list[i] : undefined;
  const cond: StatusCondition = { ...next };
  for (const field of stamp) cond[field] = at;
  cond.lastTransitionTime = prev && prev.status === next.status ? prev.lastTransitionTime : at;
  if (i >= 0) list[i] = cond;
  else list.push(cond);
  return list;
}

/** Returns `conditions` without the condition of `type`. */
export function removeCondition(conditions: StatusCondition[] | undefined, type: string): StatusCondition[] {
  return (conditions ?? []).filter((c) => c.type !== type);
}
