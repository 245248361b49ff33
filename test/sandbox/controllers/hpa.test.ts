import { describe, expect, it } from "vitest";
import { createCluster } from "../../../src/sandbox/cluster/cluster.js";
import { hpaController, replicaTimeline } from "../../../src/sandbox/controllers/hpa.js";
import type { KubeObject } from "../../../src/sandbox/model/object.js";

interface Setup {
  replicas: number;
  load?: string;
  target?: number;
  min?: number;
  max?: number;
  behavior?: object;
  request?: string | null;
  extraReadyPods?: number;
  unreadyPods?: number;
}

function pod(i: number, load: string | undefined, request: string | null, ready: boolean): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `web-${i}`,
      namespace: "default",
      labels: { app: "web" },
      ...(load ? { annotations: { "podsensei.dev/load-cpu": load } } : {}),
    },
    spec: { containers: [{ name: "web", image: "nginx", resources: request ? { requests: { cpu: request } } : {} }] },
    status: {
      phase: ready ? "Running" : "Pending",
      conditions: [{ type: "Ready", status: ready ? "True" : "False" }],
    },
  };
}

function setup(s: Setup) {
  const c = createCluster({ controllers: [hpaController()] });
  c.store.add({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default", generation: 1 },
    spec: { replicas: s.replicas, selector: { matchLabels: { app: "web" } } },
  });
  const request = s.request === undefined ? "100m" : s.request;
  for (let i = 0; i < s.replicas; i++) c.store.add(pod(i, s.load, request, true));
  for (let i = 0; i < (s.unreadyPods ?? 0); i++) c.store.add(pod(100 + i, s.load, request, false));
  c.store.add({
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "web", namespace: "default" },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      minReplicas: s.min ?? 1,
      maxReplicas: s.max ?? 10,
      metrics: [
        {
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: s.target ?? 50 } },
        },
      ],
      ...(s.behavior ? { behavior: s.behavior } : {}),
    },
  });
  return c;
}

const replicas = (c: ReturnType<typeof setup>) => c.store.get("Deployment", "default", "web")?.spec.replicas;
const events = (c: ReturnType<typeof setup>, reason: string) => c.recorder.list().filter((e) => e.reason === reason);
const condition = (c: ReturnType<typeof setup>, type: string) => {
  const conds: { type: string; reason: string }[] =
    c.store.get("HorizontalPodAutoscaler", "default", "web")?.status?.conditions ?? [];
  return conds.find((x) => x.type === type);
};

