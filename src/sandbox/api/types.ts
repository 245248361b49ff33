/**
 * Contracts of the simulated API server's pipeline: discovery entries, request outcomes and
 * admission plugins. The pipeline itself is `server.ts`.
 */
import type { KubeObject, SourceRef } from "../model/object.js";
import type { SeededRandom } from "../model/random.js";
import type { ObjectStore } from "./store.js";

/** One served kind, as API discovery lists it. */
export interface KindInfo {
  group: string;
  version: string;
  kind: string;
  /** Lower-case plural resource name, as in error texts: `deployments`, `pods`. */
  resource: string;
  namespaced: boolean;
  /** Set for custom resources registered by a CRD in the input (stored, inert). */
  custom?: boolean;
}

/** Who sends a request: a learner's manifest (or a `--then` action) or a controller in the cluster. */
export type RequestOrigin = "user" | "controller";

export interface RequestOptions {
  origin: RequestOrigin;
  /** Position of the object in the learner's input, for rejections. */
  source?: SourceRef;
}

/** The reason of a failed request, as `metav1.Status.reason`. */
export type StatusReason = "Invalid" | "Forbidden" | "NotFound" | "AlreadyExists" | "BadRequest" | "NoMatch";

export interface ApiFailure {
  ok: false;
  reason: StatusReason;
  /** What kubectl prints for it, e.g. `The Pod "x" is invalid: ...` or `pods "x" is forbidden: ...`. */
  message: string;
  /**
   * The API server's own Status message where kubectl words it differently (Invalid:
   * `Pod "x" is invalid: ...`); controllers quote this one in their events. See {@link statusMessage}.
   */
  status?: string;
  /** Our own advice (e.g. the current apiVersion for a removed one). */
  hint?: string;
  kind: string | null;
  name: string | null;
  namespace: string | null;
}

export interface ApiSuccess {
  ok: true;
  object: KubeObject;
  /** Warnings kubectl would print (`Warning: ...`), e.g. PodSecurity warn mode or unknown fields. */
  warnings: string[];
  /** Whether an apply changed an existing object (false for `unchanged`). */
  changed: boolean;
}

export type ApiOutcome = ApiSuccess | ApiFailure;

export type AdmissionOperation = "CREATE" | "UPDATE" | "DELETE";

/** What an admission plugin sees (k8s.io/apiserver/pkg/admission Attributes). */
export interface AdmissionAttributes {
  operation: AdmissionOperation;
  kind: KindInfo;
  /** The object being written; mutating plugins change it in place. */
  object: KubeObject;
  old?: KubeObject;
  namespace: string | undefined;
  name: string;
  origin: RequestOrigin;
}

export interface AdmissionContext {
  store: ObjectStore;
  random: SeededRandom;
  /** Warnings to return to the client. */
  warnings: string[];
  /** Simulated seconds since the start. */
  now: number;
}

/** A refusal from an admission plugin; `message` is the full server text (`pods "x" is forbidden: ...`). */
export interface AdmissionDenial {
  reason: "Forbidden" | "NotFound" | "Invalid";
  message: string;
}

/**
 * An admission plugin, named as upstream names it. `mutate` runs before validation, `validate`
 * after; either may deny. Plugins run in the order of `admission/chain.ts`.
 */
export interface AdmissionPlugin {
  name: string;
  mutate?(attrs: AdmissionAttributes, ctx: AdmissionContext): AdmissionDenial | undefined;
  validate?(attrs: AdmissionAttributes, ctx: AdmissionContext): AdmissionDenial | undefined;
}

/** The error as the API server returns it, for controllers to quote (`The` is kubectl's). */
export function statusMessage(f: ApiFailure): string {
  return f.status ?? f.message;
}
