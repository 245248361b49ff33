/**
 * v1 ReplicationController (pkg/apis/core/validation/validation.go
 * ValidateReplicationControllerSpec, ValidateNonEmptySelector, ValidatePodTemplateSpecForRC):
 * the selector is a plain map and must not be empty; when it is set, the template's labels must
 * match it.
 */
import type { FieldError } from "../field-error.js";
import { child, invalid, required } from "./field.js";
import { validateObjectMeta } from "./meta.js";
import { nameIsDNSSubdomain } from "./names.js";
import { validatePodTemplateSpec } from "./pod.js";
import { alwaysRestart } from "./template.js";
import { type Obj, rec } from "./values.js";
import { nonNegative } from "./workloads.js";

function stringMap(v: unknown): Record<string, string> {
  const r = rec(v) ?? {};
  return Object.fromEntries(Object.entries(r).filter((e): e is [string, string] => typeof e[1] === "string"));
}

export function validateReplicationController(obj: Obj): FieldError[] {
  const spec = rec(obj.spec) ?? {};
  const errs = validateObjectMeta(rec(obj.metadata), true, nameIsDNSSubdomain);
  const selector = stringMap(spec.selector);
  if (Object.keys(selector).length === 0) errs.push(required("spec.selector"));
  errs.push(...nonNegative(spec.replicas, "spec.replicas"));
  const template = rec(spec.template);
  if (!template) {
    errs.push(required("spec.template"));
    return errs;
  }
  const labels = stringMap(rec(template.metadata)?.labels);
  const matches = Object.entries(selector).every(([k, v]) => labels[k] === v);
  if (Object.keys(selector).length > 0 && !matches) {
    errs.push(
      invalid(child("spec.template", "metadata", "labels"), labels, "`selector` does not match template `labels`"),
    );
  }
  errs.push(...validatePodTemplateSpec(template, "spec.template"));
  errs.push(...alwaysRestart(template, "spec.template", "ReplicationController"));
  return errs;
}
