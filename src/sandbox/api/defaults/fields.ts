/**
 * Small mutators for defaulting decoded objects in place. They never replace a value that is
 * present, and never throw on odd shapes: a field of the wrong type is left for validation.
 */

/** A JSON object. */
export type Obj = Record<string, unknown>;

/** The value as an object, or undefined. */
export function rec(v: unknown): Obj | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined;
}

/** The array's object items (others skipped). */
export function items(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter((x): x is Obj => rec(x) !== undefined) : [];
}

/** Sets `o[k] = value` when the field is missing, null or "". */
export function setDefault(o: Obj, k: string, value: unknown): void {
  if (o[k] === undefined || o[k] === null || o[k] === "") o[k] = value;
}

/** The object at `o[k]`, created empty when missing; undefined when the field is not an object. */
export function ensure(o: Obj, k: string): Obj | undefined {
  if (o[k] === undefined || o[k] === null) o[k] = {};
  return rec(o[k]);
}
