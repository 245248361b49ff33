/**
 * The shape of a Pod Security Standards check (k8s.io/pod-security-admission/policy/checks.go)
 * and the small text helpers every check uses (policy/helpers.go, policy/visitor.go).
 */
import type { ObjectMeta } from "../../../model/object.js";
import { type ContainerView, containersOf, ephemeralContainersOf, initContainersOf, recordOf } from "../pod-spec.js";

/** A policy level (k8s.io/pod-security-admission/api Level). */
export type Level = "privileged" | "baseline" | "restricted";

/** CheckResult: a forbidden check has a reason and, usually, a detail. */
export type CheckResult = { allowed: true } | { allowed: false; reason: string; detail: string };

/** What a check reads: the pod's metadata and spec (a plain object, any field may be missing). */
export type CheckPodFn = (meta: ObjectMeta, spec: Record<string, unknown>) => CheckResult;

/** One check of the current policy version. */
export interface Check {
  /** The upstream CheckID; the evaluation order sorts by it. */
  id: string;
  level: "baseline" | "restricted";
  /** Baseline checks this restricted check replaces (OverrideCheckIDs). */
  overrides?: string[];
  check: CheckPodFn;
}

export const ALLOWED: CheckResult = { allowed: true };

/** A forbidden result. */
export function deny(reason: string, detail: string): CheckResult {
  return { allowed: false, reason, detail };
}

/** joinQuote: `"a", "b"`. */
export function joinQuote(items: string[]): string {
  return items.length === 0 ? "" : `"${items.join('", "')}"`;
}

/** pluralize. */
export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** `container "a"` / `containers "a", "b"`. */
export function containersText(names: string[]): string {
  return `${pluralize("container", "containers", names.length)} ${joinQuote(names)}`;
}

/** visitContainers: init containers, then containers, then ephemeral containers. */
export function allContainers(spec: Record<string, unknown>): ContainerView[] {
  return [...initContainersOf(spec), ...containersOf(spec), ...ephemeralContainersOf(spec)];
}

/** A container's securityContext, or an empty record. */
export function securityContext(c: ContainerView): Record<string, unknown> {
  return recordOf(c.securityContext);
}

/** The pod's securityContext, or an empty record. */
export function podSecurityContext(spec: Record<string, unknown>): Record<string, unknown> {
  return recordOf(spec.securityContext);
}

/** Sorted unique strings (sets.NewString(...).List()). */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** Whether the pod declares `spec.os.name: windows` (checks from 1.25 exempt such pods). */
export function isWindowsPod(spec: Record<string, unknown>): boolean {
  return recordOf(spec.os).name === "windows";
}

export { recordOf } from "../pod-spec.js";
