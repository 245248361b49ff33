/**
 * PodDisruptionBudgets (pkg/apis/policy/validation/validation.go ValidatePodDisruptionBudgetSpec).
 */
import type { FieldError } from "../field-error.js";
import { invalid, unsupported } from "./field.js";
import { isNotMoreThan100Percent, validatePositiveIntOrPercent } from "./int-or-string.js";
import { validateLabelSelector, validateObjectMeta } from "./meta.js";
import { nameIsDNSSubdomain } from "./names.js";
import { isSet, type Obj, rec, str } from "./values.js";

const EVICTION_POLICIES = ["AlwaysAllow", "IfHealthyBudget"];

/** `ValidatePodDisruptionBudget`. */
export function validatePodDisruptionBudget(obj: Obj): FieldError[] {
  const spec = rec(obj.spec) ?? {};
  const errs = validateObjectMeta(rec(obj.metadata), true, nameIsDNSSubdomain);
  if (isSet(spec.minAvailable) && isSet(spec.maxUnavailable)) {
    errs.push(
      invalid(
        "spec",
        spec,
        "minAvailable and maxUnavailable cannot be both set",
        "policy.PodDisruptionBudgetSpec{...}",
      ),
    );
  }
  for (const f of ["minAvailable", "maxUnavailable"]) {
    if (!isSet(spec[f])) continue;
    errs.push(...validatePositiveIntOrPercent(spec[f], `spec.${f}`));
    errs.push(...isNotMoreThan100Percent(spec[f], `spec.${f}`));
  }
  errs.push(...validateLabelSelector(spec.selector, "spec.selector"));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (isSet(policy) && !EVICTION_POLICIES.includes(str(policy))) {
    errs.push(unsupported("spec.unhealthyPodEvictionPolicy", str(policy), EVICTION_POLICIES));
  }
  return errs;
}
