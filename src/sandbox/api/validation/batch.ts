/**
 * Jobs and CronJobs (pkg/apis/batch/validation/validation.go ValidateJob, validateJobSpec,
 * validatePodFailurePolicy, validateSuccessPolicy, validatePodReplacementPolicy,
 * ValidateJobTemplateSpec, validateCronJobSpec, validateScheduleFormat, validateTimeZone,
 * ValidateJobSpecUpdate).
 */
import type { FieldError } from "../field-error.js";
import { cronScheduleError, isKnownTimeZone } from "./cron.js";
import { child, duplicate, index, invalid, required, tooLong, unsupported } from "./field.js";
import { FIELD_IMMUTABLE_MSG, goLabelSelector, validateLabelSelector, validateObjectMeta } from "./meta.js";
import { isDNS1123Label, isQualifiedName, nameIsDNSSubdomain } from "./names.js";
import { validatePodTemplateSpec } from "./pod.js";
import { selectorMismatch, templateMatches } from "./template.js";
import { isSet, jsonEqual, list, num, type Obj, rec, recs, str } from "./values.js";
import { nonNegative } from "./workloads.js";

const COMPLETION_MODES = ["NonIndexed", "Indexed"];
// validation.go limits.
const MAX_PARALLELISM_INDEXED = 100_000;
const MAX_FAILED_INDEXES = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const PARALLELISM_LIMIT_HIGH_COMPLETIONS = 10_000;
const MAX_FAILED_INDEXES_HIGH_COMPLETIONS = 10_000;
const MAX_POD_FAILURE_POLICY_RULES = 20;
const MAX_ON_EXIT_CODES_VALUES = 255;
const MAX_ON_POD_CONDITIONS_PATTERNS = 20;
const MAX_SUCCEEDED_INDEXES_BYTES = 64 * 1024;
const MAX_SUCCESS_POLICY_RULES = 20;
// sets.List of validation.go's supported* sets: sorted.
const ACTIONS = ["Count", "FailIndex", "FailJob", "Ignore"];
const OPERATORS = ["In", "NotIn"];
const CONDITION_STATUSES = ["False", "True", "Unknown"];
const POD_REPLACEMENT_POLICIES = ["Failed", "TerminatingOrFailed"];

const encoder = new TextEncoder();

/**
 * `field.TooMany(path, actual, max)`: `Too many: 21: must have at most 20 items`. The value goes
 * into the detail because `fieldErrorBody` prints no value for TooMany.
 */
function tooMany(field: string, actual: number, max: number): FieldError {
  return { type: "TooMany", field, detail: `${actual}: must have at most ${max} ${max === 1 ? "item" : "items"}` };
}

/**
 * `field.Invalid(path, field.OmitValueType{}, detail)`: `Invalid value: <detail>`, no value. The
 * detail stands in the value's place because `fieldErrorBody` always prints one for Invalid.
 */
function invalidOmitValue(field: string, detail: string): FieldError {
  return { type: "Invalid", field, value: null, goValue: detail };
}

/** Go's `%q` of a `[]string`: `["a" "b"]`, as the `valid values: %q` details print it. */
function goQuotedList(values: string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(" ")}]`;
}

/** Go's `%#v` of a `[]int32` from JSON: `[]int32{19, 11}`, `[]int32{}`, or `[]int32(nil)` when absent. */
function goInt32s(values: unknown): string {
  return Array.isArray(values) ? `[]int32{${values.join(", ")}}` : "[]int32(nil)";
}

/** `strconv.Atoi`: an optional sign and decimal digits within int64, else undefined. */
function atoi(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n > 9223372036854775807n || n < -9223372036854775808n ? undefined : Number(n);
}

