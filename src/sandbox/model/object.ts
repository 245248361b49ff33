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

/** Deep copy of a JSON object (objects in the store are never shared with callers). */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
