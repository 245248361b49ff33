/**
 * The Job controller (pkg/controller/job/job_controller.go syncJob, 1.34 with its default feature
 * gates): runs `parallelism` pods until `completions` succeed (NonIndexed or Indexed), delays new
 * pods after failures (10 s doubling, at most 6 min), fails the Job past `backoffLimit` or
 * `activeDeadlineSeconds` (FailureTarget, then Failed once its pods are gone), and completes it
 * (SuccessCriteriaMet, then Complete) with the upstream events.
 */

import { timestampAt } from "../api/server.js";
import type { WatchEvent } from "../api/store.js";
import type { Controller, ControllerContext, ReconcileResult } from "../engine/controller.js";
import { controllerOf, type KubeObject } from "../model/object.js";
import { getCondition, type StatusCondition, setCondition } from "./conditions.js";
import { jobFinished } from "./job-util.js";
import { controlledBy } from "./owner-index.js";
import { createPod, deletePod, podBudget, podFromTemplate, slowStartBatch } from "./pod-control.js";
import { isPodReady, isPodTerminal, podPhase, secondsOf, totalContainerRestarts } from "./pod-util.js";

const SOURCE = "job-controller";
/** job_controller.go DefaultJobPodFailureBackOff / MaxJobPodFailureBackOff. */
export const POD_FAILURE_BACKOFF = 10;
export const MAX_POD_FAILURE_BACKOFF = 360;
/** job_controller.go MaxPodCreateDeletePerSync. */
const MAX_PODS_PER_SYNC = 500;
/** Labels of Job pods (pkg/apis/batch/types.go). */
export const JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
export const CONTROLLER_UID_LABEL = "batch.kubernetes.io/controller-uid";
export const COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";

/** Condition reasons and messages (job_controller.go, pkg/apis/batch). */
export const JOB_TEXT = {
  backoffReason: "BackoffLimitExceeded",
  backoffMessage: "Job has reached the specified backoff limit",
  deadlineReason: "DeadlineExceeded",
  deadlineMessage: "Job was active longer than specified deadline",
  completionsReason: "CompletionsReached",
  completionsMessage: "Reached expected number of succeeded pods",
} as const;

interface JobView {
  job: KubeObject;
  pods: KubeObject[];
  active: KubeObject[];
  succeeded: KubeObject[];
  failed: KubeObject[];
  terminating: KubeObject[];
  indexed: boolean;
  completions: number | null;
  parallelism: number;
}

function view(ctx: ControllerContext, job: KubeObject): JobView {
  const pods = controlledBy(ctx.store, "Pod", job.metadata.uid ?? "");
  const spec = job.spec ?? {};
  const completions =
    typeof spec.completions === "number" ? spec.completions : spec.parallelism === undefined ? 1 : null;
  return {
    job,
    pods,
    active: pods.filter((p) => !isPodTerminal(p) && !p.metadata.deletionTimestamp),
    succeeded: pods.filter((p) => podPhase(p) === "Succeeded"),
    failed: pods.filter((p) => podPhase(p) === "Failed"),
    terminating: pods.filter((p) => !isPodTerminal(p) && p.metadata.deletionTimestamp),
    indexed: spec.completionMode === "Indexed",
    completions,
    parallelism: typeof spec.parallelism === "number" ? spec.parallelism : 1,
  };
}