/** `parseIndexInterval`: `x` or `x-y`, both below completions, x < y; the error text, or the interval. */
function parseIndexInterval(piece: string, completions: number): string | [number, number] {
  const limits = piece.split("-");
  if (limits.length > 2) {
    return `the fragment ${JSON.stringify(piece)} violates the requirement that an index interval can have at most two parts separated by '-'`;
  }
  const ends: number[] = [];
  for (const s of limits) {
    const n = atoi(s);
    if (n === undefined) return `cannot convert string to integer for index: ${JSON.stringify(s)}`;
    if (n >= completions) return `too large index: ${JSON.stringify(s)}`;
    ends.push(n);
  }
  const [x = 0, y = x] = ends;
  if (ends.length > 1 && x >= y) return `non-increasing order, previous: ${x}, current: ${y}`;
  return [x, y];
}

/** `validateIndexesFormat`: the number of indexes listed, or the parse error's text. */
function validateIndexesFormat(text: string, completions: number): { total: number } | { error: string } {
  if (text === "") return { total: 0 };
  let last: number | undefined;
  let total = 0;
  for (const piece of text.split(",")) {
    const iv = parseIndexInterval(piece, completions);
    if (typeof iv === "string") return { error: iv };
    const [x, y] = iv;
    if (last !== undefined && last >= x) return { error: `non-increasing order, previous: ${last}, current: ${x}` };
    total += y - x + 1;
    last = y;
  }
  return { total };
}

function validateOnExitCodes(req: Obj, path: string, containerNames: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  const opPath = child(path, "operator");
  const op = str(req.operator);
  if (op === "") errs.push(required(opPath, `valid values: ${goQuotedList(OPERATORS)}`));
  else if (!OPERATORS.includes(op)) errs.push(unsupported(opPath, op, OPERATORS));
  if (isSet(req.containerName) && !containerNames.has(str(req.containerName))) {
    errs.push(
      invalid(
        child(path, "containerName"),
        str(req.containerName),
        "must be one of the container or initContainer names in the pod template",
      ),
    );
  }
  const valuesPath = child(path, "values");
  const values = list(req.values).map((v) => num(v) ?? 0);
  if (values.length === 0) {
    errs.push(invalid(valuesPath, req.values ?? null, "at least one value is required", goInt32s(req.values)));
  } else if (values.length > MAX_ON_EXIT_CODES_VALUES) {
    errs.push(tooMany(valuesPath, values.length, MAX_ON_EXIT_CODES_VALUES));
  }
  let ordered = true;
  const seen = new Set<number>();
  values.forEach((v, j) => {
    const p = index(valuesPath, j);
    if (op === "In" && v === 0) errs.push(invalid(p, v, "must not be 0 for the In operator"));
    if (seen.has(v)) errs.push(duplicate(p, v));
    else seen.add(v);
    if (j > 0 && (values[j - 1] ?? 0) > v) ordered = false;
  });
  if (!ordered) errs.push(invalid(valuesPath, req.values, "must be ordered", goInt32s(req.values)));
  return errs;
}

