/**
 * The simulated API server: every write, from the learner's manifests, `--then` actions or
 * controllers, goes through the same pipeline as in kube-apiserver:
 * discovery → decoding (schema, strict fields) → defaulting → mutating admission → validation →
 * validating admission → store. Failures come back as values with kubectl's texts; nothing throws
 * for bad input.
 */
import { clone, type KubeObject } from "../model/object.js";
import type { SeededRandom } from "../model/random.js";
import { admissionChain } from "./admission/chain.js";
import { LAST_APPLIED_ANNOTATION, lastApplied, mergeApply, recordApplied } from "./apply-merge.js";
import { registerCrd } from "./crd.js";
import { decodeObject } from "./decode.js";
import { applyDefaults } from "./defaults/index.js";
import { Discovery } from "./discovery.js";
import { invalidMessage, invalidStatusMessage } from "./field-error.js";
import { podSpecWarnings } from "./pod-warnings.js";
import { allocateServiceAddresses } from "./service-ip.js";
import type { ObjectStore } from "./store.js";
import type {
  AdmissionAttributes,
  AdmissionContext,
  AdmissionPlugin,
  ApiFailure,
  ApiOutcome,
  KindInfo,
  RequestOptions,
} from "./types.js";
import { validateObject, validateObjectUpdate } from "./validation/index.js";

/** Namespaces kube-apiserver never lets go (NewLifecycle's immortalNamespaces). */
const IMMORTAL_NAMESPACES = ["default", "kube-system", "kube-public"];

/** Simulated time zero, so timestamps are stable: the simulation starts at this instant. */
export const SIMULATION_EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

export interface ApiServerOptions {
  store: ObjectStore;
  random: SeededRandom;
  /** Simulated seconds since the start. */
  now: () => number;
  admission?: AdmissionPlugin[];
}

/**
 * Timestamps made so far, by second: a simulation asks again and again for a few seconds (a pod's
 * start, the current instant, a container's start), often alternately. Bounded, so a long-lived
 * process does not keep every second it ever formatted.
 */
const stamps = new Map<number, string>();
const MAX_STAMPS = 4096;

/** RFC 3339 time of a simulated instant, whole seconds (as metav1.Time serialises). */
export function timestampAt(seconds: number): string {
  const second = Math.floor(seconds);
  let text = stamps.get(second);
  if (text === undefined) {
    text = new Date(SIMULATION_EPOCH_MS + second * 1000).toISOString().replace(".000Z", "Z");
    if (stamps.size >= MAX_STAMPS) stamps.clear();
    stamps.set(second, text);
  }
  return text;
}

export class ApiServer {
  readonly store: ObjectStore;
  readonly discovery = new Discovery();
  private readonly random: SeededRandom;
  private readonly now: () => number;
  private readonly admission: AdmissionPlugin[];

  constructor(opts: ApiServerOptions) {
    this.store = opts.store;
    this.random = opts.random;
    this.now = opts.now;
    this.admission = opts.admission ?? admissionChain();
  }

  /** `kubectl create`: fails with AlreadyExists when the object exists. */
  create(input: unknown, opts: RequestOptions): ApiOutcome {
    return this.write(input, opts, "create");
  }

  /** `kubectl apply`: creates, or updates the existing object (immutable fields checked). */
  apply(input: unknown, opts: RequestOptions): ApiOutcome {
    return this.write(input, opts, "apply");
  }

