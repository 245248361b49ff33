/**
 * Defensive readers for the parts of a PodSpec that admission plugins look at. Objects reach
 * admission already decoded, but a malformed field must never make a plugin throw.
 */
import { type Quantity, quantityOrNull } from "../../model/quantity.js";

/** A container as admission reads it; every field may be missing. */
export interface ContainerView {
  name: string;
  restartPolicy?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  ports?: { hostPort?: number }[];
  securityContext?: unknown;
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  startupProbe?: unknown;
  lifecycle?: unknown;
}

/** Whether a value is a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The record at `value`, or an empty one. */
export function recordOf(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function containerList(value: unknown): ContainerView[] {
  if (!Array.isArray(value)) return [];
  // Well-formed entries are returned as they are, so mutating plugins edit the pod itself.
  return value
    .filter(isRecord)
    .map((c) => (typeof c.name === "string" ? (c as unknown as ContainerView) : { ...c, name: "" }));
}

/** `spec.containers`, only well-formed entries. */
export function containersOf(spec: unknown): ContainerView[] {
  return containerList(recordOf(spec).containers);
}

/** `spec.initContainers`, only well-formed entries. */
export function initContainersOf(spec: unknown): ContainerView[] {
  return containerList(recordOf(spec).initContainers);
}

/** `spec.ephemeralContainers`, only well-formed entries. */
export function ephemeralContainersOf(spec: unknown): ContainerView[] {
  return containerList(recordOf(spec).ephemeralContainers);
}

/** A `ResourceList` as parsed quantities, in the order written; unparsable values are skipped. */
export function resourceList(value: unknown): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [k, v] of Object.entries(recordOf(value))) {
    const q = quantityOrNull(v);
    if (q) out.set(k, q);
  }
  return out;
}

/** Requests and limits of one container. */
export function containerResources(c: ContainerView): {
  requests: Map<string, Quantity>;
  limits: Map<string, Quantity>;
} {
  const r = recordOf(c.resources);
  return { requests: resourceList(r.requests), limits: resourceList(r.limits) };
}
