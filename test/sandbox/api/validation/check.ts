/**
 * Test helper: runs the API server's defaulting then validation on a manifest, the way the
 * pipeline does, and returns the printed field errors.
 */
import { applyDefaults } from "../../../../src/sandbox/api/defaults/index.js";
import { fieldErrorText } from "../../../../src/sandbox/api/field-error.js";
import { validateObject, validateObjectUpdate } from "../../../../src/sandbox/api/validation/index.js";
import type { KubeObject } from "../../../../src/sandbox/model/object.js";
import { kind } from "./kinds.js";

function prepare(manifest: unknown): KubeObject {
  const obj = structuredClone(manifest) as KubeObject;
  obj.metadata ??= {};
  const info = kind(obj.kind);
  if (info.namespaced) obj.metadata.namespace ??= "default";
  applyDefaults(obj, info);
  return obj;
}

/** Field errors of creating the manifest, as `<field>: <body>` lines. */
export function errorsOf(manifest: unknown): string[] {
  const obj = prepare(manifest);
  return validateObject(obj, kind(obj.kind)).map(fieldErrorText);
}

/** Field errors of applying `next` over the stored `previous`. */
export function updateErrorsOf(previous: unknown, next: unknown): string[] {
  const old = prepare(previous);
  const obj = prepare(next);
  return validateObjectUpdate(obj, old, kind(obj.kind)).map(fieldErrorText);
}
