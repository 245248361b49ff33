/**
 * The API server's JSON decoding of a built-in kind, in miniature: sigs.k8s.io/json (a fork of Go's
 * encoding/json, internal/golang/encoding/json/decode.go) unmarshalling into the typed Go struct,
 * with strict field checking as `kubectl --validate=strict` requests it.
 *
 * What it reproduces:
 * - a value of the wrong JSON type is skipped and the first such error is kept
 *   (`json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`:
 *   the innermost struct, then every field name from the root, without list indices);
 * - custom unmarshallers stop decoding at their first error: resource.Quantity
 *   (k8s.io/apimachinery pkg/api/resource/quantity.go UnmarshalJSON), intstr.IntOrString
 *   (pkg/util/intstr/intstr.go, via encoding/json, hence "Go value"), metav1.Time (pkg/apis/meta/v1/time.go);
 * - `[]byte` fields are standard base64 (`illegal base64 data at input byte 4`);
 * - unknown fields are collected with their JSON paths, list indices included;
 * - null leaves a field unset; null in a list or map becomes the element's zero value.
 */
import { clone } from "../../model/object.js";
import { parseQuantity, QUANTITY_FORMAT_ERROR, QUANTITY_REGEX_TEXT } from "../../model/quantity.js";
import { base64ErrorOffset, base64ErrorText } from "./base64.js";
import { type FieldType, type StructType, structType } from "./definitions.js";

/** quantity.go ErrSuffix: the grammar matched but the suffix is not a known one (`5MM`). */
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";
const QUANTITY_GRAMMAR = new RegExp(QUANTITY_REGEX_TEXT);

/** What decoding found: the decoded value, the error that failed it, and unknown field paths. */
export interface GoDecodeResult {
  value: Record<string, unknown>;
  /** The decoder's error text (without the "cannot be handled" envelope), if decoding failed. */
  error?: string;
  /** JSON paths of fields the struct does not declare, in input order. */
  unknownFields: string[];
}

/** Decodes a plain object into a Go struct of the schema table. */
export function decodeGoStruct(input: Record<string, unknown>, root: StructType): GoDecodeResult {
  const walker = new Walker();
  const value = walker.struct(input, root, "") ?? {};
  return { value, error: walker.aborted ?? walker.saved, unknownFields: walker.unknown };
}

