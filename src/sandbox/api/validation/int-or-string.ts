/**
 * `intstr.IntOrString` fields (maxSurge, maxUnavailable, minAvailable, ports) and the checks apps
 * and policy share (pkg/apis/apps/validation/validation.go ValidatePositiveIntOrPercent,
 * IsNotMoreThan100Percent, getIntOrPercentValue).
 */
import { type FieldError, goQuote } from "../field-error.js";
import { invalid } from "./field.js";
import { IS_NEGATIVE_MSG } from "./meta.js";
import { isValidPercent } from "./names.js";

/**
 * How a field error prints an IntOrString: Go's `%#v` of the struct. `field.Error.ErrorBody`
 * dereferences pointers and uses `String()` only for values implementing `fmt.Stringer`, and
 * `IntOrString.String()` has a pointer receiver, so validation's IntOrString values never qualify.
 * Real output: `Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"0%"}: may not be 0 when
 * `maxSurge` is 0`. An unset field is the zero value (Type 0, IntVal 0).
 */
export function intOrStringGoValue(v: unknown): string {
  if (typeof v === "string") return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${typeof v === "number" ? v : 0}, StrVal:""}`;
}

/** `ValidatePositiveIntOrPercent`: a non-negative int, or a percent string. */
export function validatePositiveIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === "string") return isValidPercent(v).map((msg) => invalid(path, v, msg, intOrStringGoValue(v)));
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
  return intOrPercentValue(v) > 100 ? [invalid(path, v, "must not be greater than 100%", intOrStringGoValue(v))] : [];
}
