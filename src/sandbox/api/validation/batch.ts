/**
 * Jobs and CronJobs (pkg/apis/batch/validation/validation.go ValidateJob, validateJobSpec,
 * ValidateJobTemplateSpec, validateCronJobSpec, validateScheduleFormat, validateTimeZone,
 * ValidateJobSpecUpdate).
 */
import type { FieldError } from "../field-error.js";
import { cronScheduleError, isKnownTimeZone } from "./cron.js";
import { child, invalid, required, unsupported } from "./field.js";
import { FIELD_IMMUTABLE_MSG, goLabelSelector, validateLabelSelector, validateObjectMeta } from "./meta.js";
import { nameIsDNSSubdomain } from "./names.js";
import { validatePodTemplateSpec } from "./pod.js";
import { selectorMismatch, templateMatches } from "./template.js";
import { isSet, jsonEqual, num, type Obj, rec, str } from "./values.js";
import { nonNegative } from "./workloads.js";

const COMPLETION_MODES = ["NonIndexed", "Indexed"];

function validateJobSpec(spec: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished"]) {
    errs.push(...nonNegative(spec[f], child(path, f)));
  }
  if (isSet(spec.completionMode)) {
    const mode = str(spec.completionMode);
    if (!COMPLETION_MODES.includes(mode)) errs.push(unsupported(child(path, "completionMode"), mode, COMPLETION_MODES));
    if (mode === "Indexed" && !isSet(spec.completions)) {
      errs.push(required(child(path, "completions"), "when completion mode is Indexed"));
    }
  }
  const template = rec(spec.template);
  errs.push(...validatePodTemplateSpec(template, child(path, "template")));
  const rp = str(rec(template?.spec)?.restartPolicy);
  const rpPath = child(path, "template", "spec", "restartPolicy");
  if (rp === "Always" || rp === "") errs.push(required(rpPath, 'valid values: "OnFailure", "Never"'));
  else if (rp !== "OnFailure" && rp !== "Never") errs.push(unsupported(rpPath, rp, ["OnFailure", "Never"]));
  return errs;
}

/**
 * `ValidateJob` (create). Without `manualSelector: true` the API server generates the selector
 * and matching template labels (pkg/registry/batch/job/strategy.go generateSelector), so only a
 * manual selector is checked here.
 */
export function validateJob(obj: Obj): FieldError[] {
  const spec = rec(obj.spec) ?? {};
  const errs = validateObjectMeta(rec(obj.metadata), true, nameIsDNSSubdomain);
  errs.push(...validateJobSpec(spec, "spec"));
  if (spec.manualSelector === true) {
    if (!isSet(spec.selector)) errs.push(required("spec.selector"));
    else errs.push(...validateLabelSelector(spec.selector, "spec.selector"));
    const template = rec(spec.template);
    if (isSet(spec.selector) && !templateMatches(spec.selector, template))
      errs.push(selectorMismatch(template, "spec.template"));
  }
  return errs;
}

// pkg/registry/batch/job/strategy.go generateSelector: labels the API server adds to a Job's template.
const GENERATED_LABELS = [
  "batch.kubernetes.io/controller-uid",
  "controller-uid",
  "batch.kubernetes.io/job-name",
  "job-name",
];

function withoutGeneratedLabels(template: unknown): unknown {
  const t = rec(template);
  if (!t) return null;
  const meta = { ...(rec(t.metadata) ?? {}) };
  const labels = { ...(rec(meta.labels) ?? {}) };
  for (const k of GENERATED_LABELS) delete labels[k];
  meta.labels = Object.keys(labels).length > 0 ? labels : undefined;
  return { ...t, metadata: meta };
}

