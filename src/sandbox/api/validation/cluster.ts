/**
 * Cluster-scoped core kinds: Namespaces and Nodes (pkg/apis/core/validation/validation.go
 * ValidateNamespace, ValidateNode).
 */
import type { FieldError } from "../field-error.js";
import { validateObjectMeta } from "./meta.js";
import { nameIsDNSLabel, nameIsDNSSubdomain } from "./names.js";
import { validateTaints } from "./tolerations.js";
import { type Obj, rec } from "./values.js";

/** `ValidateNamespace`: the name is an RFC 1123 label. */
export function validateNamespace(obj: Obj): FieldError[] {
  return validateObjectMeta(rec(obj.metadata), false, nameIsDNSLabel);
}

/** `ValidateNode`: name and taints. */
export function validateNode(obj: Obj): FieldError[] {
  return [
    ...validateObjectMeta(rec(obj.metadata), false, nameIsDNSSubdomain),
    ...validateTaints(rec(obj.spec)?.taints, "spec.taints"),
  ];
}
