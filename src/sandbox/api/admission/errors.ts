/**
 * How admission plugins word their refusals, as k8s.io/apiserver/pkg/admission/errors.go
 * (`NewForbidden`) and k8s.io/apimachinery/pkg/api/errors (`NewForbidden`, `NewNotFound`) do.
 */
import type { AdmissionAttributes, AdmissionDenial } from "../types.js";

/** `<resource>[.<group>]`, as `schema.GroupResource.String()` prints it. */
export function qualifiedResource(attrs: AdmissionAttributes): string {
  return attrs.kind.group ? `${attrs.kind.resource}.${attrs.kind.group}` : attrs.kind.resource;
}

/**
 * `pods "web" is forbidden: <reason>`; the name falls back to generateName as upstream's
 * extractResourceName does (k8s.io/apiserver/pkg/admission/errors.go).
 */
export function forbidden(attrs: AdmissionAttributes, reason: string): AdmissionDenial {
  const name = attrs.name || attrs.object.metadata.generateName || "";
  const resource = qualifiedResource(attrs);
  const message = name ? `${resource} "${name}" is forbidden: ${reason}` : `${resource} is forbidden: ${reason}`;
  return { reason: "Forbidden", message };
}

/** `namespaces "x" not found` (apimachinery errors.NewNotFound). */
export function notFound(resource: string, name: string): AdmissionDenial {
  return { reason: "NotFound", message: `${resource} "${name}" not found` };
}

/**
 * The text of `utilerrors.NewAggregate(errs)` (k8s.io/apimachinery/pkg/util/errors/errors.go):
 * one message alone, several de-duplicated inside `[a, b]`.
 */
export function aggregate(messages: string[]): string {
  const unique = [...new Set(messages)];
  if (unique.length === 1) return unique[0] ?? "";
  return `[${unique.join(", ")}]`;
}
