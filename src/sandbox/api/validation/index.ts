/**
 * Semantic validation with upstream's texts (pkg/apis/<group>/validation). Minimal first version.
 */
import type { KubeObject } from "../../model/object.js";
import type { FieldError } from "../field-error.js";
import type { KindInfo } from "../types.js";

export function validateObject(obj: KubeObject, _info: KindInfo): FieldError[] {
  if (!obj.metadata.name)
    return [{ type: "Required", field: "metadata.name", detail: "name or generateName is required" }];
  return [];
}

export function validateObjectUpdate(obj: KubeObject, _old: KubeObject, info: KindInfo): FieldError[] {
  return validateObject(obj, info);
}
