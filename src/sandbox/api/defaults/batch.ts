/**
 * batch/v1 defaulting (pkg/apis/batch/v1/defaults.go SetDefaults_Job, SetDefaults_CronJob).
 * The Job defaults apply to Jobs only; a CronJob's jobTemplate gets just its pod defaults.
 */
import { ensure, type Obj, rec, setDefault } from "./fields.js";
import { defaultPodTemplate } from "./pod.js";

/**
 * Job: completions and parallelism 1 when both are unset (parallelism 1 otherwise), backoffLimit 6,
 * NonIndexed, not suspended, TerminatingOrFailed pod replacement (Failed with a podFailurePolicy);
 * the Job's labels default to its template's labels.
 */
export function defaultJob(obj: Obj): void {
  const spec = ensure(obj, "spec");
  if (!spec) return;
  const unset = (k: string) => spec[k] === undefined || spec[k] === null;
  if (unset("completions") && unset("parallelism")) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (unset("parallelism")) spec.parallelism = 1;
  if (unset("backoffLimit")) spec.backoffLimit = unset("backoffLimitPerIndex") ? 6 : 2147483647;
  const templateLabels = rec(rec(rec(spec.template)?.metadata)?.labels);
  const meta = ensure(obj, "metadata");
  if (meta && templateLabels && Object.keys(rec(meta.labels) ?? {}).length === 0) meta.labels = { ...templateLabels };
  setDefault(spec, "completionMode", "NonIndexed");
  if (unset("suspend")) spec.suspend = false;
  if (unset("podReplacementPolicy"))
    spec.podReplacementPolicy = unset("podFailurePolicy") ? "TerminatingOrFailed" : "Failed";
  defaultPodTemplate(spec.template);
}

/** CronJob: Allow, not suspended, keep 3 successful and 1 failed Job. */
export function defaultCronJob(obj: Obj): void {
  const spec = ensure(obj, "spec");
  if (!spec) return;
  setDefault(spec, "concurrencyPolicy", "Allow");
  if (spec.suspend === undefined || spec.suspend === null) spec.suspend = false;
  if (spec.successfulJobsHistoryLimit === undefined || spec.successfulJobsHistoryLimit === null)
    spec.successfulJobsHistoryLimit = 3;
  if (spec.failedJobsHistoryLimit === undefined || spec.failedJobsHistoryLimit === null)
    spec.failedJobsHistoryLimit = 1;
  defaultPodTemplate(rec(rec(spec.jobTemplate)?.spec)?.template);
}
