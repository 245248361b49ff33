/**
 * batch/v1 defaulting (pkg/apis/batch/v1/defaults.go SetDefaults_Job, SetDefaults_CronJob,
 * SetDefaults_PodFailurePolicyOnPodConditionsPattern). The Job defaults apply to Jobs only; a
 * CronJob's jobTemplate gets its pod defaults and the pod-condition pattern default, which the
 * generated defaulters apply wherever the type appears.
 */
import { ensure, items, type Obj, rec, setDefault } from "./fields.js";
import { defaultPodTemplate } from "./pod.js";

/** A podFailurePolicy's onPodConditions patterns match status True unless they say otherwise. */
function defaultPodFailurePolicy(jobSpec: Obj | undefined): void {
  for (const rule of items(rec(jobSpec?.podFailurePolicy)?.rules)) {
    for (const pattern of items(rule.onPodConditions)) setDefault(pattern, "status", "True");
  }
}

/**
 * Job: completions and parallelism 1 when both are unset (parallelism 1 otherwise), backoffLimit 6
 * (MaxInt32 with backoffLimitPerIndex), NonIndexed, not suspended, TerminatingOrFailed pod
 * replacement (Failed with a podFailurePolicy), manualSelector false; the Job's labels default to
 * its template's labels.
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
  if (unset("manualSelector")) spec.manualSelector = false;
  defaultPodFailurePolicy(spec);
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
  const jobSpec = rec(rec(spec.jobTemplate)?.spec);
  defaultPodFailurePolicy(jobSpec);
  defaultPodTemplate(jobSpec?.template);
}
