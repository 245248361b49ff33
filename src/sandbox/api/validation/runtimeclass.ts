/**
 * RuntimeClasses (pkg/apis/node/validation/validation.go ValidateRuntimeClass,
 * ValidateRuntimeClassUpdate).
 */
import type { FieldError } from "../field-error.js";
import { invalid } from "./field.js";
import { FIELD_IMMUTABLE_MSG, validateLabels, validateObjectMeta } from "./meta.js";
import { nameIsDNSLabel, nameIsDNSSubdomain } from "./names.js";
import { validateContainerResources } from "./resources.js";
import { validateTolerations } from "./tolerations.js";
import { type Obj, rec, str } from "./values.js";

/** `ValidateRuntimeClass`: name, handler (an RFC 1123 label), overhead and scheduling. */
export function validateRuntimeClass(obj: Obj): FieldError[] {
  const errs = validateObjectMeta(rec(obj.metadata), false, nameIsDNSSubdomain);
  const handler = str(obj.handler);
  for (const msg of nameIsDNSLabel(handler, false)) errs.push(invalid("handler", handler, msg));
  const overhead = rec(obj.overhead);
  // validateOverhead reuses ValidateResourceRequirements with podFixed as limits, so errors
  // name `overhead.limits[cpu]`, not `overhead.podFixed[cpu]`.
  if (overhead) errs.push(...validateContainerResources({ limits: overhead.podFixed }, "overhead"));
  const scheduling = rec(obj.scheduling);
  if (scheduling) {
    if (scheduling.nodeSelector) errs.push(...validateLabels(scheduling.nodeSelector, "scheduling.nodeSelector"));
    errs.push(...validateTolerations(scheduling.tolerations, "scheduling.tolerations"));
  }
  return errs;
}

/** pkg/registry/node/runtimeclass/strategy.go ValidateUpdate: the create checks, then an immutable handler. */
export function validateRuntimeClassUpdate(obj: Obj, old: Obj): FieldError[] {
  const errs = validateRuntimeClass(obj);
  const handler = str(obj.handler);
  if (handler !== str(old.handler)) errs.push(invalid("handler", handler, FIELD_IMMUTABLE_MSG));
  return errs;
}
