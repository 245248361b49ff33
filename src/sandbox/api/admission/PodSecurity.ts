/**
 * PodSecurity (k8s.io/pod-security-admission/admission/admission.go, wired in by
 * plugin/pkg/admission/security/podsecurity). Pods are checked against the namespace's enforce
 * level (refused: `violates PodSecurity "<level>:<version>": ...`) and, when allowed, its warn
 * level (warning: `would violate PodSecurity ...`). Workloads with a pod template are checked
 * against warn only: they are created, with the warning, and their pods are refused later.
 * Audit mode writes audit annotations, which the simulation has no log for.
 */
import type { KubeObject } from "../../model/object.js";
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin } from "../types.js";
import { forbidden } from "./errors.js";
import { levelVersionText, type NamespacePolicy, policyFromLabels } from "./pod-security/policy.js";
import { evaluatePod, forbiddenDetail } from "./pod-security/registry.js";
import { isRecord, recordOf } from "./pod-spec.js";

/** The pod template of a workload kind (admission.go PodSpecExtractor DefaultPodSpecExtractor). */
function templateOf(obj: KubeObject): { metadata: Record<string, unknown>; spec: Record<string, unknown> } | null {
  const spec = recordOf(obj.spec);
  let template: unknown;
  switch (obj.kind) {
    case "Deployment":
    case "ReplicaSet":
    case "StatefulSet":
    case "DaemonSet":
    case "Job":
    case "ReplicationController":
      template = spec.template;
      break;
    case "CronJob":
      template = recordOf(recordOf(spec.jobTemplate).spec).template;
      break;
    case "PodTemplate":
      template = obj.template;
      break;
    default:
      return null;
  }
  const t = recordOf(template);
  return isRecord(t.spec) ? { metadata: recordOf(t.metadata), spec: t.spec } : null;
}

function namespacePolicy(attrs: AdmissionAttributes, ctx: AdmissionContext): NamespacePolicy | null {
  if (!attrs.namespace) return null;
  const ns = ctx.store.get("Namespace", undefined, attrs.namespace);
  return policyFromLabels(ns?.metadata.labels);
}

function warn(
  policy: NamespacePolicy,
  meta: Record<string, unknown>,
  spec: Record<string, unknown>,
  ctx: AdmissionContext,
) {
  const violations = evaluatePod(policy.warn.level, meta, spec);
  if (violations.length > 0) {
    ctx.warnings.push(`would violate PodSecurity "${levelVersionText(policy.warn)}": ${forbiddenDetail(violations)}`);
  }
}

function specChanged(attrs: AdmissionAttributes, spec: unknown, oldSpec: unknown): boolean {
  return attrs.operation === "CREATE" || JSON.stringify(spec) !== JSON.stringify(oldSpec);
}

export const PodSecurity: AdmissionPlugin = {
  name: "PodSecurity",
  validate(attrs, ctx) {
    if (attrs.operation === "DELETE") return undefined;
    const policy = namespacePolicy(attrs, ctx);
    if (!policy) return undefined;
    const obj = attrs.object;
    if (attrs.kind.kind === "Pod") {
      if (!isRecord(obj.spec) || !specChanged(attrs, obj.spec, attrs.old?.spec)) return undefined;
      const violations = evaluatePod(policy.enforce.level, obj.metadata, obj.spec);
      if (violations.length > 0) {
        return forbidden(
          attrs,
          `violates PodSecurity "${levelVersionText(policy.enforce)}": ${forbiddenDetail(violations)}`,
        );
      }
      warn(policy, obj.metadata, obj.spec, ctx);
      return undefined;
    }
    const template = templateOf(obj);
    if (!template) return undefined;
    const oldTemplate = attrs.old ? templateOf(attrs.old) : null;
    if (specChanged(attrs, template, oldTemplate)) warn(policy, template.metadata, template.spec, ctx);
    return undefined;
  },
};
