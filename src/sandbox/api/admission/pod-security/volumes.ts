/** `spec.volumes`, only well-formed entries (for the volume checks). */
import { isRecord } from "../pod-spec.js";

/** The pod's volumes as plain records. */
export function volumesOf(spec: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(spec.volumes) ? spec.volumes.filter(isRecord) : [];
}
