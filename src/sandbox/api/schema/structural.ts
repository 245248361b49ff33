/**
 * Custom resources against their CRD's `openAPIV3Schema`, kept simple: pruning of undeclared
 * fields (k8s.io/apiextensions-apiserver pkg/apiserver/schema/pruning/algorithm.go, whose paths a
 * strict request turns into `unknown field "spec.foo"` in customresource_handler.go) and JSON
 * type checks (kube-openapi pkg/validation/errors/schema.go InvalidType:
 * `spec.replicas in body must be of type integer: "string"`). Value validations (pattern,
 * minimum, enum, CEL rules) are not modelled.
 */
import type { FieldError } from "../field-error.js";

/** The subset of a JSONSchemaProps this walk reads. */
export interface CrdSchema {
  type?: string;
  properties?: Record<string, CrdSchema>;
  additionalProperties?: CrdSchema | boolean;
  items?: CrdSchema;
  nullable?: boolean;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-embedded-resource"?: boolean;
}

/** What the walk found: the pruned value, unknown field paths and type errors. */
export interface StructuralResult {
  value: Record<string, unknown>;
  unknownFields: string[];
  errors: FieldError[];
}

/** Fields every object with `x-kubernetes-embedded-resource` (and the root) keeps implicitly. */
const IMPLICIT = new Set(["apiVersion", "kind", "metadata"]);

/** Walks a custom resource (without apiVersion, kind, metadata handling: the caller does those). */
export function walkStructural(obj: Record<string, unknown>, schema: CrdSchema): StructuralResult {
  const result: StructuralResult = { value: {}, unknownFields: [], errors: [] };
  result.value = walkObject(obj, schema, "", true, result);
  return result;
}

/** The JSON type name kube-openapi reports for a value. */
function typeName(v: unknown): string {
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  if (v === null) return "null";
  return Array.isArray(v) ? "array" : "object";
}

function matches(expected: string, actual: string): boolean {
  return expected === actual || (expected === "number" && actual === "integer");
}

function walk(v: unknown, schema: CrdSchema, path: string, result: StructuralResult): unknown {
  const actual = typeName(v);
  const intOrString = schema["x-kubernetes-int-or-string"] === true;
  if (intOrString ? actual !== "integer" && actual !== "string" : schema.type && !matches(schema.type, actual)) {
    const expected = intOrString ? "integer,string" : (schema.type ?? "");
    result.errors.push({
      type: "Invalid",
      field: path,
      value: actual,
      detail: `${path} in body must be of type ${expected}: ${JSON.stringify(actual)}`,
    });
    return v;
  }
  if (Array.isArray(v)) {
    const items = schema.items;
    return items ? v.map((item, i) => walk(item, items, `${path}[${i}]`, result)) : v;
  }
  if (actual === "object") {
    return walkObject(
      v as Record<string, unknown>,
      schema,
      path,
      schema["x-kubernetes-embedded-resource"] === true,
      result,
    );
  }
  return v;
}

function walkObject(
  obj: Record<string, unknown>,
  schema: CrdSchema,
  path: string,
  implicitMeta: boolean,
  result: StructuralResult,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const extra = typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined;
  const keepUnknown = schema["x-kubernetes-preserve-unknown-fields"] === true || schema.additionalProperties === true;
  for (const [key, item] of Object.entries(obj)) {
    const child = path === "" ? key : `${path}.${key}`;
    if (implicitMeta && IMPLICIT.has(key)) {
      out[key] = item;
      continue;
    }
    if (item === null && !schema.properties?.[key]?.nullable) continue;
    const sub = schema.properties?.[key] ?? extra;
    if (sub) out[key] = walk(item, sub, child, result);
    else if (keepUnknown) out[key] = item;
    else result.unknownFields.push(child);
  }
  return out;
}
