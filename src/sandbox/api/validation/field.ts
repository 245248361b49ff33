/**
 * Builders for field errors and field paths, mirroring k8s.io/apimachinery/pkg/util/validation/field
 * (path.go `Child`/`Index`/`Key`, errors.go `Required`/`Invalid`/...).
 */
import type { FieldError } from "../field-error.js";

/** `field.Required(path, detail)`. */
export function required(field: string, detail = ""): FieldError {
  return detail ? { type: "Required", field, detail } : { type: "Required", field };
}

/** `field.Invalid(path, value, detail)`; `goValue` overrides how the value prints. */
export function invalid(field: string, value: unknown, detail: string, goValue?: string): FieldError {
  return goValue === undefined
    ? { type: "Invalid", field, value, detail }
    : { type: "Invalid", field, value, detail, goValue };
}

/** `field.NotSupported(path, value, supported)`. */
export function unsupported(field: string, value: unknown, supported: string[], goValue?: string): FieldError {
  const e: FieldError = { type: "Unsupported", field, value, supported };
  if (goValue !== undefined) e.goValue = goValue;
  return e;
}

/** `field.Forbidden(path, detail)`. */
export function forbidden(field: string, detail: string): FieldError {
  return { type: "Forbidden", field, detail };
}

/** `field.Duplicate(path, value)`. */
export function duplicate(field: string, value: unknown): FieldError {
  return { type: "Duplicate", field, value };
}

/** `field.NotFound(path, value)`. */
export function notFound(field: string, value: unknown): FieldError {
  return { type: "NotFound", field, value };
}

/** `field.TooLong(path, value, max)`: the value is never printed. */
export function tooLong(field: string, maxBytes: number): FieldError {
  return { type: "TooLong", field, detail: `may not be more than ${maxBytes} bytes` };
}

/** `path.Child(a, b, ...)`. */
export function child(path: string, ...names: string[]): string {
  // `[path, ...names].filter((p) => p !== "").join(".")` without its intermediate arrays: this
  // runs for nearly every field validated.
  let out: string | null = null;
  for (let i = -1; i < names.length; i++) {
    const p: unknown = i < 0 ? path : names[i];
    if (p === "") continue;
    const s = p === undefined || p === null ? "" : String(p);
    out = out === null ? s : `${out}.${s}`;
  }
  return out ?? "";
}

/** `path.Index(i)`. */
export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** `path.Key(k)`: upstream prints map keys without quotes. */
export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}

/**
 * Drops repeated identical errors, as `field.ErrorList.ToAggregate` does before the API server
 * builds its message (k8s.io/apimachinery/pkg/util/validation/field/errors.go).
 */
export function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = JSON.stringify([e.type, e.field, e.goValue ?? e.value ?? null, e.detail ?? "", e.supported ?? []]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