  /**
   * Deletes an object; controllers and the garbage collector react to the watch event.
   * `gracePeriodSeconds: 0` removes a pod at once (what the kubelet does when it is done).
   */
  delete(kind: string, namespace: string | undefined, name: string, gracePeriodSeconds?: number): ApiOutcome {
    const info = this.discovery.byKind(kind);
    const existing = this.store.get(kind, namespace, name);
    if (!existing || !info) {
      const resource = info?.resource ?? `${kind.toLowerCase()}s`;
      return failure("NotFound", `${resource}${groupSuffix(info)} "${name}" not found`, kind, name, namespace ?? null);
    }
    if (kind === "Namespace") return this.deleteNamespace(existing);
    // A pod on a node is deleted gracefully: the API server only stamps deletionTimestamp and the
    // kubelet removes the object once its containers have stopped (pkg/registry/core/pod/strategy.go
    // CheckGracefulDelete; grace from spec.terminationGracePeriodSeconds, default 30).
    if (kind === "Pod" && existing.spec?.nodeName && gracePeriodSeconds !== 0) {
      if (existing.metadata.deletionTimestamp) return { ok: true, object: existing, warnings: [], changed: false };
      const grace = gracePeriodSeconds ?? existing.spec?.terminationGracePeriodSeconds ?? 30;
      const updated = this.store.patch(kind, namespace, name, (o) => {
        o.metadata.deletionTimestamp = timestampAt(this.now() + grace);
        o.metadata.deletionGracePeriodSeconds = grace;
      });
      return { ok: true, object: updated ?? existing, warnings: [], changed: true };
    }
    // An object with finalizers is only marked for deletion; whoever owns a finalizer removes it
    // and then the object (apiserver registry/generic/registry/store.go, deletion with finalizers).
    if ((existing.metadata.finalizers?.length ?? 0) > 0) {
      if (existing.metadata.deletionTimestamp) return { ok: true, object: existing, warnings: [], changed: false };
      const marked = this.store.patch(kind, namespace, name, (o) => {
        o.metadata.deletionTimestamp = timestampAt(this.now());
      });
      return { ok: true, object: marked ?? existing, warnings: [], changed: true };
    }
    this.store.remove(kind, namespace, name);
    return { ok: true, object: existing, warnings: [], changed: true };
  }

  /**
   * The first delete of a Namespace only starts its termination: deletionTimestamp and phase
   * Terminating. The namespace controller empties it and removes the `kubernetes` finalizer; only
   * a namespace without finalizers goes at once. A repeated delete while it terminates changes
   * nothing (pkg/registry/core/namespace/storage/storage.go Delete).
   */
  private deleteNamespace(existing: KubeObject): ApiOutcome {
    const name = existing.metadata.name ?? "";
    // NamespaceLifecycle refuses to delete the immortal namespaces (lifecycle/admission.go Admit).
    if (IMMORTAL_NAMESPACES.includes(name)) {
      return failure(
        "Forbidden",
        `namespaces "${name}" is forbidden: this namespace may not be deleted`,
        "Namespace",
        name,
        null,
      );
    }
    const finalizers = (existing.spec?.finalizers?.length ?? 0) + (existing.metadata.finalizers?.length ?? 0);
    if (existing.metadata.deletionTimestamp && finalizers > 0) {
      return { ok: true, object: existing, warnings: [], changed: false };
    }
    if (finalizers === 0) {
      this.store.remove("Namespace", undefined, name);
      return { ok: true, object: existing, warnings: [], changed: true };
    }
    const marked = this.store.patch("Namespace", undefined, name, (o) => {
      o.metadata.deletionTimestamp = timestampAt(this.now());
      o.status = { ...o.status, phase: "Terminating" };
    });
    return { ok: true, object: marked ?? existing, warnings: [], changed: true };
  }

