/**
 * `intstr.IntOrString` fields (maxSurge, maxUnavailable, minAvailable, ports) and the checks apps
 * and policy share (pkg/apis/apps/validation/validation.go ValidatePositiveIntOrPercent,
 * IsNotMoreThan100Percent, getIntOrPercentValue).
 */
import type { FieldError } from "../field-error.js";
import { invalid } from "./field.js";
import { IS_NEGATIVE_MSG } from "./meta.js";
import { isValidPercent } from "./names.js";

/**
 * How a field error prints an IntOrString: through its `String()` method (field/errors.go uses
 * `fmt.Stringer` when the pointer implements it), so `0` or `25%`, unquoted.
 */
export function intOrStringText(v: unknown): string {
  return typeof v === "number" ? String(v) : String(v ?? "");
}

/** `ValidatePositiveIntOrPercent`: a non-negative int, or a percent string. */
export function validatePositiveIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === "string") return isValidPercent(v).map((msg) => invalid(path, v, msg, v));
  if (typeof v === "number" && v < 0) return [invalid(path, v, IS_NEGATIVE_MSG)];
  return [];
}

/** `getIntOrPercentValue`: the number, or the percentage's number. */
export function intOrPercentValue(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    const m = /^([0-9]+)%$/.exec(v);
    return m ? Number(m[1]) : Number.NaN;
  }
  return 0;
}

/** `IsNotMoreThan100Percent`. */
export function isNotMoreThan100Percent(v: unknown, path: string): FieldError[] {
  if (typeof v !== "string" || !/^[0-9]+%$/.test(v)) return [];
  return intOrPercentValue(v) > 100 ? [invalid(path, v, "must not be greater than 100%", v)] : [];
}
