/**
 * The Job controller (pkg/controller/job/job_controller.go syncJob, 1.34 with its default feature
 * gates): runs `parallelism` pods until `completions` succeed (NonIndexed or Indexed), delays new
 * pods after failures, and finishes the Job in two steps: an interim condition (FailureTarget or
 * SuccessCriteriaMet) while its remaining pods terminate, then Failed or Complete with the same
 * reason and message, and the upstream event. Failure comes from `podFailurePolicy` (FailJob),
 * `backoffLimit`, `activeDeadlineSeconds`, or per-index limits (`backoffLimitPerIndex`,
 * `maxFailedIndexes`); early success from `successPolicy`. `podReplacementPolicy` decides whether
 * a terminating pod is already replaced (TerminatingOrFailed) or only once it has failed (Failed).
 */

import { timestampAt } from "../api/server.js";
import type { WatchEvent } from "../api/store.js";
import type { Controller, ControllerContext, ReconcileResult } from "../engine/controller.js";
import { controllerOf, type KubeObject } from "../model/object.js";
import { sameJson } from "../model/same-json.js";
import { getCondition, type StatusCondition, setCondition } from "./conditions.js";
import {
  finishedTime,
  globalBackoffRemaining,
  indexAbsoluteFailureCount,
  indexBackoffRemaining,
  indexFailureAnnotations,
} from "./job-backoff.js";
import { COMPLETION_INDEX, completionIndex, formatIntervals, total } from "./job-indexes.js";
import { matchPodFailurePolicy } from "./job-pod-failure-policy.js";
import { matchSuccessPolicy, SUCCESS_POLICY_REASON } from "./job-success-policy.js";
import { JobPodTracker } from "./job-tracking.js";
import { jobFinished } from "./job-util.js";
import { type JobView, jobView } from "./job-view.js";
import { createPod, deletePod, podBudget, podFromTemplate, slowStartBatch } from "./pod-control.js";
import { isPodReady, secondsOf, totalContainerRestarts } from "./pod-util.js";

const SOURCE = "job-controller";
/** job_controller.go MaxPodCreateDeletePerSync. */
const MAX_PODS_PER_SYNC = 500;
/** Labels of Job pods (pkg/apis/batch/types.go). */
export const JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
export const CONTROLLER_UID_LABEL = "batch.kubernetes.io/controller-uid";

/** Condition reasons and messages (job_controller.go syncJob, pkg/apis/batch JobReason*). */
export const JOB_TEXT = {
  backoffReason: "BackoffLimitExceeded",
  backoffMessage: "Job has reached the specified backoff limit",
  deadlineReason: "DeadlineExceeded",
  deadlineMessage: "Job was active longer than specified deadline",
  completionsReason: "CompletionsReached",
  completionsMessage: "Reached expected number of succeeded pods",
  podFailurePolicyReason: "PodFailurePolicy",
  maxFailedIndexesReason: "MaxFailedIndexesExceeded",
  maxFailedIndexesMessage: "Job has exceeded the specified maximal number of failed indexes",
  failedIndexesReason: "FailedIndexes",
  failedIndexesMessage: "Job has failed indexes",
} as const;

interface Finish {
  /** The interim condition type. */
  type: "FailureTarget" | "SuccessCriteriaMet";
  reason: string;
  message: string;
}