describe("HPA controller", () => {
  it("scales up by the formula, capped by the legacy rate max(2 × current, 4), with the upstream event", () => {
    const c = setup({ replicas: 2, load: "180%" });
    c.clock.runUntil(15);
    // ceil(2 × 180 / 50) = 8, limited to max(2 × 2, 4) = 4 in the first step
    expect(replicas(c)).toBe(4);
    expect(events(c, "SuccessfulRescale")[0]?.message).toBe(
      "New size: 4; reason: cpu resource utilization (percentage of request) above target",
    );
    expect(events(c, "SuccessfulRescale")[0]?.source).toBe("horizontal-pod-autoscaler");
    expect(condition(c, "ScalingLimited")?.reason).toBe("ScaleUpLimit");
    expect(condition(c, "ScalingActive")?.reason).toBe("ValidMetricFound");
  });

  it.each([
    { load: "54%", want: 2, why: "inside the 10% tolerance" },
    { load: "56%", want: 3, why: "just outside the tolerance: ceil(2 × 56 / 50) = 3" },
    { load: "10%", want: 2, why: "a new HPA seeds its recommendations with the current count: no scale-down at once" },
  ])("load $load on 2 pods, target 50% → $want ($why)", ({ load, want }) => {
    const c = setup({ replicas: 2, load });
    c.clock.runUntil(15);
    expect(replicas(c)).toBe(want);
  });

  it("clamps to maxReplicas with TooManyReplicas", () => {
    const c = setup({ replicas: 2, load: "180%", max: 3 });
    c.clock.runUntil(15);
    expect(replicas(c)).toBe(3);
    expect(condition(c, "ScalingLimited")?.reason).toBe("TooManyReplicas");
  });

  it("first syncs one period after creation, then waits out the 300 s downscale stabilization window", () => {
    const c = setup({ replicas: 4, load: "10%", min: 1 });
    c.clock.runUntil(14);
    expect(c.store.get("HorizontalPodAutoscaler", "default", "web")?.status).toBeUndefined();
    c.clock.runUntil(314);
    expect(replicas(c)).toBe(4);
    expect(condition(c, "AbleToScale")?.reason).toBe("ScaleDownStabilized");
    c.clock.runUntil(316);
    expect(replicas(c)).toBe(1);
    const down = events(c, "SuccessfulRescale")[0];
    expect(down?.message).toBe("New size: 1; reason: All metrics below target");
    expect(down?.time).toBe(315);
  });

  it("with behavior, scale-up follows the policies: max(4 pods, 100%) per 15 s", () => {
    const behavior = {
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: "Max",
        policies: [
          { type: "Pods", value: 4, periodSeconds: 15 },
          { type: "Percent", value: 100, periodSeconds: 15 },
        ],
      },
      scaleDown: {
        stabilizationWindowSeconds: 300,
        selectPolicy: "Max",
        policies: [{ type: "Percent", value: 100, periodSeconds: 15 }],
      },
    };
    const c = setup({ replicas: 2, load: "300%", behavior, max: 20 });
    c.clock.runUntil(15);
    expect(replicas(c)).toBe(6); // max(2 + 4, ceil(2 × 2)) = 6
    c.clock.runUntil(30);
    expect(replicas(c)).toBe(12); // ceil(2 × 300 / 50) = 12, within max(6 + 4, 12)
    expect(events(c, "SuccessfulRescale").map((e) => e.message)).toEqual([
      "New size: 6; reason: cpu resource utilization (percentage of request) above target",
      "New size: 12; reason: cpu resource utilization (percentage of request) above target",
    ]);
  });

  it("selectPolicy Disabled stops scale-up, and ScalingLimited says why", () => {
    const behavior = {
      scaleUp: { selectPolicy: "Disabled", policies: [{ type: "Pods", value: 4, periodSeconds: 15 }] },
    };
    const c = setup({ replicas: 2, load: "300%", behavior });
    c.clock.runUntil(15);
    expect(replicas(c)).toBe(2);
    expect(condition(c, "ScalingLimited")?.reason).toBe("ScaleUpLimit");
  });

  it("a missing cpu request fails the metric with upstream's texts", () => {
    const c = setup({ replicas: 1, load: "180%", request: null });
    c.clock.runUntil(15);
    // horizontal.go (1.34): computeStatusForResourceMetricGeneric and computeReplicasForMetric wrap the error.
    expect(events(c, "FailedGetResourceMetric")[0]?.message).toBe(
      "failed to get cpu utilization: missing request for cpu in container web of Pod web-0",
    );
    expect(events(c, "FailedComputeMetricsReplicas")[0]?.message).toBe(
      "invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: missing request for cpu in container web of Pod web-0",
    );
    expect(condition(c, "ScalingActive")?.reason).toBe("FailedGetResourceMetric");
    expect(replicas(c)).toBe(1);
  });

  it("unready pods count as 0% when scaling up", () => {
    const c = setup({ replicas: 2, load: "180%", unreadyPods: 2, target: 80 });
    c.clock.runUntil(15);
    // ratio over ready pods 180/80 = 2.25 > 1 → rebalanced: 90/80 = 1.125 → ceil(1.125 × 4) = 5, capped at 4
    expect(replicas(c)).toBe(4);
  });

  it("spreads a declared load over the ready pods: more pods, lower utilization", () => {
    const c = setup({ replicas: 2, load: "180%", max: 4 });
    c.clock.runUntil(15);
    for (let i = 2; i < 4; i++) c.store.add(pod(i, undefined, "100m", true));
    c.clock.runUntil(30);
    const t = replicaTimeline(c)[0];
    expect(t?.points.map((p) => p.utilization)).toEqual([null, 180, 90]);
    expect(t?.points.map((p) => p.replicas)).toEqual([2, 4, 4]);
  });

  it("without a declared load it holds the replicas and says so in the timeline, until a load appears", () => {
    const c = setup({ replicas: 3 });
    c.clock.runUntil(60);
    expect(replicas(c)).toBe(3);
    expect(replicaTimeline(c)[0]?.undeclaredLoad).toEqual(["cpu"]);
    // The simulated cluster has no metrics-server: the texts a real HPA gives without one.
    const noMetrics =
      "failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)";
    expect(events(c, "FailedGetResourceMetric")[0]?.message).toBe(noMetrics);
    expect(events(c, "FailedComputeMetricsReplicas")[0]?.message).toBe(
      `invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${noMetrics}`,
    );
    expect(condition(c, "ScalingActive")).toMatchObject({
      status: "False",
      reason: "FailedGetResourceMetric",
      message: `the HPA was unable to compute the replica count: ${noMetrics}`,
    });
    c.store.patch("Deployment", "default", "web", (o) => {
      o.metadata.annotations = { "podsensei.dev/load-cpu": "40" };
    });
    c.clock.runUntil(75);
    expect(replicaTimeline(c)[0]?.undeclaredLoad).toEqual([]);
    expect(events(c, "SuccessfulRescale")).toEqual([]);
  });

  it("an autoscaling/v1 HPA scales on targetCPUUtilizationPercentage", () => {
    const c = setup({ replicas: 2, load: "160%" });
    c.store.patch("HorizontalPodAutoscaler", "default", "web", (o) => {
      o.apiVersion = "autoscaling/v1";
      o.spec = {
        scaleTargetRef: o.spec.scaleTargetRef,
        minReplicas: 1,
        maxReplicas: 10,
        targetCPUUtilizationPercentage: 80,
      };
    });
    c.clock.runUntil(15);
    // ceil(2 × 160 / 80) = 4
    expect(replicas(c)).toBe(4);
    expect(replicaTimeline(c)[0]?.targets).toBe("cpu: 160%/80%");
  });

  it("a missing target gives FailedGetScale", () => {
    const c = createCluster({ controllers: [hpaController()] });
    c.store.add({
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: "api", namespace: "default" },
      spec: { scaleTargetRef: { kind: "Deployment", name: "api" }, minReplicas: 1, maxReplicas: 3, metrics: [] },
    });
    c.clock.runUntil(15);
    expect(c.recorder.list().find((e) => e.reason === "FailedGetScale")?.message).toBe(
      'deployments.apps "api" not found',
    );
  });
});
