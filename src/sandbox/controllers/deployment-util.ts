/**
 * Deployment helpers (pkg/controller/deployment/util/deployment_util.go and
 * pkg/controller/controller_utils.go ComputeHash): the pod-template hash, revisions, the
 * maxSurge/maxUnavailable fenceposts, replica annotations and the Deployment condition rules.
 */
import { timestampAt } from "../api/server.js";
import type { KubeObject } from "../model/object.js";
import { fnv1a32, NAME_ALPHABET } from "../model/random.js";
import type { StatusCondition } from "./conditions.js";
import { specReplicas } from "./replicaset.js";

/** The label that makes each ReplicaSet's pods unique (apps/v1 DefaultDeploymentUniqueLabelKey). */
export const POD_TEMPLATE_HASH = "pod-template-hash";
/** deployment_util.go annotation keys. */
export const REVISION = "deployment.kubernetes.io/revision";
export const REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
export const DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
export const MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
const ROLLBACK_TO = "deprecated.deployment.rollback.to";

/** Deployment annotations never copied onto ReplicaSets (deployment_util.go annotationsToSkip). */
export const ANNOTATIONS_TO_SKIP = new Set([
  LAST_APPLIED,
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  ROLLBACK_TO,
]);

/** deployment_util.go condition reasons. */
export const REASON = {
  newRSCreated: "NewReplicaSetCreated",
  foundNewRS: "FoundNewReplicaSet",
  newRSAvailable: "NewReplicaSetAvailable",
  rsUpdated: "ReplicaSetUpdated",
  timedOut: "ProgressDeadlineExceeded",
  failedRSCreate: "ReplicaSetCreateError",
  paused: "DeploymentPaused",
  resumed: "DeploymentResumed",
  minAvailable: "MinimumReplicasAvailable",
  minUnavailable: "MinimumReplicasUnavailable",
} as const;

/** JSON with object keys sorted, so equal templates hash and compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i > 0 ? "," : "") + canonicalJson(value[i]);
    return `${out}]`;
  }
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    // The default sort orders strings by UTF-16 code units, as `<` does.
    const keys = Object.keys(o).sort();
    let out = "{";
    for (const k of keys) {
      const v = o[k];
      if (v === undefined) continue;
      out += `${out.length > 1 ? "," : ""}${JSON.stringify(k)}:${canonicalJson(v)}`;
    }
    return `${out}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * k8s.io/apimachinery/pkg/util/rand SafeEncodeString: each byte of the decimal hash string maps
 * to the vowel-free name alphabet, so the hash is 1–10 characters of that alphabet.
 */
export function safeEncodeString(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += NAME_ALPHABET[s.charCodeAt(i) % NAME_ALPHABET.length];
  return out;
}

/**
 * controller_utils.go ComputeHash: FNV-32a over the template (here: its canonical JSON), plus the
 * collision count when set, encoded by SafeEncodeString of the decimal sum.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  // The controllers hash the same stored template on every sync; stored objects never change in
  // place (the store is copy-on-write), so a template's hash holds for as long as it exists.
  const cacheable = typeof template === "object" && template !== null;
  let known = cacheable ? hashCache.get(template) : undefined;
  let hash = known?.get(collisionCount);
  if (hash !== undefined) return hash;
  let input = canonicalJson(template);
  if (collisionCount !== undefined) input += `\u0000${collisionCount}`;
  hash = safeEncodeString(String(fnv1a32(input)));
  if (cacheable) {
    if (!known) {
      known = new Map();
      hashCache.set(template, known);
    }
    known.set(collisionCount, hash);
  }
  return hash;
}

/** `computeHash` results per template object and collision count. */
const hashCache = new WeakMap<object, Map<number | undefined, string>>();

function withoutHash(template: unknown): unknown {
  const t = JSON.parse(JSON.stringify(template ?? {})) as { metadata?: { labels?: Record<string, string> } };
  if (t.metadata?.labels) {
    delete t.metadata.labels[POD_TEMPLATE_HASH];
    if (Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels;
  }
  return t;
}

/**
 * Templates equal apart from the pod-template-hash label (deployment_util.go EqualIgnoreHash).
 * Equal means equal canonical JSON; it is compared in place rather than by serialising both
 * templates, as the Deployment controller compares its template with every ReplicaSet's on each sync.
 */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isObject(a) || !isObject(b)) return jsonEqual(hashless(a), hashless(b));
  // Stored objects are never changed in place (the store is copy-on-write), so a verdict about
  // two template objects holds for as long as both exist.
  let known = equalCache.get(a);
  if (!known) {
    known = new WeakMap();
    equalCache.set(a, known);
  }
  let same = known.get(b);
  if (same === undefined) {
    same = jsonEqual(hashless(a), hashless(b));
    known.set(b, same);
  }
  return same;
}

/** Verdicts of `equalIgnoreHash` per pair of template objects. */
const equalCache = new WeakMap<object, WeakMap<object, boolean>>();

