/**
 * One sync's picture of a Job and its pods (job_controller.go syncJob's syncJobCtx): active and
 * terminating pods from the store; succeeded and failed pods from the store plus the ones that
 * left it (job-tracking.ts); failures that count against backoffLimit; completed and failed
 * indexes; the first FailJob verdict of the pod failure policy.
 */
import type { ControllerContext } from "../engine/controller.js";
import type { KubeObject } from "../model/object.js";
import { indexFailureCount } from "./job-backoff.js";
import { completionIndex, type Interval, indexesIn, intervalsOf, parseIntervals } from "./job-indexes.js";
import { matchPodFailurePolicy } from "./job-pod-failure-policy.js";
import type { JobPodTracker } from "./job-tracking.js";
import { controlledBy } from "./owner-index.js";
import { isPodActive, isPodTerminating, podPhase, secondsOf } from "./pod-util.js";

/** The Job and its pods as one sync sees them. */
export interface JobView {
  job: KubeObject;
  indexed: boolean;
  /** spec.completions, or null for a work-queue Job (parallelism without completions). */
  completions: number | null;
  parallelism: number;
  suspended: boolean;
  /** podReplacementPolicy Failed (forced by a podFailurePolicy): terminating pods are not replaced yet. */
  onlyReplaceFailed: boolean;
  active: KubeObject[];
  terminating: KubeObject[];
  succeeded: KubeObject[];
  /** Pods that count as failed (isPodFailed), Ignored ones included. */
  failed: KubeObject[];
  /** Failed pods not matched by an Ignore rule: what backoffLimit and status.failed count. */
  countedFailures: number;
  /** status.succeeded: succeeded pods, or succeeded indexes for an Indexed Job. */
  succeededCount: number;
  succeededIndexes: Interval[];
  succeededIndexList: number[];
  /** Failed indexes when backoffLimitPerIndex is set, else undefined. */
  failedIndexes: Interval[] | undefined;
  failedIndexList: number[];
  /** The message of the first failed pod that matches a FailJob rule. */
  failJobMessage: string | undefined;
}

function byCreation(a: KubeObject, b: KubeObject): number {
  const ta = secondsOf(a.metadata.creationTimestamp) ?? 0;
  const tb = secondsOf(b.metadata.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  return (a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1;
}

/**
 * job_controller.go isPodFailed: phase Failed; or, unless only failed pods are replaced, being
 * deleted before succeeding. A pod that left the store without succeeding failed (the pod GC
 * marks such pods Failed before they go).
 */
function isPodFailed(pod: KubeObject, onlyReplaceFailed: boolean, gone: boolean): boolean {
  const phase = podPhase(pod);
  if (phase === "Failed") return true;
  if (phase === "Succeeded") return false;
  if (gone) return true;
  return !onlyReplaceFailed && Boolean(pod.metadata.deletionTimestamp);
}

/** Builds the view of `job` (whose status may be newer than the stored one). */
export function jobView(ctx: ControllerContext, tracker: JobPodTracker, job: KubeObject): JobView {
  const uid = job.metadata.uid ?? "";
  const spec = job.spec ?? {};
  const indexed = spec.completionMode === "Indexed";
  const completions: number | null =
    typeof spec.completions === "number" ? spec.completions : spec.parallelism === undefined ? 1 : null;
  const policy = spec.podFailurePolicy;
  const onlyReplaceFailed = spec.podReplacementPolicy === "Failed" || policy !== undefined;
  const inStore = controlledBy(ctx.store, "Pod", uid);
  const live = inStore.filter((p) => !tracker.isUncounted(uid, p));
  const gone = new Set(tracker.gonePods(uid));
  const all = [...live, ...gone].sort(byCreation);
  const validIndex = (p: KubeObject) => {
    if (!indexed) return true;
    const ix = completionIndex(p);
    return ix !== undefined && ix < (completions ?? 0);
  };

  const succeeded: KubeObject[] = [];
  const failed: KubeObject[] = [];
  let countedFailures = 0;
  let failJobMessage: string | undefined;
  const failedIdx: number[] = [];
  const perIndexLimit =
    indexed && typeof spec.backoffLimitPerIndex === "number" ? spec.backoffLimitPerIndex : undefined;
  for (const p of all) {
    if (!validIndex(p)) continue;
    if (podPhase(p) === "Succeeded") {
      succeeded.push(p);
      continue;
    }
    const atFinish = tracker.failedAtFinishState(uid, p);
    const pod = atFinish ?? p;
    if (!atFinish && !isPodFailed(p, onlyReplaceFailed, gone.has(p))) continue;
    failed.push(pod);
    const match = matchPodFailurePolicy(policy, pod);
    if (match.countFailed) countedFailures++;
    if (failJobMessage === undefined && match.failJobMessage !== undefined) failJobMessage = match.failJobMessage;
    // indexed_job_utils.go isIndexFailed.
    const ix = completionIndex(pod);
    if (perIndexLimit !== undefined && ix !== undefined) {
      if (match.action === "FailIndex" || (match.countFailed && indexFailureCount(pod) >= perIndexLimit)) {
        failedIdx.push(ix);
      }
    }
  }

  // calculateSucceededIndexes / calculateFailedIndexes: what status already holds, plus new ones.
  const n = completions ?? 0;
  const succeededIndexList = indexed
    ? [
        ...new Set([
          ...indexesIn(parseIntervals(job.status?.completedIndexes, n)),
          ...succeeded.map((p) => completionIndex(p) as number),
        ]),
      ]
    : [];
  const failedIndexList =
    perIndexLimit !== undefined
      ? [...new Set([...indexesIn(parseIntervals(job.status?.failedIndexes, n)), ...failedIdx])]
      : [];
  const succeededIndexes = intervalsOf(succeededIndexList);
  return {
    job,
    indexed,
    completions,
    parallelism: typeof spec.parallelism === "number" ? spec.parallelism : 1,
    suspended: spec.suspend === true,
    onlyReplaceFailed,
    active: live.filter(isPodActive),
    // controller.CountTerminatingPods counts every terminating pod, uncounted ones included.
    terminating: inStore.filter(isPodTerminating),
    succeeded,
    failed,
    countedFailures,
    succeededCount: indexed ? succeededIndexList.length : succeeded.length,
    succeededIndexes,
    succeededIndexList,
    failedIndexes: perIndexLimit !== undefined ? intervalsOf(failedIndexList) : undefined,
    failedIndexList,
    failJobMessage,
  };
}
