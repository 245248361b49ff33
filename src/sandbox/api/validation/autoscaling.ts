/**
 * HorizontalPodAutoscalers, v1 and v2 (pkg/apis/autoscaling/validation/validation.go
 * ValidateHorizontalPodAutoscalerSpec, ValidateCrossVersionObjectReference, validateMetrics;
 * path segment names from k8s.io/apimachinery/pkg/api/validation/path).
 */
import type { FieldError } from "../field-error.js";
import { child, index, invalid, required, unsupported } from "./field.js";
import { validateObjectMeta } from "./meta.js";
import { nameIsDNSSubdomain } from "./names.js";
import { isSet, num, type Obj, rec, recs, str } from "./values.js";

function isValidPathSegmentName(name: string): string[] {
  if (name === "." || name === "..") return [`may not be '${name}'`];
  return ["/", "%"].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}

function validateScaleTargetRef(ref: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ["kind", "name"]) {
    const v = str(ref[f]);
    if (!v) errs.push(required(child(path, f)));
    else for (const msg of isValidPathSegmentName(v)) errs.push(invalid(child(path, f), v, msg));
  }
  return errs;
}

const METRIC_TYPES = ["ContainerResource", "External", "Object", "Pods", "Resource"];
const TARGET_TYPES = ["AverageValue", "Utilization", "Value"];

function validateMetrics(metrics: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  recs(metrics).forEach((m, i) => {
    const mp = index(path, i);
    const type = str(m.type);
    if (!type) {
      errs.push(required(child(mp, "type"), "must specify a metric source type"));
      return;
    }
    if (!METRIC_TYPES.includes(type)) {
      errs.push(unsupported(child(mp, "type"), type, METRIC_TYPES));
      return;
    }
    if (type !== "Resource") return;
    const source = rec(m.resource);
    if (!source) {
      errs.push(required(child(mp, "resource"), "must populate information for the given metric source"));
      return;
    }
    if (!str(source.name)) errs.push(required(child(mp, "resource", "name"), "must specify a resource name"));
    const target = rec(source.target) ?? {};
    const tp = child(mp, "resource", "target");
    const ttype = str(target.type);
    if (!ttype) errs.push(required(child(tp, "type"), "must specify a metric target type"));
    else if (!TARGET_TYPES.includes(ttype)) errs.push(unsupported(child(tp, "type"), ttype, TARGET_TYPES));
    const util = num(target.averageUtilization);
    if (util !== undefined && util < 1)
      errs.push(invalid(child(tp, "averageUtilization"), util, "must be greater than 0"));
  });
  return errs;
}

/** `ValidateHorizontalPodAutoscaler` for autoscaling/v1 and v2 objects. */
export function validateHorizontalPodAutoscaler(obj: Obj): FieldError[] {
  const spec = rec(obj.spec) ?? {};
  const errs = validateObjectMeta(rec(obj.metadata), true, nameIsDNSSubdomain);
  const min = num(spec.minReplicas);
  const max = num(spec.maxReplicas) ?? 0;
  if (min !== undefined && min < 1) errs.push(invalid("spec.minReplicas", min, "must be greater than or equal to 1"));
  if (max < 1) errs.push(invalid("spec.maxReplicas", max, "must be greater than 0"));
  if (min !== undefined && max < min)
    errs.push(invalid("spec.maxReplicas", max, "must be greater than or equal to `minReplicas`"));
  errs.push(...validateScaleTargetRef(rec(spec.scaleTargetRef) ?? {}, "spec.scaleTargetRef"));
  errs.push(...validateMetrics(spec.metrics, "spec.metrics"));
  const cpu = num(spec.targetCPUUtilizationPercentage);
  if (isSet(spec.targetCPUUtilizationPercentage) && cpu !== undefined && cpu < 1) {
    errs.push(invalid("spec.targetCPUUtilizationPercentage", cpu, "must be greater than 0"));
  }
  return errs;
}
