/**
 * `JSON.stringify(a) === JSON.stringify(b)` without building either string. Controllers and the
 * kubelet compare a freshly computed status with the stored one before every write, so that a
 * no-op write neither bumps resourceVersion nor wakes watchers; serialising both sides was most of
 * what a status write allocated. Key order matters (as it does in the serialised text): the
 * result of a write is visible in the output, so "same" has to mean the same bytes.
 */

/** Whether `JSON.stringify` leaves the value out of an object (and writes `null` in an array). */
function omitted(v: unknown): boolean {
  return v === undefined || typeof v === "function" || typeof v === "symbol";
}

function isPlain(o: object): boolean {
  const proto = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
}

/** Same serialisation as `JSON.stringify` gives for both values. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return samePrimitive(a, b);
  const aArray = Array.isArray(a);
  if (aArray !== Array.isArray(b)) return false;
  if (aArray) return sameArray(a as unknown[], b as unknown[]);
  // Dates and other objects with toJSON or their own serialisation: compare what JSON makes of them.
  if (!isPlain(a) || !isPlain(b) || "toJSON" in a || "toJSON" in b) return JSON.stringify(a) === JSON.stringify(b);
  return sameObject(a as Record<string, unknown>, b as Record<string, unknown>);
}

function samePrimitive(a: unknown, b: unknown): boolean {
  // Distinct strings or booleans never serialise alike; numbers can (NaN and Infinity are `null`).
  if (typeof a === typeof b && (typeof a === "string" || typeof a === "boolean")) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function sameArray(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    // In an array, left-out values serialise as `null`.
    if (!sameJson(omitted(x) ? null : x, omitted(y) ? null : y)) return false;
  }
  return true;
}

/**
 * Defined keys of the objects being compared, shared by every level of the recursion (each level
 * works above the length it found and cuts back to it), so comparing allocates nothing.
 */
const keys: string[] = [];

function sameObject(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const base = keys.length;
  // for-in visits own keys in Object.keys order; plain objects inherit no enumerable keys.
  for (const k in a) if (!omitted(a[k])) keys.push(k);
  const end = keys.length;
  let same = true;
  let i = base;
  for (const k in b) {
    if (omitted(b[k])) continue;
    if (i === end || keys[i] !== k) {
      same = false;
      break;
    }
    i++;
  }
  if (i !== end) same = false;
  for (let j = base; same && j < end; j++) {
    const k = keys[j] as string;
    same = sameJson(a[k], b[k]);
  }
  keys.length = base;
  return same;
}
