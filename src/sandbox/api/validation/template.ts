/**
 * Selector-to-template checks shared by the apps workloads (pkg/apis/apps/validation/validation.go
 * ValidatePodTemplateSpecForReplicaSet and the selector blocks of the Deployment, ReplicaSet and
 * StatefulSet specs).
 */
import { matchesLabelSelector } from "../../model/selector.js";
import type { FieldError } from "../field-error.js";
import { child, invalid, required, unsupported } from "./field.js";
import { goLabelSelector, goStringMap, selectorIsEmpty, selectorIsInvalid, validateLabelSelector } from "./meta.js";
import { validatePodTemplateSpec } from "./pod.js";
import { isSet, type Obj, rec, str, strMap } from "./values.js";

/** `selector` does not match template `labels`, with the labels printed Go-style. */
export function selectorMismatch(template: Obj | undefined, path: string): FieldError {
  const labels = rec(rec(template?.metadata)?.labels);
  return invalid(
    child(path, "metadata", "labels"),
    strMap(labels) ?? null,
    "`selector` does not match template `labels`",
    goStringMap(labels),
  );
}

/** Whether the template's labels satisfy the selector (a missing selector matches nothing). */
export function templateMatches(selector: unknown, template: Obj | undefined): boolean {
  const s = rec(selector);
  if (!s) return false;
  return matchesLabelSelector(s as Parameters<typeof matchesLabelSelector>[0], strMap(rec(template?.metadata)?.labels));
}

/**
 * The required, non-empty selector of a Deployment/ReplicaSet/StatefulSet: `Required` when
 * missing, `empty selector is invalid for <kind>` when `{}`.
 */
export function validateRequiredSelector(selector: unknown, path: string, kindWord: string): FieldError[] {
  if (!isSet(selector)) return [required(path)];
  const errs = validateLabelSelector(selector, path);
  if (selectorIsEmpty(selector)) {
    errs.push(invalid(path, selector, `empty selector is invalid for ${kindWord}`, goLabelSelector(selector)));
  }
  return errs;
}

/** The `invalid label selector` error when the selector cannot be converted. */
export function invalidSelector(
  selector: unknown,
  path: string,
  detail = "invalid label selector",
): FieldError | undefined {
  return selectorIsInvalid(selector) ? invalid(path, selector, detail, goLabelSelector(selector)) : undefined;
}

/**
 * `ValidatePodTemplateSpecForReplicaSet`: labels match the selector, the pod template is valid,
 * restartPolicy is Always and activeDeadlineSeconds is unset. `kind` names the workload in the
 * activeDeadlineSeconds text.
 */
export function validateTemplateForReplicas(
  selector: unknown,
  template: Obj | undefined,
  path: string,
  kind: string,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!template) return [required(path)];
  if (!selectorIsEmpty(selector) || !isSet(selector)) {
    if (!templateMatches(selector, template)) errs.push(selectorMismatch(template, path));
  }
  errs.push(...validatePodTemplateSpec(template, path));
  errs.push(...alwaysRestart(template, path, kind));
  return errs;
}

/** Workload templates allow only `restartPolicy: Always` and no activeDeadlineSeconds. */
export function alwaysRestart(template: Obj | undefined, path: string, kind: string): FieldError[] {
  const spec = rec(template?.spec) ?? {};
  const errs: FieldError[] = [];
  const rp = str(spec.restartPolicy);
  if (rp !== "Always") errs.push(unsupported(child(path, "spec", "restartPolicy"), rp, ["Always"]));
  if (isSet(spec.activeDeadlineSeconds)) {
    errs.push(
      invalid(
        child(path, "spec", "activeDeadlineSeconds"),
        spec.activeDeadlineSeconds,
        `activeDeadlineSeconds in ${kind} is not Supported`,
      ),
    );
  }
  return errs;
}
