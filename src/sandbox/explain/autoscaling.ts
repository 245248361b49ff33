/**
 * Findings about HorizontalPodAutoscalers: what the controller did over time (from its replica
 * timeline), what it cannot do (a missing target, missing requests: predicted from the YAML even
 * when no load was declared), the limits it hit, and the load the simulator was not told about.
 */
import { type HpaTimeline, hpaMetrics, replicaTimeline } from "../controllers/hpa.js";
import { formatDuration } from "../model/duration.js";
import type { KubeObject } from "../model/object.js";
import type { Finding } from "../result.js";
import type { FindingContext } from "./source.js";

type Any = any;

/** `0s 2 → 15s 4 (cpu 180%) → 30s 8 (cpu 45%)`: the replicas an HPA asked for over time. */
export function timelineText(t: HpaTimeline): string {
  return t.points
    .map((p) => `${formatDuration(p.time)} ${p.replicas}${p.utilization === null ? "" : ` (cpu ${p.utilization}%)`}`)
    .join(" → ");
}

function staticFindings(ctx: FindingContext, hpa: KubeObject): Finding[] {
  const store = ctx.cluster.store;
  const ref = `HorizontalPodAutoscaler/${hpa.metadata.name}`;
  const target = hpa.spec?.scaleTargetRef ?? {};
  const obj = store.get(target.kind, hpa.metadata.namespace, target.name);
  if (!obj) {
    return [
      {
        severity: "error",
        layer: "spec",
        object: ref,
        message: `scales ${target.kind}/${target.name}, which does not exist (FailedGetScale)`,
        hint: "fix spec.scaleTargetRef (kind and name of the Deployment or StatefulSet)",
      },
    ];
  }
  const out: Finding[] = [];
  const containers: Any[] = obj.spec?.template?.spec?.containers ?? [];
  for (const m of hpaMetrics(hpa)) {
    if (m?.type !== "Resource" || m.resource?.target?.type !== "Utilization") continue;
    const res: string = m.resource.name;
    // A limit alone is a request too: defaulting copies limits into missing requests (SetDefaults_Pod).
    const missing = containers.filter((c) => !c?.resources?.requests?.[res] && !c?.resources?.limits?.[res]);
    if (missing.length > 0) {
      out.push({
        severity: "error",
        layer: "spec",
        object: ref,
        message: `cannot compute ${res} utilization: container ${missing.map((c) => `"${c.name}"`).join(", ")} of ${target.kind}/${target.name} has no ${res} request (FailedGetResourceMetric: missing request for ${res}); it will never scale`,
        hint: `set resources.requests.${res} on every container of ${target.kind}/${target.name}`,
      });
    }
  }
  return out;
}

/** Every autoscaling finding. */
export function autoscalingFindings(ctx: FindingContext): Finding[] {
  const out: Finding[] = [];
  const timelines = new Map(replicaTimeline(ctx.cluster).map((t) => [`${t.namespace}/${t.hpa}`, t]));
  for (const hpa of ctx.cluster.store.list("HorizontalPodAutoscaler")) {
    const ref = `HorizontalPodAutoscaler/${hpa.metadata.name}`;
    out.push(...staticFindings(ctx, hpa));
    const t = timelines.get(`${hpa.metadata.namespace}/${hpa.metadata.name}`);
    if (!t) continue;
    if (t.points.some((p, i) => i > 0 && p.replicas !== t.points[i - 1]?.replicas)) {
      out.push({
        severity: "info",
        layer: "scheduling",
        object: ref,
        message: `scaled ${t.target}: ${timelineText(t)}`,
        hint: null,
      });
    }
    const limited = ((hpa.status?.conditions ?? []) as Any[]).find(
      (c) => c.type === "ScalingLimited" && c.status === "True",
    );
    if (limited?.reason === "TooManyReplicas") {
      out.push({
        severity: "warning",
        layer: "scheduling",
        object: ref,
        message: `is held at maxReplicas ${t.maxReplicas}: ${limited.message}, so the pods stay above their target`,
        hint: "raise maxReplicas or make each pod handle more load",
      });
    }
    for (const res of t.undeclaredLoad) {
      const held = t.points[t.points.length - 1]?.replicas ?? t.minReplicas;
      const idle =
        held > t.minReplicas
          ? `. With metrics-server and idle pods it would scale down toward minReplicas ${t.minReplicas} after the 5-minute stabilization window`
          : "";
      // Metrics are a runtime matter: metrics-server reads the kubelets' usage for metrics.k8s.io.
      out.push({
        severity: "info",
        layer: "runtime",
        object: ref,
        message: `no ${res} load was declared for ${t.target}, and the simulated cluster has no metrics-server: like a real cluster without one (metrics.k8s.io not served), the HPA shows ${res}: <unknown>, records FailedGetResourceMetric and holds ${held} replica(s)${idle}`,
        hint: `add --then '1m: load ${t.target.toLowerCase()} ${res}=180%' to see it scale; on a real cluster, install metrics-server (kubectl top pods shows whether it serves)`,
      });
    }
  }
  return out;
}
