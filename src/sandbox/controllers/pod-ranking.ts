/**
 * Which pods a ReplicaSet deletes first when it has too many: upstream's ActivePodsWithRanks
 * ordering (pkg/controller/controller_utils.go ActivePodsWithRanks.Less, with the
 * LogarithmicScaleDown and PodDeletionCost feature gates on, as they are by default), ranked by
 * related pods on the same node (pkg/controller/replicaset/replica_set.go
 * getPodsRankedByRelatedPodsOnSameNode).
 */
import type { KubeObject } from "../model/object.js";
import { isPodActive, isPodReady, maxContainerRestarts, podPhase, readySince, secondsOf } from "./pod-util.js";

/** controller_utils.go podPhaseToOrdinal: Pending < Unknown < Running. */
const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** Annotation that orders deletion (pkg/apis/core/helper GetDeletionCostFromPodAnnotations). */
export const POD_DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

interface Ranked {
  pod: KubeObject;
  rank: number;
}

function deletionCost(pod: KubeObject): number {
  const v = Number.parseInt(pod.metadata.annotations?.[POD_DELETION_COST] ?? "0", 10);
  return Number.isFinite(v) ? v : 0;
}

/** controller_utils.go logarithmicRankDiff: floor(log2(age in nanoseconds)) compared. */
function logRank(t: number, now: number): number {
  const d = (now - t) * 1e9;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

function uidLess(a: KubeObject, b: KubeObject): boolean {
  return (a.metadata.uid ?? "") < (b.metadata.uid ?? "");
}

/** True if `a` should be deleted before `b`. */
function less(a: Ranked, b: Ranked, now: number): boolean {
  const pa = a.pod;
  const pb = b.pod;
  const na = (pa.spec?.nodeName as string | undefined) ?? "";
  const nb = (pb.spec?.nodeName as string | undefined) ?? "";
  // 1. Unassigned < assigned.
  if (na !== nb && (na === "" || nb === "")) return na === "";
  // 2. Pending < Unknown < Running.
  const oa = PHASE_ORDINAL[podPhase(pa)] ?? 0;
  const ob = PHASE_ORDINAL[podPhase(pb)] ?? 0;
  if (oa !== ob) return oa < ob;
  // 3. Not ready < ready.
  const ra = isPodReady(pa);
  const rb = isPodReady(pb);
  if (ra !== rb) return !ra;
  // 4. Lower pod-deletion-cost first.
  const ca = deletionCost(pa);
  const cb = deletionCost(pb);
  if (ca !== cb) return ca < cb;
  // 5. Doubled up (more related pods on the same node) first.
  if (a.rank !== b.rank) return a.rank > b.rank;
  // 6. Ready for a shorter time first (log-scaled), ties by UID.
  if (ra && rb) {
    const ta = readySince(pa) ?? 0;
    const tb = readySince(pb) ?? 0;
    if (ta !== tb) {
      const diff = logRank(ta, now) - logRank(tb, now);
      if (diff === 0) return uidLess(pa, pb);
      return diff < 0;
    }
  }
  // 7. More container restarts first.
  const xa = maxContainerRestarts(pa);
  const xb = maxContainerRestarts(pb);
  if (xa !== xb) return xa > xb;
  // 8. Newer first (log-scaled), ties by UID.
  const ka = secondsOf(pa.metadata.creationTimestamp) ?? 0;
  const kb = secondsOf(pb.metadata.creationTimestamp) ?? 0;
  if (ka !== kb) {
    const diff = logRank(ka, now) - logRank(kb, now);
    if (diff === 0) return uidLess(pa, pb);
    return diff < 0;
  }
  return false;
}

/**
 * `pods` ordered deletion-first. `related` are the active pods of the owner and its siblings
 * (same Deployment), counted per node for rule 5.
 */
export function rankPodsForDeletion(pods: KubeObject[], related: KubeObject[], now: number): KubeObject[] {
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const node = (p.spec?.nodeName as string | undefined) ?? "";
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  const ranked: Ranked[] = pods.map((pod) => ({
    pod,
    rank: onNode.get((pod.spec?.nodeName as string | undefined) ?? "") ?? 0,
  }));
  ranked.sort((a, b) => (less(a, b, now) ? -1 : less(b, a, now) ? 1 : 0));
  return ranked.map((r) => r.pod);
}
