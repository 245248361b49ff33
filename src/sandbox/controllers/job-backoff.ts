/**
 * Delays before a Job replaces failed pods (pkg/controller/job/backoff_utils.go): 10 s after the
 * first failure since the last success, doubling up to the cap, counted from the last failure's
 * finish time; with `backoffLimitPerIndex` the count is per index, read from the
 * `job-index-failure-count` annotations (indexed_job_utils.go getNewIndexFailureCounts).
 */
import type { KubeObject } from "../model/object.js";
import { secondsOf } from "./pod-util.js";

/**
 * job_controller.go DefaultJobPodFailureBackOff (10 s) / MaxJobPodFailureBackOff (10 min in the
 * 1.3x controller; the Job concept page still says six minutes).
 */
export const POD_FAILURE_BACKOFF = 10;
export const MAX_POD_FAILURE_BACKOFF = 600;
/** batch.JobIndexFailureCountAnnotation, JobIndexIgnoredFailureCountAnnotation. */
export const INDEX_FAILURE_COUNT = "batch.kubernetes.io/job-index-failure-count";
export const INDEX_IGNORED_FAILURE_COUNT = "batch.kubernetes.io/job-index-ignored-failure-count";

interface ContainerStatus {
  state?: { terminated?: { finishedAt?: string } };
}

/**
 * backoff_utils.go getFinishedTime: the latest container finish when every container has
 * finished, else when Ready turned False, else the deletion time less the grace period, else
 * the creation time.
 */
export function finishedTime(pod: KubeObject): number {
  let latest: number | undefined;
  let allDone = true;
  for (const c of (pod.status?.containerStatuses as ContainerStatus[] | undefined) ?? []) {
    const t = secondsOf(c.state?.terminated?.finishedAt);
    if (t === undefined) allDone = false;
    else latest = Math.max(latest ?? t, t);
  }
  if (allDone && latest !== undefined) return latest;
  const ready = (pod.status?.conditions as { type?: string; status?: string; lastTransitionTime?: string }[])?.find(
    (c) => c.type === "Ready",
  );
  const readyFalse = ready?.status === "False" ? secondsOf(ready.lastTransitionTime) : undefined;
  if (readyFalse !== undefined) return readyFalse;
  const deleted = secondsOf(pod.metadata.deletionTimestamp);
  if (deleted !== undefined) return deleted - ((pod.metadata.deletionGracePeriodSeconds as number | undefined) ?? 0);
  return secondsOf(pod.metadata.creationTimestamp) ?? 0;
}

/** getRemainingTimeForFailuresCount: seconds left before a replacement after `failures` failures. */
export function remainingBackoff(failures: number, lastFailure: number, now: number): number {
  if (failures <= 0) return 0;
  const delay = Math.min(POD_FAILURE_BACKOFF * 2 ** (failures - 1), MAX_POD_FAILURE_BACKOFF);
  return Math.max(0, lastFailure + delay - now);
}

/** backoffRecord: failures finished after the last success, and the last of them. */
export function globalBackoffRemaining(succeeded: KubeObject[], failed: KubeObject[], now: number): number {
  const lastSuccess = Math.max(-Infinity, ...succeeded.map(finishedTime));
  const failures = failed.map(finishedTime).filter((t) => t > lastSuccess);
  if (failures.length === 0) return 0;
  return remainingBackoff(failures.length, Math.max(...failures), now);
}

function annotationCount(pod: KubeObject, key: string): number {
  const v = pod.metadata.annotations?.[key];
  return v !== undefined && /^\d+$/.test(v) && Number(v) <= 2147483647 ? Number(v) : 0;
}

/** The pod's counted failures within its index (parseIndexFailureCountAnnotation). */
export function indexFailureCount(pod: KubeObject): number {
  return annotationCount(pod, INDEX_FAILURE_COUNT);
}

/** Counted plus ignored failures within the index (getIndexAbsoluteFailureCount). */
export function indexAbsoluteFailureCount(pod: KubeObject): number {
  return annotationCount(pod, INDEX_FAILURE_COUNT) + annotationCount(pod, INDEX_IGNORED_FAILURE_COUNT);
}

/** getRemainingTimePerIndex: back-off for an index whose last failed pod is `lastFailed`. */
export function indexBackoffRemaining(lastFailed: KubeObject | undefined, now: number): number {
  if (!lastFailed) return 0;
  return remainingBackoff(indexAbsoluteFailureCount(lastFailed) + 1, finishedTime(lastFailed), now);
}

/**
 * addIndexFailureCountAnnotation: the replacement's counts, one more than the pod it replaces
 * (counted, or ignored when an Ignore rule matched); the ignored count is written only when > 0.
 */
export function indexFailureAnnotations(replaced: KubeObject | undefined, counted: boolean): Record<string, string> {
  if (!replaced) return { [INDEX_FAILURE_COUNT]: "0" };
  const failures = indexFailureCount(replaced) + (counted ? 1 : 0);
  const ignored = annotationCount(replaced, INDEX_IGNORED_FAILURE_COUNT) + (counted ? 0 : 1);
  return {
    [INDEX_FAILURE_COUNT]: String(failures),
    ...(ignored > 0 ? { [INDEX_IGNORED_FAILURE_COUNT]: String(ignored) } : {}),
  };
}
