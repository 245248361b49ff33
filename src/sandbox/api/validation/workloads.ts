/**
 * Deployments, ReplicaSets and DaemonSets (pkg/apis/apps/validation/validation.go
 * ValidateDeploymentSpec, ValidateDeploymentStrategy, ValidateRollingUpdateDeployment,
 * ValidateReplicaSetSpec, ValidateDaemonSetSpec, ValidateDaemonSetUpdateStrategy) and the
 * apps/v1 rule that their selectors are immutable (pkg/registry/apps/<kind>/strategy.go).
 */
import type { FieldError } from "../field-error.js";
import { child, forbidden, invalid, required, unsupported } from "./field.js";
import {
  intOrPercentValue,
  intOrStringGoValue,
  isNotMoreThan100Percent,
  validatePositiveIntOrPercent,
} from "./int-or-string.js";
import {
  FIELD_IMMUTABLE_MSG,
  goLabelSelector,
  IS_NEGATIVE_MSG,
  selectorIsEmpty,
  validateLabelSelector,
  validateObjectMeta,
} from "./meta.js";
import { nameIsDNSSubdomain } from "./names.js";
import { validatePodTemplateSpec } from "./pod.js";
import {
  alwaysRestart,
  invalidSelector,
  selectorMismatch,
  templateMatches,
  validateRequiredSelector,
  validateTemplateForReplicas,
} from "./template.js";
import { isSet, jsonEqual, num, type Obj, rec, str } from "./values.js";

/** `ValidateNonnegativeField` for an optional integer field. */
export function nonNegative(value: unknown, path: string): FieldError[] {
  const n = num(value);
  return n !== undefined && n < 0 ? [invalid(path, n, IS_NEGATIVE_MSG)] : [];
}

function validateRollingUpdateDeployment(ru: Obj, path: string): FieldError[] {
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, child(path, "maxUnavailable")),
    ...validatePositiveIntOrPercent(ru.maxSurge, child(path, "maxSurge")),
  ];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errs.push(
      invalid(
        child(path, "maxUnavailable"),
        ru.maxUnavailable,
        "may not be 0 when `maxSurge` is 0",
        intOrStringGoValue(ru.maxUnavailable),
      ),
    );
  }
  errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, child(path, "maxUnavailable")));
  return errs;
}