/** The template without the hash label (a labels map left empty counts as absent), sharing the rest. */
function hashless(template: unknown): unknown {
  const t = (template ?? {}) as { metadata?: Record<string, unknown> };
  const labels = t.metadata?.labels;
  if (!labels || typeof labels !== "object") return t;
  const { labels: _labels, ...meta } = t.metadata as Record<string, unknown>;
  // Object.fromEntries keeps a `__proto__` key as data, as JSON.parse would.
  const rest = Object.fromEntries(
    Object.entries(labels).filter(([k, v]) => k !== POD_TEMPLATE_HASH && v !== undefined),
  );
  return { ...t, metadata: Object.keys(rest).length > 0 ? { ...meta, labels: rest } : meta };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function definedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).filter((k) => o[k] !== undefined);
}

/** Whether `canonicalJson(a) === canonicalJson(b)`, without building either string. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (isObject(a) && isObject(b)) {
    const keys = definedKeys(a);
    if (keys.length !== definedKeys(b).length) return false;
    return keys.every((k) => Object.hasOwn(b, k) && b[k] !== undefined && jsonEqual(a[k], b[k]));
  }
  if (isObject(a) || isObject(b)) return false;
  return a === b || (JSON.stringify(a) ?? "null") === (JSON.stringify(b) ?? "null");
}

/** A template without the pod-template-hash label (what rollout undo copies back). */
export function templateWithoutHash(template: unknown): Record<string, unknown> {
  return withoutHash(template) as Record<string, unknown>;
}

/** The revision annotation as a number (0 when absent). */
export function revisionOf(obj: KubeObject): number {
  const v = Number.parseInt(obj.metadata.annotations?.[REVISION] ?? "", 10);
  return Number.isFinite(v) ? v : 0;
}

/** Creation order, oldest first; ties by name (controller.ReplicaSetsByCreationTimestamp). */
export function byCreation(a: KubeObject, b: KubeObject): number {
  const ta = a.metadata.creationTimestamp ?? "";
  const tb = b.metadata.creationTimestamp ?? "";
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = a.metadata.name ?? "";
  const nb = b.metadata.name ?? "";
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** k8s.io/apimachinery intstr GetScaledValueFromIntOrPercent. */
export function scaledValue(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === "number") return value;
  if (typeof value === "string") {
    const m = /^(\d+)%$/.exec(value);
    if (m) {
      const v = (Number(m[1]) * total) / 100;
      return roundUp ? Math.ceil(v) : Math.floor(v);
    }
    const n = Number.parseInt(value, 10);
    if (Number.isFinite(n)) return n;
  }
  return 0;
}

function isRollingUpdate(d: KubeObject): boolean {
  return (d.spec?.strategy?.type ?? "RollingUpdate") === "RollingUpdate";
}

/**
 * deployment_util.go ResolveFenceposts: maxSurge rounds up, maxUnavailable rounds down, and
 * both 0 makes maxUnavailable 1. Defaults 25% / 25% (pkg/apis/apps/v1/defaults.go).
 */
export function resolveFenceposts(d: KubeObject): { surge: number; unavailable: number } {
  const desired = specReplicas(d);
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const surge = scaledValue(ru.maxSurge ?? "25%", desired, true);
  let unavailable = scaledValue(ru.maxUnavailable ?? "25%", desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** deployment_util.go MaxSurge: 0 unless RollingUpdate. */
export function maxSurge(d: KubeObject): number {
  return isRollingUpdate(d) ? resolveFenceposts(d).surge : 0;
}

/** deployment_util.go MaxUnavailable: 0 unless RollingUpdate with replicas; at most replicas. */
export function maxUnavailable(d: KubeObject): number {
  const replicas = specReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  return Math.min(resolveFenceposts(d).unavailable, replicas);
}

/** `progressDeadlineSeconds`, default 600; undefined when it is "no deadline" (MaxInt32). */
export function progressDeadline(d: KubeObject): number | undefined {
  const v = d.spec?.progressDeadlineSeconds;
  const n = typeof v === "number" ? v : 600;
  return n === 2147483647 ? undefined : n;
}

/**
 * deployment_util.go SetDeploymentCondition: nothing changes when status and reason are the same;
 * lastTransitionTime is kept when only the reason changes; the condition moves to the end.
 */
export function setDeploymentCondition(
  conditions: StatusCondition[] | undefined,
  next: { type: string; status: StatusCondition["status"]; reason: string; message: string },
  now: number,
): StatusCondition[] {
  const list = conditions ?? [];
  const cur = list.find((c) => c.type === next.type);
  if (cur && cur.status === next.status && cur.reason === next.reason) return list;
  const at = timestampAt(now);
  const cond: StatusCondition = {
    type: next.type,
    status: next.status,
    lastUpdateTime: at,
    lastTransitionTime: cur && cur.status === next.status ? cur.lastTransitionTime : at,
    reason: next.reason,
    message: next.message,
  };
  return [...list.filter((c) => c.type !== next.type), cond];
}

/** Sum of `spec.replicas` (deployment_util.go GetReplicaCountForReplicaSets). */
export function sumSpecReplicas(rss: KubeObject[]): number {
  return rss.reduce((n, rs) => n + specReplicas(rs), 0);
}

/** Sum of a numeric status field over ReplicaSets. */
export function sumStatus(rss: KubeObject[], field: "replicas" | "readyReplicas" | "availableReplicas"): number {
  return rss.reduce((n, rs) => n + ((rs.status?.[field] as number | undefined) ?? 0), 0);
}
