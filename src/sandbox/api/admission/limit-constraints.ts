/**
 * The LimitRanger constraint checks and their texts, verbatim from
 * plugin/pkg/admission/limitranger/admission.go (minConstraint, maxConstraint,
 * maxRequestConstraint, limitRequestRatioConstraint).
 */
import { formatQuantity, type Quantity } from "../../model/quantity.js";

type List = Map<string, Quantity>;

/** resource.MaxMilliValue: above it upstream compares whole units instead of milli-units. */
const MAX_MILLI_VALUE = (2n ** 63n - 1n) / 1000n;

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}

/** requestLimitEnforcedValues: the three values at a common precision. */
function common(...qs: (Quantity | undefined)[]): bigint[] {
  const values = qs.map((q) => ceilDiv(q?.nano ?? 0n, 1_000_000_000n));
  if (values.every((v) => v <= MAX_MILLI_VALUE)) return qs.map((q) => ceilDiv(q?.nano ?? 0n, 1_000_000n));
  return values;
}

/** `minimum <res> usage per <type> is <q>, but request is <q>` and friends. */
export function minConstraint(type: string, res: string, enforced: Quantity, req: List, lim: List): string | null {
  const r = req.get(res);
  const l = lim.get(res);
  const [rv = 0n, lv = 0n, ev = 0n] = common(r, l, enforced);
  const e = formatQuantity(enforced);
  if (!r) return `minimum ${res} usage per ${type} is ${e}.  No request is specified`;
  if (rv < ev) return `minimum ${res} usage per ${type} is ${e}, but request is ${formatQuantity(r)}`;
  if (l && lv < ev) return `minimum ${res} usage per ${type} is ${e}, but limit is ${formatQuantity(l)}`;
  return null;
}

/** `maximum <res> usage per <type> is <q>, but limit is <q>` and friends. */
export function maxConstraint(type: string, res: string, enforced: Quantity, req: List, lim: List): string | null {
  const r = req.get(res);
  const l = lim.get(res);
  const [rv = 0n, lv = 0n, ev = 0n] = common(r, l, enforced);
  const e = formatQuantity(enforced);
  if (!l) return `maximum ${res} usage per ${type} is ${e}.  No limit is specified`;
  if (lv > ev) return `maximum ${res} usage per ${type} is ${e}, but limit is ${formatQuantity(l)}`;
  if (r && rv > ev) return `maximum ${res} usage per ${type} is ${e}, but request is ${formatQuantity(r)}`;
  return null;
}

/** The PersistentVolumeClaim form of the max check: only requests are user input. */
export function maxRequestConstraint(type: string, res: string, enforced: Quantity, req: List): string | null {
  const r = req.get(res);
  const [rv = 0n, , ev = 0n] = common(r, undefined, enforced);
  const e = formatQuantity(enforced);
  if (!r) return `maximum ${res} usage per ${type} is ${e}.  No request is specified`;
  if (rv > ev) return `maximum ${res} usage per ${type} is ${e}, but request is ${formatQuantity(r)}`;
  return null;
}

/** `<res> max limit to request ratio per <type> is <q>, but provided ratio is <%f>`. */
export function ratioConstraint(type: string, res: string, enforced: Quantity, req: List, lim: List): string | null {
  const r = req.get(res);
  const l = lim.get(res);
  const [rv = 0n, lv = 0n] = common(r, l, enforced);
  const e = formatQuantity(enforced);
  if (!r || rv === 0n)
    return `${res} max limit to request ratio per ${type} is ${e}, but no request is specified or request is 0`;
  if (!l || lv === 0n)
    return `${res} max limit to request ratio per ${type} is ${e}, but no limit is specified or limit is 0`;
  const ratio = Number(lv) / Number(rv);
  const enforcedUnits = ceilDiv(enforced.nano, 1_000_000_000n);
  const exceeded =
    enforcedUnits <= MAX_MILLI_VALUE
      ? ratio * 1000 > Number(ceilDiv(enforced.nano, 1_000_000n))
      : ratio > Number(enforcedUnits);
  // Go's %f prints six decimals.
  return exceeded
    ? `${res} max limit to request ratio per ${type} is ${e}, but provided ratio is ${ratio.toFixed(6)}`
    : null;
}
