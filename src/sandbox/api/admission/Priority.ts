/**
 * Priority (plugin/pkg/admission/priority/admission.go). Mutating, pods on CREATE: resolves
 * `priorityClassName` (or the globalDefault class when unset) into `spec.priority` and
 * `spec.preemptionPolicy`, refusing unknown classes and explicit values that disagree. On UPDATE
 * it keeps the stored priority. Validating, PriorityClasses: only one may be globalDefault.
 */
import type { KubeObject } from "../../model/object.js";
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin } from "../types.js";
import { forbidden } from "./errors.js";
import { isRecord } from "./pod-spec.js";

/** The classes kube-apiserver creates at start (pkg/apis/scheduling/types.go SystemPriorityClasses). */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  "system-node-critical": 2000001000,
  "system-cluster-critical": 2000000000,
};

/** DefaultPriorityWhenNoDefaultClassExists. */
export const DEFAULT_PRIORITY = 0;

interface Resolved {
  name: string;
  value: number;
  preemptionPolicy: string;
}

function policyOf(pc: KubeObject): string {
  return typeof pc.preemptionPolicy === "string" ? pc.preemptionPolicy : "PreemptLowerPriority";
}

function classValue(pc: KubeObject): number {
  return typeof pc.value === "number" ? pc.value : 0;
}

/** getDefaultPriorityClass: the globalDefault class with the lowest value, if any. */
export function defaultPriorityClass(ctx: AdmissionContext): KubeObject | undefined {
  let best: KubeObject | undefined;
  for (const pc of ctx.store.list("PriorityClass")) {
    if (pc.globalDefault === true && (!best || classValue(best) > classValue(pc))) best = pc;
  }
  return best;
}

/** establishPriority: the class a pod gets, or null when the named class does not exist. */
function establish(ctx: AdmissionContext, className: string): Resolved | null {
  if (!className) {
    const dpc = defaultPriorityClass(ctx);
    if (!dpc) return { name: "", value: DEFAULT_PRIORITY, preemptionPolicy: "PreemptLowerPriority" };
    return { name: dpc.metadata.name ?? "", value: classValue(dpc), preemptionPolicy: policyOf(dpc) };
  }
  const pc = ctx.store.get("PriorityClass", undefined, className);
  if (pc) return { name: className, value: classValue(pc), preemptionPolicy: policyOf(pc) };
  const system = SYSTEM_PRIORITY_CLASSES[className];
  if (system !== undefined) return { name: className, value: system, preemptionPolicy: "PreemptLowerPriority" };
  return null;
}

function admitPod(attrs: AdmissionAttributes, ctx: AdmissionContext) {
  const spec = attrs.object.spec;
  if (!isRecord(spec)) return undefined;
  if (attrs.operation === "UPDATE") {
    const old = attrs.old?.spec;
    if (spec.priority === undefined && typeof old?.priority === "number") spec.priority = old.priority;
    if (spec.preemptionPolicy === undefined && typeof old?.preemptionPolicy === "string") {
      spec.preemptionPolicy = old.preemptionPolicy;
    }
    return undefined;
  }
  const className = typeof spec.priorityClassName === "string" ? spec.priorityClassName : "";
  const resolved = establish(ctx, className);
  if (!resolved) return forbidden(attrs, `no PriorityClass with name ${className} was found`);
  if (resolved.name) spec.priorityClassName = resolved.name;
  if (typeof spec.priority === "number" && spec.priority !== resolved.value) {
    return forbidden(
      attrs,
      `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${resolved.value} from the given PriorityClass name`,
    );
  }
  spec.priority = resolved.value;
  if (typeof spec.preemptionPolicy === "string" && spec.preemptionPolicy !== resolved.preemptionPolicy) {
    return forbidden(
      attrs,
      `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${resolved.preemptionPolicy} from the given PriorityClass name`,
    );
  }
  spec.preemptionPolicy = resolved.preemptionPolicy;
  return undefined;
}

export const Priority: AdmissionPlugin = {
  name: "Priority",
  mutate(attrs, ctx) {
    if (attrs.kind.kind !== "Pod" || attrs.operation === "DELETE") return undefined;
    return admitPod(attrs, ctx);
  },
  validate(attrs, ctx) {
    if (attrs.kind.kind !== "PriorityClass" || attrs.operation === "DELETE") return undefined;
    if (attrs.object.globalDefault !== true) return undefined;
    const dpc = defaultPriorityClass(ctx);
    if (!dpc) return undefined;
    if (attrs.operation === "CREATE" || dpc.metadata.name !== attrs.name) {
      return forbidden(
        attrs,
        `PriorityClass ${dpc.metadata.name} is already marked as default. Only one default can exist`,
      );
    }
    return undefined;
  },
};
