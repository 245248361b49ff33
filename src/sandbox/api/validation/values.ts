/**
 * Defensive readers for decoded objects: validation never trusts a field's shape, so a
 * surprising value reads as "absent" instead of throwing.
 */

/** A JSON object. */
export type Obj = Record<string, unknown>;

/** The value as an object, or undefined when it is not one. */
export function rec(v: unknown): Obj | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined;
}

/** The value as an array (empty when it is not one). */
export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The array's items as objects; items that are not objects read as `{}`. */
export function recs(v: unknown): Obj[] {
  return list(v).map((x) => rec(x) ?? {});
}

/** The value as a string ("" when it is not one). */
export function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** The value as a finite number, or undefined. */
export function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** Whether a field is set (neither missing nor null). */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** A string-to-string map, keeping only string values; undefined when not an object. */
export function strMap(v: unknown): Record<string, string> | undefined {
  const o = rec(v);
  if (!o) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(o)) out[k] = typeof x === "string" ? x : String(x ?? "");
  return out;
}

/** Stable structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  const o = rec(v);
  if (o) {
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(v ?? null);
}