function indexOf(pod: KubeObject): number | undefined {
  const v = pod.metadata.annotations?.[COMPLETION_INDEX] ?? pod.metadata.labels?.[COMPLETION_INDEX];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** When a pod finished: its containers' latest finishedAt, else now (job_controller.go getFinishedTime). */
function finishedAt(pod: KubeObject, now: number): number {
  let t: number | undefined;
  for (const c of (pod.status?.containerStatuses as { state?: { terminated?: { finishedAt?: string } } }[]) ?? []) {
    const s = secondsOf(c.state?.terminated?.finishedAt);
    if (s !== undefined) t = Math.max(t ?? s, s);
  }
  return t ?? now;
}

/** Seconds before new pods may be created after failures (job_controller.go backoffRecord.getRemainingTime). */
function backoffRemaining(v: JobView, now: number): number {
  const lastSuccess = Math.max(-1, ...v.succeeded.map((p) => finishedAt(p, now)));
  const failures = v.failed.map((p) => finishedAt(p, now)).filter((t) => t > lastSuccess);
  if (failures.length === 0) return 0;
  const delay = Math.min(POD_FAILURE_BACKOFF * 2 ** (failures.length - 1), MAX_POD_FAILURE_BACKOFF);
  return Math.max(0, Math.max(...failures) + delay - now);
}

/** Why the Job fails now, if it does: back-off limit (Never: failed pods; OnFailure: restarts) or deadline. */
function failure(v: JobView, now: number): { reason: string; message: string } | undefined {
  const existing = getCondition(v.job.status?.conditions, "FailureTarget");
  if (existing?.status === "True") return { reason: existing.reason ?? "", message: existing.message ?? "" };
  const limit = typeof v.job.spec?.backoffLimit === "number" ? v.job.spec.backoffLimit : 6;
  const onFailure = v.job.spec?.template?.spec?.restartPolicy === "OnFailure";
  const restarts = onFailure ? v.active.reduce((n, p) => n + totalContainerRestarts(p), 0) : 0;
  const pastOnFailure = onFailure && (limit === 0 ? restarts > 0 : restarts >= limit);
  if (v.failed.length > limit || pastOnFailure) {
    return { reason: JOB_TEXT.backoffReason, message: JOB_TEXT.backoffMessage };
  }
  const deadline = v.job.spec?.activeDeadlineSeconds;
  const start = secondsOf(v.job.status?.startTime);
  if (typeof deadline === "number" && start !== undefined && now - start >= deadline) {
    return { reason: JOB_TEXT.deadlineReason, message: JOB_TEXT.deadlineMessage };
  }
  return undefined;
}

function succeededCount(v: JobView): number {
  if (!v.indexed) return v.succeeded.length;
  return new Set(v.succeeded.map(indexOf).filter((i) => i !== undefined)).size;
}

function complete(v: JobView): boolean {
  const done = succeededCount(v);
  if (v.completions === null) return done > 0 && v.active.length === 0;
  return done >= v.completions;
}

function newJobPod(job: KubeObject, index: number | undefined): KubeObject {
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
    pod.metadata.annotations = { ...pod.metadata.annotations, [COMPLETION_INDEX]: String(index) };
    pod.spec = { ...pod.spec, hostname: `${name}-${index}` };
  }
  return pod;
}

/** Creates or deletes pods towards the wanted active count; returns a requeue delay for back-off. */
function manage(ctx: ControllerContext, v: JobView, now: number): number | undefined {
  const done = succeededCount(v);
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
    for (const pod of extra.slice(0, v.active.length - want)) deletePod(ctx, v.job, pod, SOURCE);
    return undefined;
  }
  let diff = Math.min(want - v.active.length, MAX_PODS_PER_SYNC);
  if (diff <= 0) return undefined;
  const wait = backoffRemaining(v, now);
  if (wait > 0) return wait;
  diff = podBudget(ctx, v.job, diff);
  const indexes: number[] = [];
  if (v.indexed && v.completions !== null) {
    const taken = new Set([...v.succeeded, ...v.active].map(indexOf));
    for (let i = 0; i < v.completions && indexes.length < diff; i++) if (!taken.has(i)) indexes.push(i);
    diff = indexes.length;
  }
  let n = 0;
  slowStartBatch(diff, () => createPod(ctx, v.job, newJobPod(v.job, v.indexed ? indexes[n++] : undefined), SOURCE).ok);
  return undefined;
}

