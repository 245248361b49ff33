/**
 * HorizontalPodAutoscaler defaulting (pkg/apis/autoscaling/v1/defaults.go and
 * pkg/apis/autoscaling/v2/defaults.go SetDefaults_HorizontalPodAutoscaler,
 * GenerateHPAScaleUpRules, GenerateHPAScaleDownRules).
 */
import { ensure, type Obj, rec } from "./fields.js";

/** autoscaling.DefaultCPUUtilization. */
const DEFAULT_CPU_UTILIZATION = 80;

function scaleUpDefaults() {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: "Max",
    policies: [
      { type: "Pods", value: 4, periodSeconds: 15 },
      { type: "Percent", value: 100, periodSeconds: 15 },
    ],
  };
}

function scaleDownDefaults() {
  return {
    stabilizationWindowSeconds: 300,
    selectPolicy: "Max",
    policies: [{ type: "Percent", value: 100, periodSeconds: 15 }],
  };
}

function fillRules(rules: unknown, defaults: Obj): Obj {
  const r = rec(rules);
  if (!r) return defaults;
  const out = { ...r };
  for (const k of ["stabilizationWindowSeconds", "selectPolicy", "policies"]) {
    if (out[k] === undefined || out[k] === null) out[k] = defaults[k];
  }
  return out;
}

/**
 * Defaults an HPA in place. autoscaling/v1: minReplicas 1 (an unset targetCPU stays unset).
 * autoscaling/v2: minReplicas 1, an 80% CPU utilization metric when none is given, and when
 * `behavior` is present, every unset rule filled (scale-down stabilization 300s).
 */
export function defaultHorizontalPodAutoscaler(obj: Obj, version: string): void {
  const spec = ensure(obj, "spec");
  if (!spec) return;
  if (spec.minReplicas === undefined || spec.minReplicas === null) spec.minReplicas = 1;
  if (version === "v1") return;
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [
      {
        type: "Resource",
        resource: { name: "cpu", target: { type: "Utilization", averageUtilization: DEFAULT_CPU_UTILIZATION } },
      },
    ];
  }
  const behavior = rec(spec.behavior);
  if (behavior) {
    behavior.scaleUp = fillRules(behavior.scaleUp, scaleUpDefaults());
    behavior.scaleDown = fillRules(behavior.scaleDown, scaleDownDefaults());
  }
}