  private write(input: unknown, opts: RequestOptions, verb: "create" | "apply"): ApiOutcome {
    const head = typeMetaOf(input);
    if ("error" in head) return failure("BadRequest", head.error, null, null, null);
    const { apiVersion, kind } = head;
    const rawMeta = (input as { metadata?: { name?: unknown; namespace?: unknown } }).metadata;
    const rawName = typeof rawMeta?.name === "string" ? rawMeta.name : null;
    const rawNs = typeof rawMeta?.namespace === "string" ? rawMeta.namespace : null;

    const found = this.discovery.lookup(apiVersion, kind);
    if ("error" in found) {
      return { ...failure("NoMatch", found.error, kind, rawName, rawNs), ...(found.hint ? { hint: found.hint } : {}) };
    }
    const info = found.info;

    const decoded = decodeObject(input as Record<string, unknown>, info);
    if (!decoded.ok) return failure("BadRequest", decoded.message, kind, rawName, rawNs);
    let obj = decoded.object;
    const warnings = [...decoded.warnings];
    // The manifest as sent, kept for kubectl apply's bookkeeping (a create never reads it).
    const manifest = verb === "apply" ? (clone(obj) as Record<string, unknown>) : {};

    const meta = obj.metadata;
    if (info.namespaced) meta.namespace = meta.namespace || "default";
    else delete meta.namespace;
    // A generated name is drawn here (so the generator's sequence does not depend on admission) but
    // only set once mutating admission has run: upstream generates it in BeforeCreate, after
    // mutation, so a mutating plugin's refusal names the prefix (`pods "web-7cb4c4b847-" is
    // forbidden`, admission.go extractResourceName) and validating plugins see the full name.
    const generated = !meta.name && meta.generateName ? meta.generateName + this.random.name(5) : undefined;
    const name = generated ?? meta.name ?? "";

    const existing = this.store.get(kind, meta.namespace, name);
    if (existing && verb === "create") {
      return failure(
        "AlreadyExists",
        `${info.resource}${groupSuffix(info)} "${name}" already exists`,
        kind,
        name,
        meta.namespace ?? null,
      );
    }

    if (existing && verb === "apply") {
      // A second apply of the same manifest changes nothing (kubectl prints "unchanged").
      if (JSON.stringify(lastApplied(existing)) === JSON.stringify(withoutLastApplied(manifest))) {
        return { ok: true, object: existing, warnings, changed: false };
      }
      obj = mergeApply(existing, manifest);
    }
    if (verb === "apply" && opts.origin === "user") recordApplied(obj, manifest);
    applyDefaults(obj, info);
    if (kind === "Namespace") keepNamespaceLifecycle(obj, existing);

    const attrs: AdmissionAttributes = {
      operation: existing ? "UPDATE" : "CREATE",
      kind: info,
      object: obj,
      old: existing,
      namespace: obj.metadata.namespace,
      name: generated === undefined ? name : "",
      origin: opts.origin,
    };
    const ctx: AdmissionContext = { store: this.store, random: this.random, warnings, now: this.now() };
    for (const plugin of this.admission) {
      const denial = plugin.mutate?.(attrs, ctx);
      if (denial) {
        const named = generated === undefined ? name : (meta.generateName as string);
        return failure(denial.reason, denial.message, kind, named, meta.namespace ?? null);
      }
    }
    if (generated !== undefined) {
      obj.metadata.name = generated;
      attrs.name = generated;
    }

    if (kind === "Service") {
      // The Service registry allocates the ClusterIP and node ports before validation
      // (pkg/registry/core/service/storage/alloc.go).
      const allocation = allocateServiceAddresses(obj, this.store, existing);
      if (allocation.length > 0)
        return {
          ...failure("Invalid", invalidMessage(kind, name, allocation), kind, name, meta.namespace ?? null),
          status: invalidStatusMessage(kind, info.group, name, allocation),
        };
    }
    const errors = existing ? validateObjectUpdate(obj, existing, info) : validateObject(obj, info);
    if (errors.length > 0)
      return {
        ...failure("Invalid", invalidMessage(kind, name, errors), kind, name, meta.namespace ?? null),
        status: invalidStatusMessage(kind, info.group, name, errors),
      };
    // The registry strategy's WarningsOnCreate/WarningsOnUpdate run after validation and before the
    // validating admission plugins (apiserver registry/rest/create.go BeforeCreate). Only a
    // learner's request shows them, so controllers' writes skip the work.
    if (opts.origin === "user") warnings.push(...podSpecWarnings(obj, existing));

    for (const plugin of this.admission) {
      const denial = plugin.validate?.(attrs, ctx);
      if (denial) return failure(denial.reason, denial.message, kind, name, meta.namespace ?? null);
    }

    if (existing) {
      if (sameSpec(existing, obj)) return { ok: true, object: existing, warnings, changed: false };
      obj.metadata.uid = existing.metadata.uid;
      obj.metadata.creationTimestamp = existing.metadata.creationTimestamp;
      obj.metadata.generation = (existing.metadata.generation ?? 1) + (specChanged(existing, obj) ? 1 : 0);
      if (existing.status !== undefined && obj.status === undefined) obj.status = existing.status;
      return { ok: true, object: this.store.update(obj), warnings, changed: true };
    }
    obj.metadata.uid = this.random.uuid();
    obj.metadata.creationTimestamp = timestampAt(this.now());
    obj.metadata.generation = 1;
    const stored = this.store.add(obj);
    // Custom resources of a CRD in the same input are served from here on (stored, inert).
    if (kind === "CustomResourceDefinition") registerCrd(this.discovery, stored);
    return { ok: true, object: stored, warnings, changed: true };
  }
}

