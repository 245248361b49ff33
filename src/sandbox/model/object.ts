/**
 * The object shapes the simulated cluster passes around. Objects stay plain JSON (as the API server
 * stores them); typed access to specs uses the interfaces of `kubernetes-models` where it helps.
 */

import type { INode } from "kubernetes-models/v1/Node";
import type { IPod } from "kubernetes-models/v1/Pod";

/** Where an object came from in the learner's input: 1-based document index and line. */
export interface SourceRef {
  document: number;
  line: number;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  [key: string]: unknown;
}

/** Any Kubernetes object as stored: apiVersion, kind, metadata, and kind-specific fields. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
  [key: string]: unknown;
}

/** A stored Pod (metadata is always present once stored). */
export type Pod = KubeObject & Omit<IPod, "metadata"> & { metadata: ObjectMeta };
/** A stored Node. */
export type Node = KubeObject & Omit<INode, "metadata"> & { metadata: ObjectMeta };

/** `namespace/name`, or `name` for cluster-scoped objects. */
export function objectKey(obj: { metadata: ObjectMeta }): string {
  const ns = obj.metadata.namespace;
  return ns ? `${ns}/${obj.metadata.name ?? ""}` : (obj.metadata.name ?? "");
}

/** `Kind/name`, as used in the JSON result's `object` fields. */
export function objectRef(obj: { kind: string; metadata: ObjectMeta }): string {
  return `${obj.kind}/${obj.metadata.name ?? ""}`;
}

/** The owner reference marked `controller: true`, if any. */
export function controllerOf(obj: { metadata: ObjectMeta }): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

/**
 * Deep copy of a JSON object (objects in the store are never shared with callers).
 *
 * Hand-written rather than `structuredClone` because it is the simulator's hottest function (every
 * store patch and pod creation copies an object) and a plain recursive copy of JSON data is
 * several times faster. It gives the same result as `structuredClone` for what the sandbox stores
 * (plain objects, arrays, primitives, `undefined`-valued keys kept, a `__proto__` key kept as
 * data); anything else (a Date, a Map) still goes through `structuredClone`.
 */
export function clone<T>(value: T): T {
  return copyValue(value) as T;
}

function copyValue(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyValue(value[i]);
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = copyValue((value as Record<string, unknown>)[key]);
    // Plain assignment would make a learner's `__proto__` key the copy's prototype.
    if (key === "__proto__")
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out;
}
