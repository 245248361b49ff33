/** Builders shared by the admission tests: a store, a context, attributes and small objects. */

import { ObjectStore } from "../../../../src/sandbox/api/store.js";
import type {
  AdmissionAttributes,
  AdmissionContext,
  AdmissionOperation,
  KindInfo,
} from "../../../../src/sandbox/api/types.js";
import type { KubeObject } from "../../../../src/sandbox/model/object.js";
import { SeededRandom } from "../../../../src/sandbox/model/random.js";

export const KINDS: Record<string, KindInfo> = {
  Pod: { group: "", version: "v1", kind: "Pod", resource: "pods", namespaced: true },
  Service: { group: "", version: "v1", kind: "Service", resource: "services", namespaced: true },
  ConfigMap: { group: "", version: "v1", kind: "ConfigMap", resource: "configmaps", namespaced: true },
  PersistentVolumeClaim: {
    group: "",
    version: "v1",
    kind: "PersistentVolumeClaim",
    resource: "persistentvolumeclaims",
    namespaced: true,
  },
  Deployment: { group: "apps", version: "v1", kind: "Deployment", resource: "deployments", namespaced: true },
  CronJob: { group: "batch", version: "v1", kind: "CronJob", resource: "cronjobs", namespaced: true },
  Namespace: { group: "", version: "v1", kind: "Namespace", resource: "namespaces", namespaced: false },
  Node: { group: "", version: "v1", kind: "Node", resource: "nodes", namespaced: false },
  PriorityClass: {
    group: "scheduling.k8s.io",
    version: "v1",
    kind: "PriorityClass",
    resource: "priorityclasses",
    namespaced: false,
  },
};

export function context(store = new ObjectStore()): AdmissionContext {
  return { store, random: new SeededRandom(7), warnings: [], now: 0 };
}

export function attrs(
  object: KubeObject,
  operation: AdmissionOperation = "CREATE",
  old?: KubeObject,
): AdmissionAttributes {
  const kind = KINDS[object.kind];
  if (!kind) throw new Error(`fixture: unknown kind ${object.kind}`);
  return {
    operation,
    kind,
    object,
    old,
    namespace: kind.namespaced ? (object.metadata.namespace ?? "default") : undefined,
    name: object.metadata.name ?? "",
    origin: "user",
  };
}

export interface ContainerSpec {
  name?: string;
  requests?: Record<string, string>;
  limits?: Record<string, string>;
  securityContext?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A container; requests/limits become `resources`. */
export function container(c: ContainerSpec = {}): Record<string, unknown> {
  const { name = "web", requests, limits, ...rest } = c;
  const resources: Record<string, unknown> = {};
  if (requests) resources.requests = { ...requests };
  if (limits) resources.limits = { ...limits };
  return { name, image: "nginx", ...(Object.keys(resources).length > 0 ? { resources } : {}), ...rest };
}

/** A pod in `ns` with the given containers and extra spec fields. */
export function pod(
  name: string,
  containers: Record<string, unknown>[] = [container()],
  spec: Record<string, unknown> = {},
  ns = "default",
): KubeObject {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: ns }, spec: { containers, ...spec } };
}

export function namespace(name: string, labels?: Record<string, string>): KubeObject {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, ...(labels ? { labels } : {}) } };
}

export function limitRange(limits: Record<string, unknown>[], ns = "default", name = "limits"): KubeObject {
  return { apiVersion: "v1", kind: "LimitRange", metadata: { name, namespace: ns }, spec: { limits } };
}

export function quota(
  name: string,
  hard: Record<string, string>,
  extra: Record<string, unknown> = {},
  ns = "default",
): KubeObject {
  return { apiVersion: "v1", kind: "ResourceQuota", metadata: { name, namespace: ns }, spec: { hard, ...extra } };
}

export function priorityClass(name: string, value: number, extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name }, value, ...extra };
}