function validateOnPodConditions(patterns: Obj[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (patterns.length > MAX_ON_POD_CONDITIONS_PATTERNS) {
    errs.push(tooMany(path, patterns.length, MAX_ON_POD_CONDITIONS_PATTERNS));
  }
  patterns.forEach((pattern, j) => {
    const p = index(path, j);
    const type = str(pattern.type);
    for (const msg of isQualifiedName(type)) errs.push(invalid(child(p, "type"), type, msg));
    const status = str(pattern.status);
    const statusPath = child(p, "status");
    if (status === "") errs.push(required(statusPath, `valid values: ${goQuotedList(CONDITION_STATUSES)}`));
    else if (!CONDITION_STATUSES.includes(status)) errs.push(unsupported(statusPath, status, CONDITION_STATUSES));
  });
  return errs;
}

function validatePodFailurePolicyRule(spec: Obj, rule: Obj, path: string, containerNames: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  const actionPath = child(path, "action");
  const action = str(rule.action);
  if (action === "") errs.push(required(actionPath, `valid values: ${goQuotedList(ACTIONS)}`));
  else if (action === "FailIndex") {
    if (!isSet(spec.backoffLimitPerIndex)) {
      errs.push(invalid(actionPath, action, "requires the backoffLimitPerIndex to be set"));
    }
  } else if (!ACTIONS.includes(action)) errs.push(unsupported(actionPath, action, ACTIONS));
  const onExitCodes = rec(rule.onExitCodes);
  const onPodConditions = recs(rule.onPodConditions);
  if (onExitCodes) errs.push(...validateOnExitCodes(onExitCodes, child(path, "onExitCodes"), containerNames));
  if (onPodConditions.length > 0) {
    errs.push(...validateOnPodConditions(onPodConditions, child(path, "onPodConditions")));
  }
  if (onExitCodes && onPodConditions.length > 0) {
    errs.push(invalidOmitValue(path, "specifying both OnExitCodes and OnPodConditions is not supported"));
  }
  if (!onExitCodes && onPodConditions.length === 0) {
    errs.push(invalidOmitValue(path, "specifying one of OnExitCodes and OnPodConditions is required"));
  }
  return errs;
}

function validatePodFailurePolicy(spec: Obj, policy: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const rulesPath = child(path, "rules");
  const rules = recs(policy.rules);
  if (rules.length > MAX_POD_FAILURE_POLICY_RULES) {
    errs.push(tooMany(rulesPath, rules.length, MAX_POD_FAILURE_POLICY_RULES));
  }
  const podSpec = rec(rec(spec.template)?.spec);
  const containerNames = new Set(
    [...recs(podSpec?.containers), ...recs(podSpec?.initContainers)].map((c) => str(c.name)),
  );
  rules.forEach((rule, i) => {
    errs.push(...validatePodFailurePolicyRule(spec, rule, index(rulesPath, i), containerNames));
  });
  return errs;
}

function validateSuccessPolicyRule(rule: Obj, completions: number, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!isSet(rule.succeededCount) && !isSet(rule.succeededIndexes)) {
    errs.push(required(path, "at least one of succeededCount or succeededIndexes must be specified"));
  }
  let totalIndexes = 0;
  if (isSet(rule.succeededIndexes)) {
    const p = child(path, "succeededIndexes");
    const text = str(rule.succeededIndexes);
    if (encoder.encode(text).length > MAX_SUCCEEDED_INDEXES_BYTES) errs.push(tooLong(p, MAX_SUCCEEDED_INDEXES_BYTES));
    const parsed = validateIndexesFormat(text, completions);
    if ("error" in parsed) errs.push(invalid(p, text, `error parsing succeededIndexes: ${parsed.error}`));
    else totalIndexes = parsed.total;
  }
  const count = num(rule.succeededCount);
  if (count !== undefined) {
    const p = child(path, "succeededCount");
    errs.push(...nonNegative(count, p));
    if (count > completions) {
      errs.push(
        invalid(p, count, `must be less than or equal to ${completions} (the number of specified completions)`),
      );
    }
    if (isSet(rule.succeededIndexes) && count > totalIndexes) {
      errs.push(
        invalid(
          p,
          count,
          `must be less than or equal to ${totalIndexes} (the number of indexes in the specified succeededIndexes field)`,
        ),
      );
    }
  }
  return errs;
}

function validateSuccessPolicy(spec: Obj, policy: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const rulesPath = child(path, "rules");
  const rules = recs(policy.rules);
  if (rules.length === 0) {
    errs.push(required(rulesPath, "at least one rules must be specified when the successPolicy is specified"));
  }
  if (rules.length > MAX_SUCCESS_POLICY_RULES) errs.push(tooMany(rulesPath, rules.length, MAX_SUCCESS_POLICY_RULES));
  // Upstream dereferences spec.completions here; an Indexed Job without it is already refused.
  const completions = num(spec.completions);
  if (completions === undefined) return errs;
  rules.forEach((rule, i) => {
    errs.push(...validateSuccessPolicyRule(rule, completions, index(rulesPath, i)));
  });
  return errs;
}

