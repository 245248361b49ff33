/**
 * ResourceList arithmetic of k8s.io/apiserver/pkg/quota/v1/resources.go (Add, Mask,
 * LessThanOrEqual, RemoveZeros) and the admission plugin's `prettyPrint`.
 */
import { addQuantity, compareQuantity, formatQuantity, type Quantity } from "../../../model/quantity.js";

export type ResourceList = Map<string, Quantity>;

/** Quantity with value `n` whole units, DecimalSI (resource.NewQuantity). */
export function units(n: number): Quantity {
  return { nano: BigInt(n) * 1_000_000_000n, format: "DecimalSI" };
}

/** a + b, key by key; the format of `a` wins, as Quantity.Add keeps it. */
export function addLists(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map(a);
  for (const [k, v] of b) {
    const cur = out.get(k);
    out.set(k, cur ? addQuantity(cur, v) : v);
  }
  return out;
}

/** Only the keys in `names`. */
export function mask(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: ResourceList = new Map();
  for (const n of names) {
    const v = list.get(n);
    if (v) out.set(n, v);
  }
  return out;
}

/** The keys of `a` whose value exceeds the same key of `b` (keys missing in `b` are ignored). */
export function exceededKeys(a: ResourceList, b: ResourceList): string[] {
  const out: string[] = [];
  for (const [k, v] of a) {
    const limit = b.get(k);
    if (limit && compareQuantity(v, limit) > 0) out.push(k);
  }
  return out;
}

/** Drops zero values. */
export function removeZeros(list: ResourceList): ResourceList {
  return new Map([...list].filter(([, v]) => v.nano !== 0n));
}

/** `a - b` floored at zero per key (SubtractWithNonNegativeResult). */
export function subtractNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of a) {
    const d = v.nano - (b.get(k)?.nano ?? 0n);
    out.set(k, { nano: d > 0n ? d : 0n, format: v.format });
  }
  return out;
}

/** `prettyPrint`: `name=value` sorted by name, comma-joined (resourcequota/controller.go). */
export function prettyPrint(list: ResourceList): string {
  return [...list.keys()]
    .sort()
    .map((k) => `${k}=${formatQuantity(list.get(k) as Quantity)}`)
    .join(",");
}
