/**
 * RuntimeClass (plugin/pkg/admission/runtimeclass/admission.go). Pods on CREATE only, by any
 * client, so pods that controllers create from templates too. Mutating: refuses a
 * `runtimeClassName` with no RuntimeClass, copies the class's `overhead.podFixed` into
 * `spec.overhead` (refusing a pod that set a different one), and merges the class's
 * `scheduling.nodeSelector` (refusing conflicting keys) and `scheduling.tolerations` into the pod.
 * Validating: the pod's overhead must still equal the class's, and a pod whose class defines no
 * overhead may not set one.
 */

import type { KubeObject } from "../../model/object.js";
import { quantityOrNull } from "../../model/quantity.js";
import type { AdmissionAttributes, AdmissionContext, AdmissionDenial, AdmissionPlugin } from "../types.js";
import { forbidden } from "./errors.js";
import { isRecord } from "./pod-spec.js";

const OVERHEAD_MISMATCH = "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead";

type Prepared = { spec: Record<string, unknown>; rc: KubeObject | undefined } | AdmissionDenial;

/** prepareObjects: the pod spec and its RuntimeClass, or the refusal for a missing class. */
function prepare(attrs: AdmissionAttributes, ctx: AdmissionContext): Prepared | undefined {
  if (attrs.kind.kind !== "Pod" || attrs.operation !== "CREATE") return undefined;
  const spec = attrs.object.spec;
  if (!isRecord(spec)) return undefined;
  const name = spec.runtimeClassName;
  if (typeof name !== "string") return { spec, rc: undefined };
  const rc = ctx.store.get("RuntimeClass", undefined, name);
  if (!rc) return forbidden(attrs, `pod rejected: RuntimeClass "${name}" not found`);
  return { spec, rc };
}

function isDenial(p: Prepared): p is AdmissionDenial {
  return "reason" in p;
}

/**
 * apiequality.Semantic.DeepEqual on two ResourceLists: quantities compare by value (`250m`
 * equals `0.25`), and a nil list equals an empty one.
 */
function sameResources(a: unknown, b: unknown): boolean {
  const ea = Object.entries(isRecord(a) ? a : {});
  const rb = isRecord(b) ? b : {};
  if (ea.length !== Object.keys(rb).length) return false;
  return ea.every(([name, raw]) => {
    if (!(name in rb)) return false;
    const qa = quantityOrNull(raw);
    const qb = quantityOrNull(rb[name]);
    return qa && qb ? qa.nano === qb.nano : raw === rb[name];
  });
}

/** setOverhead. */
function setOverhead(attrs: AdmissionAttributes, spec: Record<string, unknown>, rc: KubeObject) {
  if (!isRecord(rc.overhead)) return undefined;
  const podFixed = rc.overhead.podFixed;
  if (spec.overhead != null && !sameResources(podFixed, spec.overhead)) {
    return forbidden(attrs, OVERHEAD_MISMATCH);
  }
  if (isRecord(podFixed)) spec.overhead = { ...podFixed };
  else delete spec.overhead;
  return undefined;
}

function tolerationKey(t: unknown): string {
  return isRecord(t) ? `${String(t.key ?? "")}\u0000${String(t.effect ?? "")}` : "";
}

/**
 * setScheduling. Tolerations merge as pkg/util/tolerations MergeTolerations does: the class's
 * first, then the pod's whose (key, effect) the class does not have. Upstream appends the pod's
 * in Go map order; this keeps the pod's own order so runs are reproducible.
 */
function setScheduling(attrs: AdmissionAttributes, spec: Record<string, unknown>, rc: KubeObject) {
  if (!isRecord(rc.scheduling)) return undefined;
  const classSelector = isRecord(rc.scheduling.nodeSelector) ? rc.scheduling.nodeSelector : undefined;
  if (!isRecord(spec.nodeSelector)) {
    if (classSelector) spec.nodeSelector = { ...classSelector };
  } else {
    const merged = { ...spec.nodeSelector };
    for (const [k, classValue] of Object.entries(classSelector ?? {})) {
      const podValue = merged[k];
      if (k in merged && podValue !== classValue) {
        return forbidden(
          attrs,
          `conflict: runtimeClass.scheduling.nodeSelector[${k}] = ${String(classValue)}; pod.spec.nodeSelector[${k}] = ${String(podValue)}`,
        );
      }
      merged[k] = classValue;
    }
    spec.nodeSelector = merged;
  }
  const classTolerations = Array.isArray(rc.scheduling.tolerations) ? (rc.scheduling.tolerations as unknown[]) : [];
  if (classTolerations.length > 0) {
    const taken = new Set(classTolerations.map(tolerationKey));
    const own = Array.isArray(spec.tolerations) ? (spec.tolerations as unknown[]) : [];
    spec.tolerations = [...classTolerations, ...own.filter((t) => !taken.has(tolerationKey(t)))];
  }
  return undefined;
}

/** validateOverhead. */
function validateOverhead(attrs: AdmissionAttributes, spec: Record<string, unknown>, rc: KubeObject | undefined) {
  if (rc && isRecord(rc.overhead)) {
    return sameResources(rc.overhead.podFixed, spec.overhead) ? undefined : forbidden(attrs, OVERHEAD_MISMATCH);
  }
  if (spec.overhead != null) {
    return forbidden(attrs, "pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead");
  }
  return undefined;
}

export const RuntimeClass: AdmissionPlugin = {
  name: "RuntimeClass",
  mutate(attrs, ctx) {
    const p = prepare(attrs, ctx);
    if (!p || isDenial(p)) return p;
    if (!p.rc) return undefined;
    return setOverhead(attrs, p.spec, p.rc) ?? setScheduling(attrs, p.spec, p.rc);
  },
  validate(attrs, ctx) {
    const p = prepare(attrs, ctx);
    if (!p || isDenial(p)) return p;
    return validateOverhead(attrs, p.spec, p.rc);
  },
};