function validateDeploymentStrategy(strategy: Obj, path: string): FieldError[] {
  const type = str(strategy.type);
  const ru = rec(strategy.rollingUpdate);
  if (type === "Recreate") {
    return ru
      ? [forbidden(child(path, "rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'")]
      : [];
  }
  if (type === "RollingUpdate") {
    return ru
      ? validateRollingUpdateDeployment(ru, child(path, "rollingUpdate"))
      : [required(child(path, "rollingUpdate"), "this should be defaulted and never be nil")];
  }
  return [unsupported(child(path, "type"), type, ["Recreate", "RollingUpdate"])];
}

/** `ValidateDeployment` (create). */
export function validateDeployment(obj: Obj): FieldError[] {
  const spec = rec(obj.spec) ?? {};
  const errs = validateObjectMeta(rec(obj.metadata), true, nameIsDNSSubdomain);
  errs.push(...nonNegative(spec.replicas, "spec.replicas"));
  errs.push(...validateRequiredSelector(spec.selector, "spec.selector", "deployment"));
  const bad = invalidSelector(spec.selector, "spec.selector");
  if (bad) errs.push(bad);
  else errs.push(...validateTemplateForReplicas(spec.selector, rec(spec.template), "spec.template", "ReplicaSet"));
  errs.push(...validateDeploymentStrategy(rec(spec.strategy) ?? {}, "spec.strategy"));
  errs.push(...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"));
  errs.push(...nonNegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit"));
  const pds = num(spec.progressDeadlineSeconds);
  if (pds !== undefined) {
    errs.push(...nonNegative(pds, "spec.progressDeadlineSeconds"));
    if (pds <= (num(spec.minReadySeconds) ?? 0)) {
      errs.push(invalid("spec.progressDeadlineSeconds", pds, "must be greater than minReadySeconds"));
    }
  }
  return errs;
}

/** `ValidateReplicaSet` (create); upstream says "for deployment" here too. */
export function validateReplicaSet(obj: Obj): FieldError[] {
  const spec = rec(obj.spec) ?? {};
  const errs = validateObjectMeta(rec(obj.metadata), true, nameIsDNSSubdomain);
  errs.push(...nonNegative(spec.replicas, "spec.replicas"));
  errs.push(...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"));
  errs.push(...validateRequiredSelector(spec.selector, "spec.selector", "deployment"));
  const bad = invalidSelector(spec.selector, "spec.selector");
  if (bad) errs.push(bad);
  else errs.push(...validateTemplateForReplicas(spec.selector, rec(spec.template), "spec.template", "ReplicaSet"));
  return errs;
}

function validateDaemonSetStrategy(strategy: Obj, path: string): FieldError[] {
  const type = str(strategy.type);
  if (type === "OnDelete") return [];
  if (type !== "RollingUpdate") return [unsupported(child(path, "type"), type, ["RollingUpdate", "OnDelete"])];
  const ru = rec(strategy.rollingUpdate);
  if (!ru) return [required(child(path, "rollingUpdate"))];
  const p = child(path, "rollingUpdate");
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, child(p, "maxUnavailable")),
    ...validatePositiveIntOrPercent(ru.maxSurge, child(p, "maxSurge")),
    ...isNotMoreThan100Percent(ru.maxUnavailable, child(p, "maxUnavailable")),
    ...isNotMoreThan100Percent(ru.maxSurge, child(p, "maxSurge")),
  ];
  const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) {
    errs.push(
      invalid(
        child(p, "maxSurge"),
        ru.maxSurge,
        "may not be set when maxUnavailable is non-zero",
        intOrStringGoValue(ru.maxSurge),
      ),
    );
  } else if (!hasUnavailable && !hasSurge) {
    errs.push(required(child(p, "maxUnavailable"), "cannot be 0 when maxSurge is 0"));
  }
  return errs;
}

/** `ValidateDaemonSet` (create). */
export function validateDaemonSet(obj: Obj): FieldError[] {
  const spec = rec(obj.spec) ?? {};
  const template = rec(spec.template);
  const errs = validateObjectMeta(rec(obj.metadata), true, nameIsDNSSubdomain);
  errs.push(...validateLabelSelector(spec.selector, "spec.selector"));
  if (!invalidSelector(spec.selector, "spec.selector") && !(isSet(spec.selector) && selectorIsEmpty(spec.selector))) {
    if (!templateMatches(spec.selector, template)) errs.push(selectorMismatch(template, "spec.template"));
  }
  if (isSet(spec.selector) && selectorIsEmpty(spec.selector)) {
    errs.push(
      invalid(
        "spec.selector",
        spec.selector,
        "empty selector is invalid for daemonset",
        goLabelSelector(spec.selector),
      ),
    );
  }
  errs.push(...validatePodTemplateSpec(template, "spec.template"));
  errs.push(...alwaysRestart(template, "spec.template", "DaemonSet"));
  errs.push(...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"));
  errs.push(...validateDaemonSetStrategy(rec(spec.updateStrategy) ?? {}, "spec.updateStrategy"));
  errs.push(...nonNegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit"));
  return errs;
}

/** `ValidateImmutableField` for `spec.selector`, printed as the selector's `String()`. */
export function immutableSelector(obj: Obj, old: Obj): FieldError[] {
  const sel = rec(obj.spec)?.selector;
  const oldSel = rec(old.spec)?.selector;
  return jsonEqual(sel ?? null, oldSel ?? null)
    ? []
    : [invalid("spec.selector", sel ?? null, FIELD_IMMUTABLE_MSG, goLabelSelector(sel))];
}
