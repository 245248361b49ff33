/**
 * Walkable types of the built-in kinds, compiled lazily from `definitions.json`. That table is
 * generated from the installed `kubernetes-models` (its `.d.ts` files give each property and
 * type, its ajv validators the integer widths and byte strings) and kept in step by
 * `test/sandbox/api/schema-definitions.test.ts`, which also regenerates it.
 */

import { PodsenseiError } from "../../../core/errors.js";
import table from "./definitions.json" with { type: "json" };
import { NAMED_STRING_TYPES } from "./go-types.js";

/** A field's type, as the Go JSON decoder sees it. `go` is the name its type errors print. */
export type FieldType =
  | { k: "string"; go: string }
  | { k: "bool"; go: "bool" }
  | { k: "int"; bits: 32 | 64; go: string }
  | { k: "float"; go: "float64" }
  | { k: "bytes"; go: "[]uint8" }
  | { k: "quantity"; go: "resource.Quantity" }
  | { k: "intstr"; go: "intstr.IntOrString" }
  | { k: "time"; go: "v1.Time" }
  | { k: "any"; go: "interface {}" }
  | { k: "array"; elem: FieldType; go: string }
  | { k: "map"; elem: FieldType; go: string }
  | { k: "struct"; def: string; go: string };

/** A Go struct: its package-qualified name, bare name (`DeploymentSpec`) and JSON fields. */
export interface StructType {
  go: string;
  name: string;
  fields: ReadonlyMap<string, FieldType>;
}

interface RawDefinition {
  go: string;
  fields: Record<string, string>;
}

const RAW = table.definitions as Record<string, RawDefinition>;
const KINDS = table.kinds as Record<string, string>;
const compiled = new Map<string, StructType>();

/** The struct of a built-in kind (`apps/v1`, `Deployment`), if the table has it. */
export function kindStruct(apiVersion: string, kind: string): StructType | undefined {
  const key = KINDS[`${apiVersion}|${kind}`];
  return key ? structType(key) : undefined;
}

/** The compiled struct of a definition key (`ApiCoreV1PodSpec`). */
export function structType(key: string): StructType {
  const done = compiled.get(key);
  if (done) return done;
  const raw = RAW[key];
  if (!raw) throw new PodsenseiError("SCHEMA_DEFINITION_MISSING", { key });
  const name = raw.go.slice(raw.go.indexOf(".") + 1);
  const fields = new Map<string, FieldType>();
  for (const [field, spec] of Object.entries(raw.fields)) {
    fields.set(field, parseType(spec, NAMED_STRING_TYPES[`${name}.${field}`]));
  }
  const out: StructType = { go: raw.go, name, fields };
  compiled.set(key, out);
  return out;
}

/** The definition key of ObjectMeta, which custom resources share with built-in kinds. */
export const OBJECT_META = "ApimachineryPkgApisMetaV1ObjectMeta";

function parseType(spec: string, named: string | undefined): FieldType {
  if (spec.startsWith("[]")) {
    const elem = parseType(spec.slice(2), named);
    return { k: "array", elem, go: `[]${elem.go}` };
  }
  if (spec.startsWith("map[string]")) {
    const elem = parseType(spec.slice(11), named);
    // k8s.io/api core/v1/types.go: `type ResourceList map[ResourceName]resource.Quantity`.
    return { k: "map", elem, go: elem.k === "quantity" ? "v1.ResourceList" : `map[string]${elem.go}` };
  }
  if (spec.startsWith("@")) {
    const def = spec.slice(1);
    return { k: "struct", def, go: RAW[def]?.go ?? def };
  }
  switch (spec) {
    case "string":
      return { k: "string", go: named ?? "string" };
    case "bool":
      return { k: "bool", go: "bool" };
    case "int32":
      return { k: "int", bits: 32, go: "int32" };
    case "int64":
      return { k: "int", bits: 64, go: "int64" };
    case "float64":
      return { k: "float", go: "float64" };
    case "bytes":
      return { k: "bytes", go: "[]uint8" };
    case "quantity":
      return { k: "quantity", go: "resource.Quantity" };
    case "intstr":
      return { k: "intstr", go: "intstr.IntOrString" };
    case "time":
      return { k: "time", go: "v1.Time" };
    default:
      return { k: "any", go: "interface {}" };
  }
}
