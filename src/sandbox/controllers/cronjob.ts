/**
 * The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go syncCronJob and
 * cleanupFinishedJobs; utils.go mostRecentScheduleTime, getJobName): at each scheduled time
 * inside the horizon it creates `<cronjob>-<minutes since the Unix epoch>`, honouring
 * concurrencyPolicy, startingDeadlineSeconds and suspend, tracks active Jobs and prunes history.
 */

import { SIMULATION_EPOCH_MS, timestampAt } from "../api/server.js";
import type { WatchEvent } from "../api/store.js";
import { statusMessage } from "../api/types.js";
import type { Controller, ControllerContext, ReconcileResult } from "../engine/controller.js";
import { clone, controllerOf, type KubeObject } from "../model/object.js";
import { sameJson } from "../model/same-json.js";
import { parseSchedule, rfc3339In, type Schedule, validTimeZone } from "./cron-schedule.js";
import { jobFinished, jobFinishTime } from "./job-util.js";
import { controlledBy } from "./owner-index.js";
import { controllerRef } from "./pod-control.js";
import { secondsOf } from "./pod-util.js";

const SOURCE = "cronjob-controller";
/** Annotation with the scheduled time of a CronJob's Job (batch/v1 CronJobScheduledTimestampAnnotation). */
export const SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";

interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  uid: string;
}

/** utils.go getJobName: `<cronjob>-<scheduled time in minutes since the Unix epoch>`. */
export function cronJobName(cronJob: string, scheduledSeconds: number): string {
  return `${cronJob}-${Math.floor((SIMULATION_EPOCH_MS / 1000 + scheduledSeconds) / 60)}`;
}

/** utils.go mostRecentScheduleTime: the latest activation in (earliest, now], if any. */
function mostRecent(cj: KubeObject, sched: Schedule, now: number): number | undefined {
  let earliest = secondsOf(cj.status?.lastScheduleTime) ?? secondsOf(cj.metadata.creationTimestamp) ?? 0;
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (typeof deadline === "number") earliest = Math.max(earliest, now - deadline);
  let t = sched.next(earliest);
  if (t > now) return undefined;
  for (let n = sched.next(t); n <= now; n = sched.next(t)) t = n;
  return t;
}

function deleteJob(ctx: ControllerContext, cj: KubeObject, job: KubeObject): boolean {
  const outcome = ctx.api.delete("Job", job.metadata.namespace, job.metadata.name ?? "");
  if (outcome.ok) ctx.recorder.record(cj, "Normal", "SuccessfulDelete", `Deleted job ${job.metadata.name}`, SOURCE);
  else ctx.recorder.record(cj, "Warning", "FailedDelete", `Deleted job: ${statusMessage(outcome)}`, SOURCE);
  return outcome.ok;
}

/** cronjob_controllerv2.go cleanupFinishedJobs: keep the newest N succeeded and M failed Jobs. */
function cleanupHistory(ctx: ControllerContext, cj: KubeObject, jobs: KubeObject[]): void {
  const limits: ["Complete" | "Failed", number][] = [
    ["Complete", (cj.spec?.successfulJobsHistoryLimit as number | undefined) ?? 3],
    ["Failed", (cj.spec?.failedJobsHistoryLimit as number | undefined) ?? 1],
  ];
  for (const [type, limit] of limits) {
    const finished = jobs
      .filter((j) => jobFinished(j) === type)
      .sort((a, b) => {
        const sa = secondsOf(a.status?.startTime) ?? Number.POSITIVE_INFINITY;
        const sb = secondsOf(b.status?.startTime) ?? Number.POSITIVE_INFINITY;
        return sa - sb || ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1);
      });
    for (const job of finished.slice(0, Math.max(0, finished.length - limit))) deleteJob(ctx, cj, job);
  }
}

function newJob(cj: KubeObject, scheduled: number): KubeObject {
  const tpl = clone(cj.spec?.jobTemplate ?? {}) as { metadata?: Record<string, any>; spec?: unknown };
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: cronJobName(cj.metadata.name ?? "", scheduled),
      namespace: cj.metadata.namespace ?? "default",
      ...(tpl.metadata?.labels ? { labels: tpl.metadata.labels } : {}),
      annotations: { ...tpl.metadata?.annotations, [SCHEDULED_TIMESTAMP]: rfc3339In(scheduled, cj.spec?.timeZone) },
      ownerReferences: [controllerRef(cj)],
    },
    spec: tpl.spec ?? {},
  };
}

