/**
 * Container resource requirements (pkg/apis/core/validation/validation.go
 * ValidateContainerResourceRequirements, ValidateResourceQuantityValue; pkg/apis/core/helper
 * IsNativeResource, IsExtendedResourceName, IsOvercommitAllowed).
 */
import { formatQuantity, milliValue, type Quantity, quantityOrNull } from "../../model/quantity.js";
import type { FieldError } from "../field-error.js";
import { child, invalid, key, required } from "./field.js";
import { IS_NEGATIVE_MSG } from "./meta.js";
import { isQualifiedName } from "./names.js";
import { type Obj, rec } from "./values.js";

const STANDARD_CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);

/** Native resources have no domain, or a `kubernetes.io/` one. */
export function isNativeResource(name: string): boolean {
  return !name.includes("/") || name.includes("kubernetes.io/");
}

/** `hugepages-<size>`. */
export function isHugePageResource(name: string): boolean {
  return name.startsWith("hugepages-");
}

/** Extended resources (`nvidia.com/gpu`): domain-prefixed, not native. */
export function isExtendedResource(name: string): boolean {
  if (isNativeResource(name) || name.startsWith("requests.")) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

/** Requests may be below limits only for native, non-hugepage resources. */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResource(name);
}

function validateResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => invalid(path, name, msg));
  if (errs.length > 0) return errs;
  if (!name.includes("/")) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePageResource(name)) {
      return [invalid(path, name, "must be a standard resource for containers")];
    }
  } else if (!isNativeResource(name) && !isExtendedResource(name)) {
    return [invalid(path, name, "doesn't follow extended resource name standard")];
  }
  return [];
}

function validateQuantityValue(name: string, q: Quantity, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (q.nano < 0n) errs.push(invalid(path, formatQuantity(q), IS_NEGATIVE_MSG));
  if (isExtendedResource(name) && milliValue(q) % 1000 !== 0) {
    errs.push(invalid(path, formatQuantity(q), "must be an integer", formatQuantity(q)));
  }
  return errs;
}

function quantities(v: unknown): [string, Quantity][] {
  const out: [string, Quantity][] = [];
  for (const [k, raw] of Object.entries(rec(v) ?? {})) {
    const q = quantityOrNull(raw);
    if (q) out.push([k, q]);
  }
  return out;
}

/** Validates `resources` of one container; `path` ends in `.resources`. */
export function validateContainerResources(resources: Obj | undefined, path: string): FieldError[] {
  const r = resources ?? {};
  const limPath = child(path, "limits");
  const reqPath = child(path, "requests");
  const errs: FieldError[] = [];
  const limits = new Map(quantities(r.limits));
  for (const [name, q] of limits) {
    errs.push(...validateResourceName(name, key(limPath, name)));
    errs.push(...validateQuantityValue(name, q, key(limPath, name)));
  }
  for (const [name, q] of quantities(r.requests)) {
    errs.push(...validateResourceName(name, key(reqPath, name)));
    errs.push(...validateQuantityValue(name, q, key(reqPath, name)));
    const limit = limits.get(name);
    if (limit) {
      const cmp = q.nano === limit.nano ? 0 : q.nano > limit.nano ? 1 : -1;
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        errs.push(invalid(reqPath, formatQuantity(q), `must be equal to ${name} limit of ${formatQuantity(limit)}`));
      } else if (cmp > 0) {
        errs.push(
          invalid(
            reqPath,
            formatQuantity(q),
            `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`,
          ),
        );
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, "Limit must be set for non overcommitable resources"));
    }
  }
  return errs;
}
