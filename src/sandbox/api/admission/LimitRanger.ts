/**
 * LimitRanger (plugin/pkg/admission/limitranger/admission.go). Mutating: on pod CREATE, each
 * LimitRange's `type: Container` `default`/`defaultRequest` fill missing limits/requests of every
 * container and init container (never overwriting), and the pod is annotated
 * `kubernetes.io/limit-ranger`. Validating: min, max and maxLimitRequestRatio for Container and
 * Pod items, and min/max storage for PersistentVolumeClaim items; the first LimitRange with
 * violations refuses the object with all of that LimitRange's messages.
 *
 * Upstream iterates Go maps (random order); here resources follow the order written in the
 * LimitRange, and LimitRanges the store's order, so results are deterministic.
 */
import type { KubeObject } from "../../model/object.js";
import { formatQuantity, type Quantity } from "../../model/quantity.js";
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin } from "../types.js";
import { aggregate, forbidden } from "./errors.js";
import { maxConstraint, maxRequestConstraint, minConstraint, ratioConstraint } from "./limit-constraints.js";
import { type LimitRangeItem, limitRangeItems } from "./limit-range-item.js";
import { podLimits, podRequests } from "./pod-resources.js";
import {
  type ContainerView,
  containerResources,
  containersOf,
  initContainersOf,
  isRecord,
  recordOf,
  resourceList,
} from "./pod-spec.js";

/** limitRangerAnnotation in upstream. */
export const LIMIT_RANGER_ANNOTATION = "kubernetes.io/limit-ranger";

type List = Map<string, Quantity>;

function supports(attrs: AdmissionAttributes): boolean {
  if (attrs.operation === "DELETE") return false;
  if (attrs.old?.metadata.deletionTimestamp) return false;
  // Container resources of a pod cannot change after creation, so pod updates are skipped.
  if (attrs.kind.kind === "Pod") return attrs.operation === "CREATE";
  return attrs.kind.kind === "PersistentVolumeClaim";
}

function limitRanges(attrs: AdmissionAttributes, ctx: AdmissionContext): KubeObject[] {
  return attrs.namespace ? ctx.store.list("LimitRange", attrs.namespace) : [];
}

/** defaultContainerResourceRequirements: later Container items override earlier ones. */
function containerDefaults(items: LimitRangeItem[]): { requests: List; limits: List } {
  const requests: List = new Map();
  const limits: List = new Map();
  for (const item of items) {
    if (item.type !== "Container") continue;
    for (const [k, v] of item.defaultRequest) requests.set(k, v);
    for (const [k, v] of item.default) limits.set(k, v);
  }
  return { requests, limits };
}

/** mergeContainerResources: fills one container's missing values; returns its annotation fragments. */
function mergeContainer(c: ContainerView, defaults: { requests: List; limits: List }, kind: string): string[] {
  const raw = c as unknown as Record<string, unknown>;
  const resources = recordOf(raw.resources);
  const fill = (field: "requests" | "limits", values: List): string[] => {
    const list = recordOf(resources[field]);
    const set: string[] = [];
    for (const [k, v] of values) {
      if (Object.hasOwn(list, k)) continue;
      list[k] = formatQuantity(v);
      set.push(k);
    }
    if (Object.keys(list).length > 0) resources[field] = list;
    return set.sort();
  };
  const setRequests = fill("requests", defaults.requests);
  const setLimits = fill("limits", defaults.limits);
  if (Object.keys(resources).length > 0) raw.resources = resources;
  const notes: string[] = [];
  if (setRequests.length > 0) notes.push(`${setRequests.join(", ")} request for ${kind} ${c.name}`);
  if (setLimits.length > 0) notes.push(`${setLimits.join(", ")} limit for ${kind} ${c.name}`);
  return notes;
}

/** PodMutateLimitFunc. The container views share objects with the pod, so merging edits it. */
function mutatePod(pod: KubeObject, items: LimitRangeItem[]): void {
  const defaults = containerDefaults(items);
  if (defaults.requests.size === 0 && defaults.limits.size === 0) return;
  const notes = [
    ...containersOf(pod.spec).flatMap((c) => mergeContainer(c, defaults, "container")),
    ...initContainersOf(pod.spec).flatMap((c) => mergeContainer(c, defaults, "init container")),
  ];
  if (notes.length === 0) return;
  pod.metadata.annotations = {
    ...(pod.metadata.annotations ?? {}),
    [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join("; ")}`,
  };
}

function checkAll(item: LimitRangeItem, requests: List, limits: List, errs: string[]): void {
  const push = (e: string | null) => {
    if (e) errs.push(e);
  };
  for (const [k, v] of item.min) push(minConstraint(item.type, k, v, requests, limits));
  for (const [k, v] of item.max) push(maxConstraint(item.type, k, v, requests, limits));
  for (const [k, v] of item.maxLimitRequestRatio) push(ratioConstraint(item.type, k, v, requests, limits));
}

/** PodValidateLimitFunc. */
function validatePod(pod: KubeObject, items: LimitRangeItem[]): string[] {
  const errs: string[] = [];
  for (const item of items) {
    if (item.type === "Container") {
      for (const c of [...containersOf(pod.spec), ...initContainersOf(pod.spec)]) {
        const { requests, limits } = containerResources(c);
        checkAll(item, requests, limits, errs);
      }
    }
    if (item.type === "Pod") checkAll(item, podRequests(pod.spec), podLimits(pod.spec), errs);
  }
  return errs;
}

/** PersistentVolumeClaimValidateLimitFunc: only requests count; claims are never defaulted. */
function validateClaim(pvc: KubeObject, items: LimitRangeItem[]): string[] {
  const errs: string[] = [];
  const requests = resourceList(recordOf(pvc.spec?.resources).requests);
  for (const item of items) {
    if (item.type !== "PersistentVolumeClaim") continue;
    for (const [k, v] of item.min) {
      const e = minConstraint(item.type, k, v, requests, new Map());
      if (e) errs.push(e);
    }
    for (const [k, v] of item.max) {
      const e = maxRequestConstraint(item.type, k, v, requests);
      if (e) errs.push(e);
    }
  }
  return errs;
}

export const LimitRanger: AdmissionPlugin = {
  name: "LimitRanger",
  mutate(attrs, ctx) {
    if (!supports(attrs) || attrs.kind.kind !== "Pod" || !isRecord(attrs.object.spec)) return undefined;
    for (const lr of limitRanges(attrs, ctx)) mutatePod(attrs.object, limitRangeItems(lr));
    return undefined;
  },
  validate(attrs, ctx) {
    if (!supports(attrs) || !isRecord(attrs.object.spec)) return undefined;
    for (const lr of limitRanges(attrs, ctx)) {
      const items = limitRangeItems(lr);
      const errs = attrs.kind.kind === "Pod" ? validatePod(attrs.object, items) : validateClaim(attrs.object, items);
      if (errs.length > 0) return forbidden(attrs, aggregate(errs));
    }
    return undefined;
  },
};