function sync(key: string, ctx: ControllerContext): ReconcileResult | undefined {
  const i = key.indexOf("/");
  const cj = ctx.store.get("CronJob", key.slice(0, i), key.slice(i + 1));
  if (!cj || cj.metadata.deletionTimestamp) return undefined;
  const now = ctx.clock.now;
  const jobs = controlledBy(ctx.store, "Job", cj.metadata.uid ?? "");
  const status: Record<string, any> = { ...cj.status };
  let active: ObjectRef[] = [...((status.active as ObjectRef[] | undefined) ?? [])];
  for (const job of jobs) {
    const found = active.some((r) => r.uid === job.metadata.uid);
    const finished = jobFinished(job);
    if (!found && !finished) {
      active.push(refOf(job));
    } else if (found && finished) {
      active = active.filter((r) => r.uid !== job.metadata.uid);
      ctx.recorder.record(
        cj,
        "Normal",
        "SawCompletedJob",
        `Saw completed job: ${job.metadata.name}, condition: ${finished}`,
        SOURCE,
      );
    }
    const endedAt = finished === "Complete" ? jobFinishTime(job) : undefined;
    if (endedAt !== undefined && endedAt > (secondsOf(status.lastSuccessfulTime) ?? -Infinity)) {
      status.lastSuccessfulTime = timestampAt(endedAt);
    }
  }
  for (const ref of [...active]) {
    if (jobs.some((j) => j.metadata.uid === ref.uid)) continue;
    ctx.recorder.record(cj, "Normal", "MissingJob", `Active job went missing: ${ref.name}`, SOURCE);
    active = active.filter((r) => r.uid !== ref.uid);
  }
  cleanupHistory(ctx, cj, jobs);

  const requeue = (sched: Schedule | undefined): ReconcileResult | undefined => {
    if (active.length > 0) status.active = active;
    else delete status.active;
    if (!sameJson(status, cj.status ?? {})) {
      ctx.store.patch("CronJob", cj.metadata.namespace, cj.metadata.name ?? "", (o) => {
        o.status = status;
      });
    }
    return sched ? { requeueAfter: sched.next(now) - now } : undefined;
  };

  const tz = cj.spec?.timeZone as string | undefined;
  if (tz !== undefined && !validTimeZone(tz)) {
    ctx.recorder.record(cj, "Warning", "UnknownTimeZone", `invalid timeZone: "${tz}": unknown time zone ${tz}`, SOURCE);
    return requeue(undefined);
  }
  if (cj.spec?.suspend) return requeue(undefined);
  const schedText = String(cj.spec?.schedule ?? "");
  const sched = parseSchedule(schedText, tz);
  if ("error" in sched) {
    ctx.recorder.record(
      cj,
      "Warning",
      "UnparseableSchedule",
      `unparseable schedule: "${schedText}" : ${sched.error}`,
      SOURCE,
    );
    return requeue(undefined);
  }
  const scheduled = mostRecent(cj, sched, now);
  if (scheduled === undefined) return requeue(sched);
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (typeof deadline === "number" && scheduled + deadline < now) {
    const when = new Date(SIMULATION_EPOCH_MS + scheduled * 1000).toUTCString().replace("GMT", "+0000");
    ctx.recorder.record(cj, "Warning", "MissSchedule", `Missed scheduled time to start a job: ${when}`, SOURCE);
    return requeue(sched);
  }
  const name = cronJobName(cj.metadata.name ?? "", scheduled);
  if (active.some((r) => r.name === name) || secondsOf(status.lastScheduleTime) === scheduled) return requeue(sched);
  const policy = cj.spec?.concurrencyPolicy ?? "Allow";
  if (policy === "Forbid" && active.length > 0) {
    ctx.recorder.record(
      cj,
      "Normal",
      "JobAlreadyActive",
      "Not starting job because prior execution is running and concurrency policy is Forbid",
      SOURCE,
    );
    return requeue(sched);
  }
  if (policy === "Replace") {
    for (const ref of active) {
      const job = ctx.store.get("Job", ref.namespace, ref.name);
      if (job && deleteJob(ctx, cj, job)) active = active.filter((r) => r.uid !== ref.uid);
    }
  }
  const outcome = ctx.api.create(newJob(cj, scheduled), { origin: "controller" });
  if (!outcome.ok) {
    if (outcome.reason !== "AlreadyExists") {
      ctx.recorder.record(cj, "Warning", "FailedCreate", `Error creating job: ${statusMessage(outcome)}`, SOURCE);
    }
    return requeue(sched);
  }
  ctx.recorder.record(cj, "Normal", "SuccessfulCreate", `Created job ${outcome.object.metadata.name}`, SOURCE);
  active.push(refOf(outcome.object));
  status.lastScheduleTime = timestampAt(scheduled);
  return requeue(sched);
}

function refOf(job: KubeObject): ObjectRef {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    name: job.metadata.name ?? "",
    namespace: job.metadata.namespace ?? "",
    uid: job.metadata.uid ?? "",
  };
}

/** The CronJob controller. */
export function cronJobController(): Controller {
  return {
    name: SOURCE,
    watches: ["CronJob", "Job"],
    keysFor(event: WatchEvent): string[] {
      const obj = event.object;
      if (obj.kind === "CronJob") return [`${obj.metadata.namespace}/${obj.metadata.name}`];
      const ref = controllerOf(obj);
      return ref?.kind === "CronJob" ? [`${obj.metadata.namespace}/${ref.name}`] : [];
    },
    reconcile: sync,
  };
}