function completedIndexes(v: JobView): string {
  const idx = [...new Set(v.succeeded.map(indexOf).filter((i): i is number => i !== undefined))].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && (idx[j + 1] as number) === (idx[j] as number) + 1) j++;
    parts.push(i === j ? String(idx[i]) : `${idx[i]}-${idx[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

function sync(key: string, ctx: ControllerContext): ReconcileResult | undefined {
  const i = key.indexOf("/");
  const job = ctx.store.get("Job", key.slice(0, i), key.slice(i + 1));
  if (!job || jobFinished(job)) return undefined;
  const now = ctx.clock.now;
  const status: Record<string, any> = { ...job.status };
  let conditions = status.conditions as StatusCondition[] | undefined;
  const cond = (type: string, reason: string, message: string) => {
    conditions = setCondition(conditions, { type, status: "True", reason, message }, now, ["lastProbeTime"]);
  };
  let requeue: number | undefined;

  if (job.spec?.suspend) {
    for (const pod of view(ctx, job).active) deletePod(ctx, job, pod, SOURCE);
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
    if (!status.startTime) status.startTime = timestampAt(now);
    const v0 = view(ctx, { ...job, status });
    const failed = failure(v0, now);
    if (failed) {
      if (getCondition(conditions, "FailureTarget")?.status !== "True")
        cond("FailureTarget", failed.reason, failed.message);
      for (const pod of v0.active) deletePod(ctx, job, pod, SOURCE);
    } else if (complete(v0)) {
      if (getCondition(conditions, "SuccessCriteriaMet")?.status !== "True") {
        cond("SuccessCriteriaMet", JOB_TEXT.completionsReason, JOB_TEXT.completionsMessage);
      }
      for (const pod of v0.active) deletePod(ctx, job, pod, SOURCE);
    } else {
      requeue = manage(ctx, v0, now);
      const deadline = job.spec?.activeDeadlineSeconds;
      const start = secondsOf(status.startTime) ?? now;
      if (typeof deadline === "number") {
        const left = start + deadline - now;
        requeue = Math.min(requeue ?? left, left);
      }
    }
  }

  const v = view(ctx, job);
  const stillRunning = v.active.length + v.terminating.length > 0;
  const target = getCondition(conditions, "FailureTarget");
  const success = getCondition(conditions, "SuccessCriteriaMet");
  if (!stillRunning && target?.status === "True") {
    cond("Failed", target.reason ?? "", target.message ?? "");
    ctx.recorder.record(job, "Warning", target.reason ?? "", target.message ?? "", SOURCE);
  } else if (!stillRunning && success?.status === "True") {
    cond("Complete", JOB_TEXT.completionsReason, JOB_TEXT.completionsMessage);
    status.completionTime = timestampAt(now);
    ctx.recorder.record(job, "Normal", "Completed", "Job completed", SOURCE);
  }
  status.active = v.active.length;
  status.ready = v.active.filter(isPodReady).length;
  status.succeeded = v.succeeded.length;
  status.failed = v.failed.length;
  status.terminating = v.terminating.length;
  status.uncountedTerminatedPods = {};
  if (v.indexed) status.completedIndexes = completedIndexes(v);
  if (conditions) status.conditions = conditions;
  if (JSON.stringify(status) !== JSON.stringify(job.status ?? {})) {
    ctx.store.patch("Job", job.metadata.namespace, job.metadata.name ?? "", (o) => {
      o.status = status;
    });
  }
  return requeue === undefined || requeue <= 0 ? undefined : { requeueAfter: requeue };
}

/** The Job controller. */
export function jobController(): Controller {
  return {
    name: SOURCE,
    watches: ["Job", "Pod"],
    keysFor(event: WatchEvent): string[] {
      const obj = event.object;
      if (obj.kind === "Job") return [`${obj.metadata.namespace}/${obj.metadata.name}`];
      const ref = controllerOf(obj);
      return ref?.kind === "Job" ? [`${obj.metadata.namespace}/${ref.name}`] : [];
    },
    reconcile: sync,
  };
}
