/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource/quantity.go): parsing with
 * the upstream grammar, exact arithmetic at nano precision (values are rounded up to 1n as upstream
 * does), and `String()` canonical form (largest suffix that keeps an integer mantissa; BinarySI
 * values below 1024 print as DecimalSI).
 */

export type QuantityFormat = "DecimalSI" | "BinarySI" | "DecimalExponent";

export interface Quantity {
  /** Value in nano-units (1e-9 of the base unit), rounded up. */
  nano: bigint;
  format: QuantityFormat;
}

/** The regular expression kubectl quotes when a quantity cannot be decoded. */
export const QUANTITY_REGEX_TEXT = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";
const GRAMMAR = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
/** Error text of a quantity that fails to decode (quantity.go ErrFormatWrong). */
export const QUANTITY_FORMAT_ERROR = `quantities must match the regular expression '${QUANTITY_REGEX_TEXT}'`;

const NANO = 1_000_000_000n;
const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT: Record<number, string> = {
  [-9]: "n",
  [-6]: "u",
  [-3]: "m",
  0: "",
  3: "k",
  6: "M",
  9: "G",
  12: "T",
  15: "P",
  18: "E",
};
const BINARY_BY_SHIFT: Record<number, string> = { 0: "", 10: "Ki", 20: "Mi", 30: "Gi", 40: "Ti", 50: "Pi", 60: "Ei" };

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n === b > 0n ? q + 1n : q;
}

/**
 * Parsed quantities by input text. The same few texts ("100m", "128Mi") are parsed for every pod by
 * decoding, validation, admission and the scheduler, and BigInt parsing is costly; results are
 * frozen so a caller cannot change a shared one. Bounded so a hostile input cannot grow it forever.
 */
const PARSED = new Map<string, Quantity | null>();
const PARSED_MAX = 4096;

/** Parses a quantity as the API server decodes it; `null` when it does not match the grammar. */
export function parseQuantity(input: string | number): Quantity | null {
  const text = typeof input === "number" ? numberText(input) : input.trim();
  const cached = PARSED.get(text);
  if (cached !== undefined) return cached;
  const parsed = parseText(text);
  if (PARSED.size >= PARSED_MAX) PARSED.clear();
  PARSED.set(text, parsed === null ? null : Object.freeze(parsed));
  return parsed;
}

function parseText(text: string): Quantity | null {
  if (text.length === 0 || text.length > 100) return null;
  const m = GRAMMAR.exec(text);
  if (!m) return null;
  const [, numberPart = "", suffix = ""] = m;
  if ((numberPart.match(/\./g) ?? []).length > 1) return null;
  const negative = numberPart.startsWith("-");
  const digits = numberPart.replace(/^[+-]/, "");
  if (digits === "." || digits === "") return null;
  const [whole = "", frac = ""] = digits.split(".");
  const mantissa = BigInt((whole || "0") + frac) * (negative ? -1n : 1n);
  const scale = 10n ** BigInt(frac.length);

  let format: QuantityFormat;
  let numerator: bigint;
  let denominator = scale;
  if (suffix in BINARY_SUFFIX) {
    format = "BinarySI";
    numerator = mantissa * (1n << BigInt(BINARY_SUFFIX[suffix] ?? 0)) * NANO;
  } else if (suffix in DECIMAL_SUFFIX) {
    format = "DecimalSI";
    const e = DECIMAL_SUFFIX[suffix] ?? 0;
    numerator = mantissa * NANO;
    if (e >= 0) numerator *= 10n ** BigInt(e);
    else denominator *= 10n ** BigInt(-e);
  } else {
    const em = /^[eE]([-+]?[0-9]+)$/.exec(suffix);
    if (!em) return null;
    const e = Number(em[1]);
    if (!Number.isFinite(e) || Math.abs(e) > 30) return null;
    format = "DecimalExponent";
    numerator = mantissa * NANO;
    if (e >= 0) numerator *= 10n ** BigInt(e);
    else denominator *= 10n ** BigInt(-e);
  }
  return { nano: ceilDiv(numerator, denominator), format };
}

function numberText(n: number): string {
  if (Number.isInteger(n)) return BigInt(n).toString();
  return String(n);
}

/** Parses or returns null; convenience for optional fields. */
export function quantityOrNull(value: unknown): Quantity | null {
  if (typeof value === "string" || typeof value === "number") return parseQuantity(value);
  return null;
}

/** Value in base units as a float (cores, bytes, counts). */
export function toNumber(q: Quantity): number {
  return Number(q.nano) / 1e9;
}

/** `MilliValue()`: value ×1000, rounded up. */
export function milliValue(q: Quantity): number {
  return Number(ceilDiv(q.nano, 1_000_000n));
}

/** `Value()`: value rounded up to an integer. */
export function intValue(q: Quantity): number {
  return Number(ceilDiv(q.nano, NANO));
}

export function compareQuantity(a: Quantity, b: Quantity): number {
  return a.nano < b.nano ? -1 : a.nano > b.nano ? 1 : 0;
}

export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nano: a.nano + b.nano, format: a.format };
}

export function subQuantity(a: Quantity, b: Quantity): Quantity {
  return { nano: a.nano - b.nano, format: a.format };
}

/** A quantity of `nano` nano-units in the given format. */
export function quantityOf(nano: bigint, format: QuantityFormat = "DecimalSI"): Quantity {
  return { nano, format };
}

/** Canonical text, as `Quantity.String()` prints it. */
export function formatQuantity(q: Quantity): string {
  const negative = q.nano < 0n;
  const abs = negative ? -q.nano : q.nano;
  const sign = negative ? "-" : "";
  if (abs === 0n) return "0";
  let format = q.format;
  if (format === "BinarySI" && abs < 1024n * NANO) format = "DecimalSI";
  if (format === "BinarySI") {
    if (abs % NANO === 0n) {
      let value = abs / NANO;
      let shift = 0;
      while (shift < 60 && value % 1024n === 0n) {
        value /= 1024n;
        shift += 10;
      }
      return `${sign}${value}${BINARY_BY_SHIFT[shift]}`;
    }
    format = "DecimalSI";
  }
  // Decimal: remove factors of ten from the nano value, then lower the exponent to a multiple of 3.
  let mantissa = abs;
  let exponent = -9;
  while (mantissa % 10n === 0n && exponent < 18) {
    mantissa /= 10n;
    exponent += 1;
  }
  const rem = ((exponent % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(rem);
  exponent -= rem;
  if (format === "DecimalExponent") return exponent === 0 ? `${sign}${mantissa}` : `${sign}${mantissa}e${exponent}`;
  return `${sign}${mantissa}${DECIMAL_BY_EXPONENT[exponent] ?? ""}`;
}
