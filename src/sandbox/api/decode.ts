/**
 * Decoding: turns a parsed document into a stored-shape object, rejecting what the API server's
 * decoder rejects: wrong JSON types, malformed quantities and base64, and (with kubectl's default
 * `--validate=strict`) unknown fields. Built-in kinds are decoded against the Kubernetes OpenAPI
 * types (`schema/definitions.ts`), custom resources against their CRD's schema (`schema/structural.ts`).
 *
 * The envelope is k8s.io/apiserver pkg/endpoints/handlers/create.go (and update.go / patch.go):
 * `<Kind> in version "<version>" cannot be handled as a <Kind>: <decoder error>`; strict field
 * errors are k8s.io/apimachinery pkg/runtime/error.go strictDecodingError:
 * `strict decoding error: unknown field "spec.replica", unknown field "..."`.
 */
import { clone, type KubeObject } from "../model/object.js";
import { type CustomKindInfo, isCustomKind } from "./crd.js";
import { type FieldError, invalidMessage } from "./field-error.js";
import { kindStruct, OBJECT_META, structType } from "./schema/definitions.js";
import { decodeGoStruct } from "./schema/go-json.js";
import { apiVersionOf } from "./schema/served-kinds.js";
import { walkStructural } from "./schema/structural.js";
import type { KindInfo } from "./types.js";

export type DecodeResult = { ok: true; object: KubeObject; warnings: string[] } | { ok: false; message: string };

/**
 * What to do with unknown fields, as kubectl's `--validate` flag asks the server
 * (`fieldValidation` query parameter): reject, warn and drop, or drop silently.
 */
export type FieldValidation = "Strict" | "Warn" | "Ignore";

export interface DecodeOptions {
  /** Default `Strict`, kubectl's default since v1.27. */
  fieldValidation?: FieldValidation;
}

/**
 * Decodes one object of a served kind; never throws for bad input. The result shares nothing
 * with `input` (the decoder builds every object and list anew and copies free-form values).
 */
export function decodeObject(
  input: Record<string, unknown>,
  info: KindInfo,
  options: DecodeOptions = {},
): DecodeResult {
  const mode = options.fieldValidation ?? "Strict";
  const envelope = (detail: string) =>
    `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: ${detail}`;

  const decoded = isCustomKind(info) ? decodeCustom(input, info) : decodeBuiltIn(input, info);
  if (decoded.error !== undefined) return { ok: false, message: envelope(decoded.error) };

  const unknown = decoded.unknownFields.map((path) => `unknown field "${path}"`);
  if (unknown.length > 0 && mode === "Strict") {
    return { ok: false, message: envelope(`strict decoding error: ${unknown.join(", ")}`) };
  }
  if (decoded.invalid.length > 0) {
    const meta = decoded.value.metadata as { name?: unknown } | undefined;
    const name = typeof meta?.name === "string" ? meta.name : "";
    return { ok: false, message: invalidMessage(info.kind, name, decoded.invalid) };
  }
  const object = decoded.value as KubeObject;
  if (typeof object.metadata !== "object" || object.metadata === null) object.metadata = {};
  return { ok: true, object, warnings: mode === "Warn" ? unknown : [] };
}

interface Decoded {
  value: Record<string, unknown>;
  error?: string;
  unknownFields: string[];
  /** Schema violations found while walking a custom resource (reported as Invalid). */
  invalid: FieldError[];
}

function decodeBuiltIn(input: Record<string, unknown>, info: KindInfo): Decoded {
  const root = kindStruct(apiVersionOf(info), info.kind);
  if (!root) return { value: clone(input), unknownFields: [], invalid: [] };
  const { value, error, unknownFields } = decodeGoStruct(input, root);
  return error === undefined ? { value, unknownFields, invalid: [] } : { value, error, unknownFields, invalid: [] };
}

/**
 * A custom resource is decoded as unstructured JSON. Its metadata is unmarshalled on its own into
 * ObjectMeta (k8s.io/apiextensions-apiserver pkg/apiserver/schema/objectmeta/coerce.go
 * GetObjectMeta), so type errors name `ObjectMeta.<field>`; the rest is pruned against the CRD
 * schema when the version has one.
 */
function decodeCustom(input: Record<string, unknown>, info: CustomKindInfo): Decoded {
  const { metadata, ...rest } = clone(input);
  const meta = decodeGoStruct(
    typeof metadata === "object" && metadata !== null ? (metadata as Record<string, unknown>) : {},
    structType(OBJECT_META),
  );
  const walked = info.schema ? walkStructural(rest, info.schema) : { value: rest, unknownFields: [], errors: [] };
  const value = { ...walked.value, metadata: meta.value };
  const unknownFields = [...meta.unknownFields.map((p) => `metadata.${p}`), ...walked.unknownFields];
  const out: Decoded = { value, unknownFields, invalid: walked.errors };
  if (meta.error !== undefined) out.error = meta.error;
  return out;
}
