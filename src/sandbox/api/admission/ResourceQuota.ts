/**
 * ResourceQuota (k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go
 * `CheckRequest`), the last validating plugin. For every ResourceQuota of the namespace that
 * covers the object (a hard resource the kind uses, and every scope matching), the object must
 * state what the quota requires (`failed quota: ...`) and must fit: usage of the objects already
 * stored plus this request may not exceed `spec.hard` (`exceeded quota: ...`).
 *
 * Upstream reads `status.used`, kept by the quota controller; here usage is computed from the
 * store at admission time, which is what `status.used` converges to. Quotas are checked in name
 * order (upstream: informer order).
 */
import type { KubeObject } from "../../model/object.js";
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin } from "../types.js";
import { forbidden } from "./errors.js";
import { isRecord, recordOf, resourceList } from "./pod-spec.js";
import { evaluatorFor, type QuotaEvaluator } from "./quota/evaluators.js";
import type { ScopeRequirement } from "./quota/pod-evaluator.js";
import {
  addLists,
  exceededKeys,
  mask,
  prettyPrint,
  type ResourceList,
  removeZeros,
  subtractNonNegative,
  units,
} from "./quota/resource-list.js";

/** Kinds quota admission never evaluates (the default ignoredResources include events). */
const IGNORED_KINDS = new Set(["Event"]);

/** getScopeSelectorsFromQuota: `scopes[]` as Exists, then `scopeSelector.matchExpressions[]`. */
function scopesOf(quota: KubeObject): ScopeRequirement[] {
  const spec = recordOf(quota.spec);
  const out: ScopeRequirement[] = [];
  for (const s of Array.isArray(spec.scopes) ? spec.scopes : []) {
    if (typeof s === "string") out.push({ scopeName: s, operator: "Exists" });
  }
  const exprs = recordOf(spec.scopeSelector).matchExpressions;
  for (const e of Array.isArray(exprs) ? exprs.filter(isRecord) : []) {
    out.push({
      scopeName: String(e.scopeName ?? ""),
      operator: String(e.operator ?? ""),
      values: Array.isArray(e.values) ? e.values.map(String) : [],
    });
  }
  return out;
}

function hardOf(quota: KubeObject): ResourceList {
  return resourceList(quota.spec?.hard ?? quota.status?.hard);
}

function matches(ev: QuotaEvaluator, quota: KubeObject, obj: KubeObject): boolean {
  if (ev.matchingResources([...hardOf(quota).keys()]).length === 0) return false;
  return scopesOf(quota).every((s) => ev.matchesScope(s, obj));
}

/** What the quota controller would have in `status.used`: every hard resource, zero if unused. */
function usedFor(ev: QuotaEvaluator, quota: KubeObject, stored: KubeObject[]): ResourceList {
  const hard = hardOf(quota);
  const names = ev.matchingResources([...hard.keys()]);
  let used: ResourceList = new Map();
  for (const obj of stored) {
    if (scopesOf(quota).every((s) => ev.matchesScope(s, obj))) used = addLists(used, mask(ev.usage(obj), names));
  }
  for (const n of hard.keys()) if (!used.has(n)) used.set(n, units(0));
  return used;
}

function byName(a: KubeObject, b: KubeObject): number {
  const x = a.metadata.name ?? "";
  const y = b.metadata.name ?? "";
  return x < y ? -1 : x > y ? 1 : 0;
}

function check(attrs: AdmissionAttributes, ctx: AdmissionContext) {
  const ns = attrs.namespace;
  if (!ns || IGNORED_KINDS.has(attrs.kind.kind)) return undefined;
  const ev = evaluatorFor(attrs.kind);
  if (!ev.handles(attrs.operation)) return undefined;
  const quotas = ctx.store.list("ResourceQuota", ns);
  // controller.go checkAttributes: with no quota in the namespace (and no limited resources
  // configured) the request is admitted without measuring its usage.
  if (quotas.length === 0) return undefined;
  quotas.sort(byName);
  const obj = attrs.object;
  const covering: KubeObject[] = [];
  for (const quota of quotas) {
    if (!matches(ev, quota, obj)) continue;
    const missing = ev.constraints(ev.matchingResources([...hardOf(quota).keys()]), obj);
    if (missing) return forbidden(attrs, `failed quota: ${quota.metadata.name}: ${missing}`);
    covering.push(quota);
  }
  const input = ev.usage(obj);
  const negative = [...input].filter(([, q]) => q.nano < 0n).map(([k]) => k);
  if (negative.length > 0) {
    return forbidden(attrs, `quota usage is negative for resource(s): ${negative.sort().join(",")}`);
  }
  // Listed only when a quota covers the object: listing every pod of the namespace for each
  // new pod made pod creation quadratic in clusters without quotas.
  const stored = covering.length > 0 ? ctx.store.list(attrs.kind.kind, ns) : [];
  for (const quota of covering) {
    const old = attrs.operation === "UPDATE" ? attrs.old : undefined;
    const delta = removeZeros(old && matches(ev, quota, old) ? subtractNonNegative(input, ev.usage(old)) : input);
    if (delta.size === 0) continue;
    const hard = hardOf(quota);
    const requested = mask(delta, hard.keys());
    const used = usedFor(ev, quota, stored);
    const exceeded = exceededKeys(mask(addLists(used, requested), requested.keys()), hard);
    if (exceeded.length > 0) {
      return forbidden(
        attrs,
        `exceeded quota: ${quota.metadata.name}, requested: ${prettyPrint(mask(requested, exceeded))}, used: ${prettyPrint(mask(used, exceeded))}, limited: ${prettyPrint(mask(hard, exceeded))}`,
      );
    }
  }
  return undefined;
}

export const ResourceQuota: AdmissionPlugin = {
  name: "ResourceQuota",
  validate: check,
};