/** `ValidateJobSpecUpdate`: completions, selector, template and completionMode are immutable. */
export function validateJobUpdate(obj: Obj, old: Obj): FieldError[] {
  const spec = rec(obj.spec) ?? {};
  const oldSpec = rec(old.spec) ?? {};
  const errs = validateJob(obj);
  if (!jsonEqual(spec.completions ?? null, oldSpec.completions ?? null)) {
    errs.push(invalid("spec.completions", num(spec.completions) ?? null, FIELD_IMMUTABLE_MSG));
  }
  if (isSet(spec.selector) && !jsonEqual(spec.selector, oldSpec.selector ?? null)) {
    errs.push(invalid("spec.selector", spec.selector, FIELD_IMMUTABLE_MSG, goLabelSelector(spec.selector)));
  }
  if (!jsonEqual(withoutGeneratedLabels(spec.template), withoutGeneratedLabels(oldSpec.template))) {
    errs.push(invalid("spec.template", spec.template, FIELD_IMMUTABLE_MSG, "core.PodTemplateSpec{...}"));
  }
  if (!jsonEqual(spec.completionMode ?? null, oldSpec.completionMode ?? null)) {
    errs.push(invalid("spec.completionMode", str(spec.completionMode), FIELD_IMMUTABLE_MSG));
  }
  return errs;
}

function validateTimeZone(tz: unknown, path: string): FieldError[] {
  if (!isSet(tz)) return [];
  const zone = str(tz);
  if (zone === "") return [invalid(path, zone, "timeZone must be nil or non-empty string")];
  for (const part of zone.split("/")) {
    if (part === "." || part === ".." || part.startsWith("-") || !/^[A-Za-z.\-_0-9+]{1,14}$/.test(part)) {
      return [invalid(path, zone, `unknown time zone ${zone}`)];
    }
  }
  const errs: FieldError[] = [];
  if (zone.toLowerCase() === "local") {
    errs.push(
      invalid(path, zone, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"),
    );
  }
  if (!isKnownTimeZone(zone)) errs.push(invalid(path, zone, `unknown time zone ${zone}`));
  return errs;
}

const CONCURRENCY = ["Allow", "Forbid", "Replace"];

/** `ValidateCronJobCreate`: name at most 52 characters (the controller appends `-<timestamp>`). */
export function validateCronJob(obj: Obj, old?: Obj): FieldError[] {
  const spec = rec(obj.spec) ?? {};
  const oldSpec = old ? rec(old.spec) : undefined;
  const errs = validateObjectMeta(rec(obj.metadata), true, nameIsDNSSubdomain);
  const schedule = str(spec.schedule);
  if (!schedule) errs.push(required("spec.schedule"));
  else {
    const err = cronScheduleError(schedule);
    if (err) errs.push(invalid("spec.schedule", schedule, err));
    const allowTZ = str(oldSpec?.schedule).includes("TZ");
    if (allowTZ && schedule.includes("TZ") && isSet(spec.timeZone)) {
      errs.push(invalid("spec.schedule", schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule"));
    } else if (!allowTZ && schedule.includes("TZ")) {
      errs.push(invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
    }
  }
  errs.push(...nonNegative(spec.startingDeadlineSeconds, "spec.startingDeadlineSeconds"));
  if (!oldSpec || !jsonEqual(oldSpec.timeZone ?? null, spec.timeZone ?? null)) {
    errs.push(...validateTimeZone(spec.timeZone, "spec.timeZone"));
  }
  const cp = str(spec.concurrencyPolicy);
  if (!cp) errs.push(required("spec.concurrencyPolicy"));
  else if (!CONCURRENCY.includes(cp)) errs.push(unsupported("spec.concurrencyPolicy", cp, CONCURRENCY));
  const jt = rec(spec.jobTemplate) ?? {};
  const jspec = rec(jt.spec) ?? {};
  errs.push(...validateJobSpec(jspec, "spec.jobTemplate.spec"));
  if (isSet(jspec.selector)) {
    errs.push(
      invalid(
        "spec.jobTemplate.spec.selector",
        jspec.selector,
        "`selector` will be auto-generated",
        goLabelSelector(jspec.selector),
      ),
    );
  }
  if (jspec.manualSelector === true) {
    errs.push(unsupported("spec.jobTemplate.spec.manualSelector", true, ["nil", "false"]));
  }
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, "spec.successfulJobsHistoryLimit"));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, "spec.failedJobsHistoryLimit"));
  const name = str(rec(obj.metadata)?.name);
  if (!old && name.length > 52) errs.push(invalid("metadata.name", name, "must be no more than 52 characters"));
  return errs;
}