/** Go's `%#v` of a `batch.SuccessPolicy`; rules with set fields would print pointer addresses. */
function goSuccessPolicy(policy: Obj): string {
  const rules = policy.rules;
  const inner = !Array.isArray(rules)
    ? "[]batch.SuccessPolicyRule(nil)"
    : rules.length === 0
      ? "[]batch.SuccessPolicyRule{}"
      : "[]batch.SuccessPolicyRule{...}";
  return `batch.SuccessPolicy{Rules:${inner}}`;
}

/** `validatePodReplacementPolicy`: only Failed goes with a podFailurePolicy. */
function validatePodReplacementPolicy(spec: Obj, path: string): FieldError[] {
  if (!isSet(spec.podReplacementPolicy)) return [];
  const value = str(spec.podReplacementPolicy);
  if (isSet(spec.podFailurePolicy)) return value === "Failed" ? [] : [unsupported(path, value, ["Failed"])];
  return POD_REPLACEMENT_POLICIES.includes(value) ? [] : [unsupported(path, value, POD_REPLACEMENT_POLICIES)];
}

/** The limits of an Indexed Job: parallelism, maxFailedIndexes, and the extra ones past 100,000 completions. */
function validateIndexedLimits(spec: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const completions = num(spec.completions);
  const parallelism = num(spec.parallelism);
  const maxFailed = num(spec.maxFailedIndexes);
  if (completions === undefined) errs.push(required(child(path, "completions"), "when completion mode is Indexed"));
  if (parallelism !== undefined && parallelism > MAX_PARALLELISM_INDEXED) {
    errs.push(
      invalid(
        child(path, "parallelism"),
        parallelism,
        `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`,
      ),
    );
  }
  if (completions !== undefined && maxFailed !== undefined && maxFailed > completions) {
    errs.push(invalid(child(path, "maxFailedIndexes"), maxFailed, "must be less than or equal to completions"));
  }
  if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES) {
    errs.push(
      invalid(child(path, "maxFailedIndexes"), maxFailed, `must be less than or equal to ${MAX_FAILED_INDEXES}`),
    );
  }
  if (completions !== undefined && completions > COMPLETIONS_SOFT_LIMIT && isSet(spec.backoffLimitPerIndex)) {
    const tail = `when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
    if (maxFailed === undefined) {
      errs.push(
        required(
          child(path, "maxFailedIndexes"),
          `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`,
        ),
      );
    }
    if (parallelism !== undefined && parallelism > PARALLELISM_LIMIT_HIGH_COMPLETIONS) {
      errs.push(
        invalid(
          child(path, "parallelism"),
          parallelism,
          `must be less than or equal to ${PARALLELISM_LIMIT_HIGH_COMPLETIONS} ${tail}`,
        ),
      );
    }
    if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES_HIGH_COMPLETIONS) {
      errs.push(
        invalid(
          child(path, "maxFailedIndexes"),
          maxFailed,
          `must be less than or equal to ${MAX_FAILED_INDEXES_HIGH_COMPLETIONS} ${tail}`,
        ),
      );
    }
  }
  return errs;
}

/** `validateJobSpec`, in upstream's order: counts, completion mode, policies, then the pod template. */
function validateJobSpec(spec: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of [
    "parallelism",
    "completions",
    "activeDeadlineSeconds",
    "backoffLimit",
    "ttlSecondsAfterFinished",
    "backoffLimitPerIndex",
    "maxFailedIndexes",
  ]) {
    errs.push(...nonNegative(spec[f], child(path, f)));
  }
  if (isSet(spec.maxFailedIndexes) && !isSet(spec.backoffLimitPerIndex)) {
    errs.push(required(child(path, "backoffLimitPerIndex"), "when maxFailedIndexes is specified"));
  }
  const mode = isSet(spec.completionMode) ? str(spec.completionMode) : undefined;
  if (mode !== undefined) {
    if (!COMPLETION_MODES.includes(mode)) errs.push(unsupported(child(path, "completionMode"), mode, COMPLETION_MODES));
    if (mode === "Indexed") errs.push(...validateIndexedLimits(spec, path));
  }
  if (mode === undefined || mode === "NonIndexed") {
    for (const f of ["backoffLimitPerIndex", "maxFailedIndexes"]) {
      if (isSet(spec[f])) errs.push(invalid(child(path, f), num(spec[f]) ?? null, "requires indexed completion mode"));
    }
  }
  const pfp = rec(spec.podFailurePolicy);
  if (pfp) errs.push(...validatePodFailurePolicy(spec, pfp, child(path, "podFailurePolicy")));
  const sp = rec(spec.successPolicy);
  if (sp) {
    const p = child(path, "successPolicy");
    if (mode !== "Indexed") errs.push(invalid(p, sp, "requires indexed completion mode", goSuccessPolicy(sp)));
    else errs.push(...validateSuccessPolicy(spec, sp, p));
  }
  errs.push(...validatePodReplacementPolicy(spec, child(path, "podReplacementPolicy")));
  const template = rec(spec.template);
  errs.push(...validatePodTemplateSpec(template, child(path, "template")));
  const rp = str(rec(template?.spec)?.restartPolicy);
  const rpPath = child(path, "template", "spec", "restartPolicy");
  if (rp === "Always" || rp === "") errs.push(required(rpPath, 'valid values: "OnFailure", "Never"'));
  else if (rp !== "OnFailure" && rp !== "Never") errs.push(unsupported(rpPath, rp, ["OnFailure", "Never"]));
  else if (pfp && rp !== "Never") {
    errs.push(invalid(rpPath, rp, 'only "Never" is supported when podFailurePolicy is specified'));
  }
  return errs;
}

/**
 * `ValidateJob` (create). Without `manualSelector: true` the API server generates the selector
 * and matching template labels (pkg/registry/batch/job/strategy.go generateSelector), so only a
 * manual selector is checked here. An Indexed Job's last pod hostname (`<name>-<completions-1>`)
 * must be a DNS label.
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
  const completions = num(spec.completions);
  if (spec.completionMode === "Indexed" && completions !== undefined && completions > 0) {
    const name = str(rec(obj.metadata)?.name);
    const hostname = `${name}-${completions - 1}`;
    if (isDNS1123Label(hostname).length > 0) {
      errs.push(invalid("metadata.name", name, `will not able to create pod with invalid DNS label: ${hostname}`));
    }
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

/**
 * `ValidateJobSpecUpdate`: completions, selector, template, completionMode, podFailurePolicy,
 * backoffLimitPerIndex and successPolicy are immutable.
 */
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
  // Pointers to structs print as `%#v` of the struct; their nested pointers would print addresses.
  if (!jsonEqual(spec.podFailurePolicy ?? null, oldSpec.podFailurePolicy ?? null)) {
    const goValue = isSet(spec.podFailurePolicy) ? "batch.PodFailurePolicy{...}" : "null";
    errs.push(invalid("spec.podFailurePolicy", spec.podFailurePolicy ?? null, FIELD_IMMUTABLE_MSG, goValue));
  }
  if (!jsonEqual(spec.backoffLimitPerIndex ?? null, oldSpec.backoffLimitPerIndex ?? null)) {
    errs.push(invalid("spec.backoffLimitPerIndex", num(spec.backoffLimitPerIndex) ?? null, FIELD_IMMUTABLE_MSG));
  }
  if (!jsonEqual(spec.successPolicy ?? null, oldSpec.successPolicy ?? null)) {
    const sp = rec(spec.successPolicy);
    errs.push(invalid("spec.successPolicy", sp ?? null, FIELD_IMMUTABLE_MSG, sp ? goSuccessPolicy(sp) : "null"));
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