/** job_controller.go pastBackoffLimitOnFailure: container restarts of running pods (OnFailure only). */
function pastBackoffLimitOnFailure(v: JobView, limit: number): boolean {
  if (v.job.spec?.template?.spec?.restartPolicy !== "OnFailure") return false;
  const restarts = v.active.reduce((n, p) => n + totalContainerRestarts(p), 0);
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** syncJob's failure checks in upstream order; undefined while the Job may go on. */
function failure(v: JobView, now: number): Finish | undefined {
  const target = getCondition(v.job.status?.conditions, "FailureTarget");
  if (target?.status === "True")
    return { type: "FailureTarget", reason: target.reason ?? "", message: target.message ?? "" };
  if (v.failJobMessage !== undefined) {
    return { type: "FailureTarget", reason: JOB_TEXT.podFailurePolicyReason, message: v.failJobMessage };
  }
  const limit = typeof v.job.spec?.backoffLimit === "number" ? v.job.spec.backoffLimit : 6;
  if (v.countedFailures > limit || pastBackoffLimitOnFailure(v, limit)) {
    return { type: "FailureTarget", reason: JOB_TEXT.backoffReason, message: JOB_TEXT.backoffMessage };
  }
  const deadline = v.job.spec?.activeDeadlineSeconds;
  const start = secondsOf(v.job.status?.startTime);
  if (!v.suspended && typeof deadline === "number" && start !== undefined && now - start >= deadline) {
    return { type: "FailureTarget", reason: JOB_TEXT.deadlineReason, message: JOB_TEXT.deadlineMessage };
  }
  if (v.failedIndexes) {
    const failedCount = total(v.failedIndexes);
    const max = v.job.spec?.maxFailedIndexes;
    if (typeof max === "number" && failedCount > max) {
      return {
        type: "FailureTarget",
        reason: JOB_TEXT.maxFailedIndexesReason,
        message: JOB_TEXT.maxFailedIndexesMessage,
      };
    }
    if (failedCount > 0 && failedCount + total(v.succeededIndexes) >= (v.completions ?? 0)) {
      return { type: "FailureTarget", reason: JOB_TEXT.failedIndexesReason, message: JOB_TEXT.failedIndexesMessage };
    }
  }
  return undefined;
}

/** success_policy.go hasSuccessCriteriaMetCondition: success already decided in an earlier sync. */
function decidedSuccess(v: JobView): Finish | undefined {
  const met = getCondition(v.job.status?.conditions, "SuccessCriteriaMet");
  if (met?.status !== "True") return undefined;
  return { type: "SuccessCriteriaMet", reason: met.reason ?? "", message: met.message ?? "" };
}

/** An Indexed Job's successPolicy met now (success_policy.go matchSuccessPolicy). */
function successPolicyMet(v: JobView): Finish | undefined {
  if (!v.indexed || v.completions === null) return undefined;
  const message = matchSuccessPolicy(v.job.spec?.successPolicy, v.completions, v.succeededIndexes);
  return message === undefined ? undefined : { type: "SuccessCriteriaMet", reason: SUCCESS_POLICY_REASON, message };
}

function complete(v: JobView): boolean {
  if (v.completions === null) return v.succeededCount > 0 && v.active.length === 0;
  return v.succeededCount >= v.completions;
}

function newJobPod(job: KubeObject, index: number | undefined, extra: Record<string, string>): KubeObject {
  const pod = podFromTemplate(job.spec?.template, job);
  const name = job.metadata.name ?? "";
  const uid = job.metadata.uid ?? "";
  pod.metadata.labels = {
    ...pod.metadata.labels,
    [CONTROLLER_UID_LABEL]: uid,
    "controller-uid": uid,
    [JOB_NAME_LABEL]: name,
    "job-name": name,
  };
  pod.metadata.generateName = `${name}-`;
  if (index !== undefined) {
    pod.metadata.generateName = `${name}-${index}-`;
    pod.metadata.labels[COMPLETION_INDEX] = String(index);
    pod.metadata.annotations = { ...pod.metadata.annotations, [COMPLETION_INDEX]: String(index), ...extra };
    pod.spec = { ...pod.spec, hostname: `${name}-${index}` };
    for (const list of ["initContainers", "containers"]) {
      if (Array.isArray(pod.spec[list])) pod.spec[list] = pod.spec[list].map(withIndexEnv);
    }
  }
  return pod;
}

/**
 * indexed_job_utils.go addCompletionIndexEnvVariable: JOB_COMPLETION_INDEX from the index label
 * (PodIndexLabel is GA), unless the container already sets it.
 */
function withIndexEnv(container: Record<string, any>): Record<string, any> {
  const env = (container.env as { name?: string }[] | undefined) ?? [];
  if (env.some((e) => e.name === "JOB_COMPLETION_INDEX")) return container;
  const fieldRef = { fieldPath: `metadata.labels['${COMPLETION_INDEX}']` };
  return { ...container, env: [...env, { name: "JOB_COMPLETION_INDEX", valueFrom: { fieldRef } }] };
}

/**
 * indexed_job_utils.go getPodsWithDelayedDeletionPerIndex: for each index with no success, no
 * failure verdict and no active pod, its latest failed pod, which the replacement succeeds.
 */
function lastFailedPerIndex(v: JobView): Map<number, KubeObject> {
  const activeIdx = new Set(v.active.map(completionIndex));
  const succeeded = new Set(v.succeededIndexList);
  const failed = new Set(v.failedIndexList);
  const out = new Map<number, KubeObject>();
  for (const p of v.failed) {
    const ix = completionIndex(p);
    if (ix === undefined || ix >= (v.completions ?? 0) || succeeded.has(ix) || failed.has(ix) || activeIdx.has(ix))
      continue;
    const prev = out.get(ix);
    if (
      !prev ||
      (indexAbsoluteFailureCount(prev) <= indexAbsoluteFailureCount(p) && finishedTime(p) >= finishedTime(prev))
    )
      out.set(ix, p);
  }
  return out;
}

/** indexed_job_utils.go firstPendingIndexes: the lowest indexes nobody holds, succeeded or failed. */
function pendingIndexes(v: JobView, count: number): number[] {
  const taken = new Set<number | undefined>([
    ...v.succeededIndexList,
    ...v.failedIndexList,
    ...v.active.map(completionIndex),
    ...(v.onlyReplaceFailed ? v.terminating.map(completionIndex) : []),
  ]);
  const out: number[] = [];
  for (let i = 0; i < (v.completions ?? 0) && out.length < count; i++) if (!taken.has(i)) out.push(i);
  return out;
}

/** manageJob: creates or deletes pods towards the wanted active count; returns a requeue delay. */
function manage(ctx: ControllerContext, tracker: JobPodTracker, v: JobView, now: number): number | undefined {
  const done = v.succeededCount;
  const want =
    v.completions === null
      ? done > 0
        ? v.active.length
        : v.parallelism
      : Math.max(0, Math.min(v.parallelism, v.completions - done));
  if (v.active.length > want) {
    const extra = [...v.active].sort((a, b) =>
      (a.metadata.creationTimestamp ?? "") < (b.metadata.creationTimestamp ?? "") ? 1 : -1,
    );
    for (const pod of extra.slice(0, v.active.length - want)) {
      tracker.forget(v.job.metadata.uid ?? "", pod);
      deletePod(ctx, v.job, pod, SOURCE);
    }
    return undefined;
  }
  // With podReplacementPolicy Failed, a terminating pod still holds its place.
  const terminating = v.onlyReplaceFailed ? v.terminating.length : 0;
  let diff = Math.min(want - terminating - v.active.length, MAX_PODS_PER_SYNC);
  if (diff <= 0) return undefined;
  if (!v.failedIndexes) {
    const wait = globalBackoffRemaining(v.succeeded, v.failed, now);
    if (wait > 0) return wait;
  }
  diff = podBudget(ctx, v.job, diff);
  let indexes: number[] = [];
  const replaced = v.failedIndexes ? lastFailedPerIndex(v) : new Map<number, KubeObject>();
  if (v.indexed && v.completions !== null) {
    indexes = pendingIndexes(v, diff);
    if (v.failedIndexes) {
      // job_controller.go getPodCreationInfoForIndependentIndexes: each index waits out its own back-off.
      const ready = indexes.filter((ix) => indexBackoffRemaining(replaced.get(ix), now) === 0);
      if (ready.length === 0 && indexes.length > 0) {
        return Math.min(...indexes.map((ix) => indexBackoffRemaining(replaced.get(ix), now)));
      }
      indexes = ready;
    }
    diff = indexes.length;
  }
  const policy = v.job.spec?.podFailurePolicy;
  let n = 0;
  slowStartBatch(diff, () => {
    const index = v.indexed ? indexes[n++] : undefined;
    let extra: Record<string, string> = {};
    if (v.failedIndexes && index !== undefined) {
      const prev = replaced.get(index);
      extra = indexFailureAnnotations(prev, prev ? matchPodFailurePolicy(policy, prev).countFailed : true);
    }
    return createPod(ctx, v.job, newJobPod(v.job, index, extra), SOURCE).ok;
  });
  return undefined;
}

/** The Job controller. */
export function jobController(): Controller {
  const tracker = new JobPodTracker();

  function sync(key: string, ctx: ControllerContext): ReconcileResult | undefined {
    const i = key.indexOf("/");
    const job = ctx.store.get("Job", key.slice(0, i), key.slice(i + 1));
    if (!job || jobFinished(job)) return undefined;
    const uid = job.metadata.uid ?? "";
    const now = ctx.clock.now;
    const status: Record<string, any> = { ...job.status };
    let conditions = status.conditions as StatusCondition[] | undefined;
    const cond = (type: string, reason: string, message: string) => {
      conditions = setCondition(conditions, { type, status: "True", reason, message }, now, ["lastProbeTime"]);
    };
    let requeue: number | undefined;
    const suspended = job.spec?.suspend === true;
    if (!status.startTime && !suspended) status.startTime = timestampAt(now);
    const v0 = jobView(ctx, tracker, { ...job, status });

    // syncJob's order: success already decided, then failures, then successPolicy, then completions.
    const finish =
      decidedSuccess(v0) ??
      failure(v0, now) ??
      successPolicyMet(v0) ??
      (!suspended && complete(v0) ? completions() : undefined);
    if (finish) {
      for (const pod of v0.active) {
        if (finish.type === "FailureTarget") tracker.failAtFinish(uid, pod);
        else tracker.forget(uid, pod);
        deletePod(ctx, job, pod, SOURCE);
      }
      if (getCondition(conditions, finish.type)?.status !== "True") cond(finish.type, finish.reason, finish.message);
    } else if (suspended) {
      for (const pod of v0.active) {
        tracker.forget(uid, pod);
        deletePod(ctx, job, pod, SOURCE);
      }
      if (getCondition(conditions, "Suspended")?.status !== "True") {
        cond("Suspended", "JobSuspended", "Job suspended");
        ctx.recorder.record(job, "Normal", "Suspended", "Job suspended", SOURCE);
      }
      delete status.startTime;
    } else {
      if (getCondition(conditions, "Suspended")?.status === "True") {
        conditions = setCondition(
          conditions,
          { type: "Suspended", status: "False", reason: "JobResumed", message: "Job resumed" },
          now,
          ["lastProbeTime"],
        );
        ctx.recorder.record(job, "Normal", "Resumed", "Job resumed", SOURCE);
      }
      requeue = manage(ctx, tracker, v0, now);
      const deadline = job.spec?.activeDeadlineSeconds;
      const start = secondsOf(status.startTime) ?? now;
      if (typeof deadline === "number") {
        const left = start + deadline - now;
        requeue = Math.min(requeue ?? left, left);
      }
    }

    const v = jobView(ctx, tracker, { ...job, status: { ...status, conditions } });
    // enactJobFinished: the terminal condition waits until no pod is left running or terminating.
    if (finish && v.active.length + v.terminating.length === 0) {
      if (finish.type === "FailureTarget") {
        cond("Failed", finish.reason, finish.message);
        ctx.recorder.record(job, "Warning", finish.reason, finish.message, SOURCE);
      } else {
        cond("Complete", finish.reason, finish.message);
        status.completionTime = timestampAt(now);
        ctx.recorder.record(job, "Normal", "Completed", "Job completed", SOURCE);
      }
    }
    status.active = v.active.length;
    status.ready = v.active.filter(isPodReady).length;
    status.succeeded = v.succeededCount;
    status.failed = v.countedFailures;
    status.terminating = v.terminating.length;
    status.uncountedTerminatedPods = {};
    if (v.indexed) status.completedIndexes = formatIntervals(v.succeededIndexes);
    if (v.failedIndexes) status.failedIndexes = formatIntervals(v.failedIndexes);
    if (conditions) status.conditions = conditions;
    if (!sameJson(status, job.status ?? {})) {
      ctx.store.patch("Job", job.metadata.namespace, job.metadata.name ?? "", (o) => {
        o.status = status;
      });
    }
    return requeue === undefined || requeue <= 0 ? undefined : { requeueAfter: requeue };
  }

  return {
    name: SOURCE,
    watches: ["Job", "Pod"],
    keysFor(event: WatchEvent): string[] {
      const obj = event.object;
      if (obj.kind === "Job") {
        if (event.type === "DELETED") tracker.dropJob(obj.metadata.uid ?? "");
        return [`${obj.metadata.namespace}/${obj.metadata.name}`];
      }
      const ref = controllerOf(obj);
      if (ref?.kind !== "Job") return [];
      if (event.type === "DELETED") tracker.podGone(ref.uid ?? "", obj);
      return [`${obj.metadata.namespace}/${ref.name}`];
    },
    reconcile: sync,
  };
}

/** newSuccessCondition: the interim success once `completions` pods have succeeded. */
function completions(): Finish {
  return { type: "SuccessCriteriaMet", reason: JOB_TEXT.completionsReason, message: JOB_TEXT.completionsMessage };
}
