/**
 * `kubectl apply` on an existing object: a three-way merge of the last applied configuration
 * (kept, as kubectl keeps it, in the `kubectl.kubernetes.io/last-applied-configuration`
 * annotation), the new manifest and the live object. Fields the manifest sets win; fields it no
 * longer sets but the last apply did are removed; fields the cluster filled in (defaults,
 * admission, status) stay. Lists are replaced whole (kubectl's strategic merge keys lists such
 * as containers by name; replacing them is the same when the manifest lists them all).
 */
import { clone, type KubeObject } from "../model/object.js";

/** The annotation kubectl apply writes (k8s.io/api/core/v1 LastAppliedConfigAnnotation). */
export const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

type Json = Record<string, unknown>;

function isPlainObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function merge(live: Json, desired: Json, last: Json | undefined): Json {
  const out: Json = { ...live };
  for (const [key, value] of Object.entries(desired)) {
    const liveValue = live[key];
    const lastValue = last?.[key];
    out[key] =
      isPlainObject(value) && isPlainObject(liveValue)
        ? merge(liveValue, value, isPlainObject(lastValue) ? lastValue : undefined)
        : value;
  }
  for (const key of Object.keys(last ?? {})) {
    if (!(key in desired)) delete out[key];
  }
  return out;
}

/** The manifest as last applied, or undefined when the object was never applied. */
export function lastApplied(obj: KubeObject): Json | undefined {
  const text = obj.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (typeof text !== "string") return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Records `manifest` as the last applied configuration on `obj`. */
export function recordApplied(obj: KubeObject, manifest: Json): void {
  const { metadata, ...rest } = manifest;
  const meta = isPlainObject(metadata) ? { ...metadata } : {};
  if (isPlainObject(meta.annotations)) {
    const { [LAST_APPLIED_ANNOTATION]: _old, ...annotations } = meta.annotations;
    meta.annotations = annotations;
    if (Object.keys(annotations).length === 0) delete meta.annotations;
  }
  obj.metadata.annotations = {
    ...obj.metadata.annotations,
    [LAST_APPLIED_ANNOTATION]: JSON.stringify({ ...rest, metadata: meta }),
  };
}

/** The object a second apply of `manifest` produces from the live object. */
export function mergeApply(live: KubeObject, manifest: Json): KubeObject {
  const { status: _status, ...liveRest } = clone(live);
  const merged = merge(liveRest as Json, manifest, lastApplied(live)) as KubeObject;
  if (live.status !== undefined) merged.status = clone(live.status);
  return merged;
}
