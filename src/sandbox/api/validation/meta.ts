/**
 * Object metadata, labels, annotations and label selectors
 * (k8s.io/apimachinery/pkg/api/validation/objectmeta.go, pkg/apis/meta/v1/validation/validation.go).
 */

import { utf8Length } from "../../parse/utf8.js";
import type { FieldError } from "../field-error.js";
import { child, forbidden, index, invalid, required, tooLong } from "./field.js";
import { isQualifiedName, isValidLabelValue, type NameFunc, nameIsDNSLabel } from "./names.js";
import { list, num, type Obj, rec, str } from "./values.js";

/** objectmeta.go TotalAnnotationSizeLimitB: 256 KiB. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
/** apimachinery validation IsNegativeErrorMsg. */
export const IS_NEGATIVE_MSG = "must be greater than or equal to 0";
/** apimachinery validation FieldImmutableErrorMsg. */
export const FIELD_IMMUTABLE_MSG = "field is immutable";

/** `ValidateObjectMeta`: name (or generateName), namespace, generation, labels, annotations. */
export function validateObjectMeta(
  meta: Obj | undefined,
  namespaced: boolean,
  nameFn: NameFunc,
  path = "metadata",
): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  const generateName = str(m.generateName);
  if (generateName) {
    for (const msg of nameFn(generateName, true)) errs.push(invalid(child(path, "generateName"), generateName, msg));
  }
  const name = str(m.name);
  if (!name) errs.push(required(child(path, "name"), "name or generateName is required"));
  else for (const msg of nameFn(name, false)) errs.push(invalid(child(path, "name"), name, msg));
  const ns = str(m.namespace);
  if (namespaced) {
    if (!ns) errs.push(required(child(path, "namespace")));
    else for (const msg of nameIsDNSLabel(ns, false)) errs.push(invalid(child(path, "namespace"), ns, msg));
  } else if (ns) {
    errs.push(forbidden(child(path, "namespace"), "not allowed on this type"));
  }
  const generation = num(m.generation);
  if (generation !== undefined && generation < 0)
    errs.push(invalid(child(path, "generation"), generation, IS_NEGATIVE_MSG));
  errs.push(...validateLabels(m.labels, child(path, "labels")));
  errs.push(...validateAnnotations(m.annotations, child(path, "annotations")));
  return errs;
}

/** `ValidateLabelName`: a label key must be a qualified name. */
export function validateLabelName(k: string, path: string): FieldError[] {
  return isQualifiedName(k).map((msg) => invalid(path, k, msg));
}

/** `ValidateLabels`: keys and values; errors name the map's path, not the key's. */
export function validateLabels(labels: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(rec(labels) ?? {})) {
    errs.push(...validateLabelName(k, path));
    const value = typeof v === "string" ? v : String(v ?? "");
    for (const msg of isValidLabelValue(value)) errs.push(invalid(path, value, msg));
  }
  return errs;
}

/** `ValidateAnnotations`: keys are case-insensitive qualified names; total size at most 256 KiB. */
export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(rec(annotations) ?? {})) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, msg));
    size += utf8Length(k) + utf8Length(typeof v === "string" ? v : String(v ?? ""));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

const SELECTOR_OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist"];

/** `ValidateLabelSelector` (meta/v1 validation): matchLabels and each requirement. */
export function validateLabelSelector(selector: unknown, path: string): FieldError[] {
  const s = rec(selector);
  if (!s) return [];
  const errs = validateLabels(s.matchLabels, child(path, "matchLabels"));
  list(s.matchExpressions).forEach((raw, i) => {
    const r = rec(raw) ?? {};
    const p = index(child(path, "matchExpressions"), i);
    const op = str(r.operator);
    const values = list(r.values);
    if (op === "In" || op === "NotIn") {
      if (values.length === 0)
        errs.push(required(child(p, "values"), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === "Exists" || op === "DoesNotExist") {
      if (values.length > 0) {
        errs.push(forbidden(child(p, "values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      }
    } else {
      errs.push(invalid(child(p, "operator"), op, "not a valid selector operator"));
    }
    errs.push(...validateLabelName(str(r.key), child(p, "key")));
    values.forEach((v, j) => {
      for (const msg of isValidLabelValue(str(v))) errs.push(invalid(index(child(p, "values"), j), str(v), msg));
    });
  });
  return errs;
}

/** Whether `metav1.LabelSelectorAsSelector` would fail (an unknown operator). */
export function selectorIsInvalid(selector: unknown): boolean {
  return list(rec(selector)?.matchExpressions).some((r) => !SELECTOR_OPERATORS.includes(str(rec(r)?.operator)));
}

/** Whether a selector has no requirements at all (`{}`), which workloads reject. */
export function selectorIsEmpty(selector: unknown): boolean {
  const s = rec(selector) ?? {};
  return Object.keys(rec(s.matchLabels) ?? {}).length + list(s.matchExpressions).length === 0;
}

/**
 * A `*metav1.LabelSelector` as a field error prints it: its generated protobuf `String()`
 * (k8s.io/apimachinery/pkg/apis/meta/v1/generated.pb.go), keys sorted.
 */
export function goLabelSelector(selector: unknown): string {
  const s = rec(selector);
  if (!s) return "null";
  const labels = rec(s.matchLabels) ?? {};
  const keys = Object.keys(labels).sort();
  const ml = `map[string]string{${keys.map((k) => `${k}: ${str(labels[k])},`).join("")}}`;
  const exprs = list(s.matchExpressions)
    .map((raw) => {
      const r = rec(raw) ?? {};
      const values = list(r.values).map(str).join(" ");
      return `LabelSelectorRequirement{Key:${str(r.key)},Operator:${str(r.operator)},Values:[${values}],},`;
    })
    .join("");
  return `&LabelSelector{MatchLabels:${ml},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

/** A Go `map[string]string` as `%#v` prints it; a missing map is `map[string]string(nil)`. */
export function goStringMap(m: unknown): string | undefined {
  return rec(m) ? undefined : "map[string]string(nil)";
}