/** The JSON kind of a value as Go's decoder names it in type errors. */
function jsonKind(v: unknown): string {
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return "number";
  return Array.isArray(v) ? "array" : "object";
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function fitsInt(v: number, bits: 32 | 64): boolean {
  // An integral JSON number (no fraction or exponent) within the Go type's range.
  if (!Number.isInteger(v)) return false;
  const limit = 2 ** (bits - 1);
  return v >= -limit && v < limit;
}

function zeroOf(t: FieldType): unknown {
  switch (t.k) {
    case "string":
      return "";
    case "bool":
      return false;
    case "int":
    case "float":
      return 0;
    case "struct":
      return {};
    default:
      return null;
  }
}

class Walker {
  /** First type or base64 error; decoding goes on (decode.go saveError). */
  saved: string | undefined;
  /** Error of a custom unmarshaller; decoding stops. */
  aborted: string | undefined;
  readonly unknown: string[] = [];
  /** Go error context: the struct whose field is being decoded, and the field names from the root. */
  private structName = "";
  private readonly fieldStack: string[] = [];

  struct(v: unknown, st: StructType, path: string): Record<string, unknown> | undefined {
    if (!isPlainObject(v)) {
      this.typeError(jsonKind(v), st.go);
      return undefined;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      if (this.aborted !== undefined) break;
      const child = path === "" ? key : `${path}.${key}`;
      const t = st.fields.get(key);
      if (!t) {
        this.unknown.push(child);
        continue;
      }
      const item = v[key];
      if (item === null || item === undefined) continue;
      const outerStruct = this.structName;
      this.structName = st.name;
      this.fieldStack.push(key);
      const decoded = this.value(item, t, child);
      this.fieldStack.pop();
      this.structName = outerStruct;
      if (decoded !== undefined) setOwn(out, key, decoded);
    }
    return out;
  }

  private value(v: unknown, t: FieldType, path: string): unknown {
    switch (t.k) {
      case "string":
        return typeof v === "string" ? v : this.typeError(jsonKind(v), t.go);
      case "bool":
        return typeof v === "boolean" ? v : this.typeError(jsonKind(v), t.go);
      case "int":
        if (typeof v !== "number") return this.typeError(jsonKind(v), t.go);
        return fitsInt(v, t.bits) ? v : this.typeError(`number ${JSON.stringify(v)}`, t.go);
      case "float":
        return typeof v === "number" ? v : this.typeError(jsonKind(v), t.go);
      case "bytes":
        return this.bytes(v, t);
      case "quantity":
        return this.quantity(v);
      case "intstr":
        return this.intOrString(v);
      case "time":
        // metav1.Time.UnmarshalJSON first unmarshals a string with encoding/json.
        if (typeof v === "string") return v;
        this.aborted = `json: cannot unmarshal ${jsonKind(v)} into Go value of type string`;
        return undefined;
      case "any":
        // Decoding copies what it keeps, so the stored object never shares the caller's input.
        return clone(v);
      case "array":
        return Array.isArray(v) ? this.array(v, t.elem, path) : this.typeError(jsonKind(v), t.go);
      case "map":
        return isPlainObject(v) ? this.map(v, t.elem, path) : this.typeError(jsonKind(v), t.go);
      case "struct":
        return this.struct(v, structType(t.def), path);
    }
  }

  private array(v: unknown[], elem: FieldType, path: string): unknown[] {
    const out: unknown[] = [];
    for (let i = 0; i < v.length && this.aborted === undefined; i++) {
      const item = v[i];
      out.push(item === null ? zeroOf(elem) : this.value(item, elem, `${path}[${i}]`));
    }
    return out;
  }

  private map(v: Record<string, unknown>, elem: FieldType, path: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      if (this.aborted !== undefined) break;
      const item = v[key];
      const decoded = item === null ? zeroOf(elem) : this.value(item, elem, `${path}.${key}`);
      if (decoded !== undefined) setOwn(out, key, decoded);
    }
    return out;
  }

  private bytes(v: unknown, t: FieldType): unknown {
    if (typeof v !== "string") return this.typeError(jsonKind(v), t.go);
    const offset = base64ErrorOffset(v);
    if (offset === undefined) return v;
    this.saved ??= base64ErrorText(offset);
    return undefined;
  }

  private quantity(v: unknown): unknown {
    const text = typeof v === "string" ? v.trim() : typeof v === "number" ? JSON.stringify(v) : "";
    if ((typeof v === "string" || typeof v === "number") && parseQuantity(text) !== null) return v;
    const grammarOnly = QUANTITY_GRAMMAR.test(text) && (text.match(/\./g) ?? []).length <= 1;
    this.aborted = grammarOnly ? QUANTITY_SUFFIX_ERROR : QUANTITY_FORMAT_ERROR;
    return undefined;
  }

  private intOrString(v: unknown): unknown {
    if (typeof v === "string") return v;
    if (typeof v === "number" && fitsInt(v, 32)) return v;
    const what = typeof v === "number" ? `number ${JSON.stringify(v)}` : jsonKind(v);
    this.aborted = `json: cannot unmarshal ${what} into Go value of type int32`;
    return undefined;
  }

  private typeError(value: string, goType: string): undefined {
    this.saved ??= `json: cannot unmarshal ${value} into Go struct field ${this.structName}.${this.fieldStack.join(".")} of type ${goType}`;
    return undefined;
  }
}

/**
 * Sets `key` as an own data property. Plain assignment would treat a learner's `__proto__` key
 * as the object's prototype and silently drop it; it must stay data for validation to judge.
 */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