/**
 * The Namespace registry strategy: a new namespace always carries the `kubernetes` finalizer
 * (PrepareForCreate), and an update keeps the stored finalizers, status and deletion mark
 * (PrepareForUpdate; pkg/registry/core/namespace/strategy.go), so re-applying a terminating
 * namespace does not revive it.
 */
function keepNamespaceLifecycle(obj: KubeObject, existing: KubeObject | undefined): void {
  if (!existing) {
    const finalizers: string[] = obj.spec?.finalizers ?? [];
    if (!finalizers.includes("kubernetes")) obj.spec = { ...obj.spec, finalizers: [...finalizers, "kubernetes"] };
    return;
  }
  obj.spec = { ...obj.spec, finalizers: existing.spec?.finalizers };
  if (existing.spec?.finalizers === undefined) delete obj.spec.finalizers;
  if (existing.status !== undefined) obj.status = existing.status;
  if (existing.metadata.deletionTimestamp) obj.metadata.deletionTimestamp = existing.metadata.deletionTimestamp;
}

/** The manifest as kubectl records it: without a last-applied annotation of its own. */
function withoutLastApplied(manifest: Record<string, unknown>): Record<string, unknown> {
  const probe = { apiVersion: "", kind: "", metadata: {} } as KubeObject;
  recordApplied(probe, manifest);
  return JSON.parse(probe.metadata.annotations?.[LAST_APPLIED_ANNOTATION] ?? "{}") as Record<string, unknown>;
}

function typeMetaOf(input: unknown): { apiVersion: string; kind: string } | { error: string } {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return { error: "error: the document is not a Kubernetes object (expected a mapping with apiVersion and kind)" };
  }
  const o = input as Record<string, unknown>;
  // Texts of k8s.io/apimachinery/pkg/runtime/serializer/json (MissingKindErr / MissingVersionErr).
  if (typeof o.kind !== "string" || o.kind === "") return { error: `Object 'Kind' is missing in '${compactJson(o)}'` };
  if (typeof o.apiVersion !== "string" || o.apiVersion === "") {
    return { error: `Object 'apiVersion' is missing in '${compactJson(o)}'` };
  }
  return { apiVersion: o.apiVersion, kind: o.kind };
}

function compactJson(o: unknown): string {
  const s = JSON.stringify(o) ?? "";
  return s.length > 200 ? `${s.slice(0, 200)}...` : s;
}

function groupSuffix(info: KindInfo | undefined): string {
  return info?.group ? `.${info.group}` : "";
}

function sameSpec(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const { status: _s, metadata, ...rest } = o;
    const { resourceVersion: _r, uid: _u, creationTimestamp: _c, generation: _g, ...m } = metadata;
    return JSON.stringify({ ...rest, metadata: m });
  };
  return strip(a) === strip(b);
}

function specChanged(a: KubeObject, b: KubeObject): boolean {
  return JSON.stringify(a.spec) !== JSON.stringify(b.spec);
}

function failure(
  reason: ApiFailure["reason"],
  message: string,
  kind: string | null,
  name: string | null,
  namespace: string | null,
): ApiFailure {
  return { ok: false, reason, message, kind, name, namespace };
}
