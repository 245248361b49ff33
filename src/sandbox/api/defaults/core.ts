/**
 * Defaulting of the other core/v1 kinds (pkg/apis/core/v1/defaults.go SetDefaults_Secret,
 * SetDefaults_ConfigMap, SetDefaults_PersistentVolume, SetDefaults_PersistentVolumeClaim(Spec),
 * SetDefaults_Namespace(Status), SetDefaults_NodeStatus, SetDefaults_LimitRangeItem).
 */
import { ensure, items, type Obj, rec, setDefault } from "./fields.js";

/** Secret: type Opaque. */
export function defaultSecret(obj: Obj): void {
  setDefault(obj, "type", "Opaque");
}

/** ConfigMap: `data` is an empty map when absent. */
export function defaultConfigMap(obj: Obj): void {
  if (obj.data === undefined || obj.data === null) obj.data = {};
}

/** PersistentVolume: Retain, Filesystem, phase Pending. */
export function defaultPersistentVolume(obj: Obj): void {
  const spec = ensure(obj, "spec");
  if (spec) {
    setDefault(spec, "persistentVolumeReclaimPolicy", "Retain");
    setDefault(spec, "volumeMode", "Filesystem");
  }
  const status = ensure(obj, "status");
  if (status) setDefault(status, "phase", "Pending");
}

/** PersistentVolumeClaim: Filesystem, phase Pending. */
export function defaultPersistentVolumeClaim(obj: Obj): void {
  const spec = ensure(obj, "spec");
  if (spec) setDefault(spec, "volumeMode", "Filesystem");
  const status = ensure(obj, "status");
  if (status) setDefault(status, "phase", "Pending");
}

/** Namespace: the `kubernetes.io/metadata.name` label and phase Active. */
export function defaultNamespace(obj: Obj): void {
  const meta = ensure(obj, "metadata");
  if (meta && typeof meta.name === "string" && meta.name) {
    const labels = ensure(meta, "labels");
    if (labels) labels["kubernetes.io/metadata.name"] = meta.name;
  }
  const status = ensure(obj, "status");
  if (status) setDefault(status, "phase", "Active");
}

/** Node: allocatable defaults to capacity. */
export function defaultNode(obj: Obj): void {
  const status = rec(obj.status);
  const capacity = rec(status?.capacity);
  if (status && capacity && (status.allocatable === undefined || status.allocatable === null)) {
    status.allocatable = { ...capacity };
  }
}

/**
 * LimitRange `Container` items: a missing default limit takes `max`; a missing default request
 * takes the default limit, else `min`.
 */
export function defaultLimitRange(obj: Obj): void {
  for (const item of items(rec(obj.spec)?.limits)) {
    if (item.type !== "Container") continue;
    const def = ensure(item, "default");
    const defReq = ensure(item, "defaultRequest");
    if (!def || !defReq) continue;
    for (const [k, v] of Object.entries(rec(item.max) ?? {})) if (def[k] === undefined) def[k] = v;
    for (const [k, v] of Object.entries(def)) if (defReq[k] === undefined) defReq[k] = v;
    for (const [k, v] of Object.entries(rec(item.min) ?? {})) if (defReq[k] === undefined) defReq[k] = v;
  }
}
