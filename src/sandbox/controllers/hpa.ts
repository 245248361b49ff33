/**
 * The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler/horizontal.go and
 * replica_calculator.go): every 15 s it reads the target's pods, computes utilization =
 * usage / request averaged over ready pods, proposes `ceil(ready × utilization / target)` outside
 * the 10% tolerance, stabilizes the proposal over the recent recommendations, rate-limits it
 * (legacy `max(2 × current, 4)` or the `behavior` policies) and clamps it to [min, max].
 *
 * Load: the simulator has no metrics-server, so without a declared load the HPA fails to get
 * metrics as a real one does without it. `--then 'load deployment/web cpu=180%'` annotates
 * the workload's pods with `podsensei.dev/load-cpu`. When the HPA first sees a value it turns it
 * into a demand (value × the ready pods' requests) that the Service spreads evenly over the ready
 * pods from then on, so adding pods lowers each pod's use, as in a real load test.
 */
import { timestampAt } from "../api/server.js";
import type { ObjectStore } from "../api/store.js";
import type { Controller, ControllerContext } from "../engine/controller.js";
import type { KubeObject } from "../model/object.js";
import { milliValue, parseQuantity } from "../model/quantity.js";
import { matchesLabelSelector } from "../model/selector.js";

/** --horizontal-pod-autoscaler-sync-period default. */
export const HPA_SYNC_SECONDS = 15;
/** --horizontal-pod-autoscaler-tolerance default. */
export const HPA_TOLERANCE = 0.1;
/** --horizontal-pod-autoscaler-downscale-stabilization default (legacy path). */
export const DOWNSCALE_STABILIZATION_SECONDS = 300;
/** Annotation prefix the `load` action writes (`podsensei.dev/load-cpu: "180%"`). */
export const LOAD_ANNOTATION_PREFIX = "podsensei.dev/load-";
const SOURCE = "horizontal-pod-autoscaler";

type Any = any;

/** One point of an HPA's replica timeline. */
export interface ReplicaPoint {
  time: number;
  replicas: number;
  /** Average utilization (percent of request) the HPA read, null when it had none. */
  utilization: number | null;
}

/** The replicas an HPA asked for over time. */
export interface HpaTimeline {
  hpa: string;
  namespace: string;
  target: string;
  minReplicas: number;
  maxReplicas: number;
  points: ReplicaPoint[];
  /** Resources whose load was not declared at the last sync (the HPA held the replica count). */
  undeclaredLoad: string[];
  /** kubectl get hpa's TARGETS at the last sync: `cpu: 45%/50%`, `cpu: <unknown>/50%`. */
  targets: string;
}

interface Memory {
  recommendations: { time: number; replicas: number }[];
  scaleUp: { time: number; change: number }[];
  scaleDown: { time: number; change: number }[];
  demand: Map<string, { text: string; milli: number }>;
  timeline: HpaTimeline;
  looping: boolean;
}

const memories = new WeakMap<ObjectStore, Map<string, Memory>>();

function memoryOf(store: ObjectStore): Map<string, Memory> {
  let m = memories.get(store);
  if (!m) {
    m = new Map();
    memories.set(store, m);
  }
  return m;
}

/** The replica timeline of every HPA the controller has synced, for the report and the JSON result. */
export function replicaTimeline(cluster: { store: ObjectStore }): HpaTimeline[] {
  return [...(memories.get(cluster.store)?.values() ?? [])].map((m) => m.timeline);
}

const WORKLOADS: Record<string, true> = {
  Deployment: true,
  StatefulSet: true,
  ReplicaSet: true,
  ReplicationController: true,
};
const RESOURCE_PATH: Record<string, string> = {
  Deployment: "deployments.apps",
  StatefulSet: "statefulsets.apps",
  ReplicaSet: "replicasets.apps",
  ReplicationController: "replicationcontrollers",
};

function isReady(pod: KubeObject): boolean {
  const conds: Any[] = pod.status?.conditions ?? [];
  return pod.status?.phase === "Running" && conds.some((c) => c.type === "Ready" && c.status === "True");
}

function podRequest(pod: KubeObject, resource: string): { milli: number } | { error: string } {
  let sum = 0;
  for (const c of (pod.spec?.containers ?? []) as Any[]) {
    const q = parseQuantity(c?.resources?.requests?.[resource] ?? "");
    // replica_calculator.go calculatePodRequests
    if (!q) return { error: `missing request for ${resource} in container ${c?.name} of Pod ${pod.metadata.name}` };
    sum += milliValue(q);
  }
  return { milli: sum };
}

function loadText(pods: KubeObject[], target: KubeObject, resource: string): string | null {
  const key = `${LOAD_ANNOTATION_PREFIX}${resource}`;
  for (const p of pods) if (p.metadata.annotations?.[key]) return p.metadata.annotations[key] as string;
  return (target.metadata.annotations?.[key] as string | undefined) ?? null;
}

function setCondition(
  hpa: KubeObject,
  now: string,
  type: string,
  status: string,
  reason: string,
  message: string,
): void {
  if (!hpa.status.conditions) hpa.status.conditions = [];
  const conds: Any[] = hpa.status.conditions;
  const cur = conds.find((c) => c.type === type);
  if (cur) {
    if (cur.status !== status) cur.lastTransitionTime = now;
    Object.assign(cur, { status, reason, message });
  } else conds.push({ type, status, lastTransitionTime: now, reason, message });
}

interface MetricResult {
  replicas: number;
  name: string;
  utilization: number | null;
  status: Any;
}

/** GetResourceReplicas (replica_calculator.go) for one Resource metric with a Utilization or AverageValue target. */
function resourceReplicas(
  spec: Any,
  current: number,
  pods: KubeObject[],
  target: KubeObject,
  mem: Memory,
): MetricResult | { error: string } | { undeclared: string } {
  const resource: string = spec.resource?.name ?? "cpu";
  const t = spec.resource?.target ?? {};
  const live = pods.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== "Failed");
  if (live.length === 0) return { error: "no pods returned by selector while calculating replica count" };
  const requests = new Map<string, number>();
  for (const p of live) {
    const r = podRequest(p, resource);
    if ("error" in r) return { error: r.error };
    requests.set(p.metadata.name as string, r.milli);
  }
  const ready = live.filter(isReady);
  const text = loadText(live, target, resource);
  if (text === null) return { undeclared: resource };
  const percent = Number.parseFloat(text);
  if (mem.demand.get(resource)?.text !== text) {
    const base = ready.length > 0 ? ready : live;
    const milli = base.reduce((s, p) => s + (requests.get(p.metadata.name as string) ?? 0), 0) * (percent / 100);
    mem.demand.set(resource, { text, milli });
  }
  if (ready.length === 0) return { error: "did not receive metrics for targeted pods (pods might be unready)" };
  const share = (mem.demand.get(resource)?.milli ?? 0) / ready.length;
  const usage = new Map(ready.map((p) => [p.metadata.name as string, share]));
  const unready = live.length - ready.length;
  const ratioOf = (m: Map<string, number>) => {
    let use = 0;
    let req = 0;
    for (const [name, u] of m) {
      use += u;
      req += requests.get(name) ?? 0;
    }
    return { utilization: Math.trunc((use * 100) / req), average: use / m.size };
  };
  const first = ratioOf(usage);
  const byValue = t.type === "AverageValue";
  const averageValue = parseQuantity(String(t.averageValue ?? ""));
  const targetValue: number = byValue ? (averageValue ? milliValue(averageValue) : 1) : (t.averageUtilization ?? 80);
  const metric = (m: Map<string, number>) => {
    const r = ratioOf(m);
    return { ...r, ratio: byValue ? r.average / targetValue : r.utilization / targetValue };
  };
  const name = byValue ? `${resource} resource` : `${resource} resource utilization (percentage of request)`;
  const status = {
    type: "Resource",
    resource: {
      name: resource,
      current: { averageUtilization: first.utilization, averageValue: `${Math.round(first.average)}m` },
    },
  };
  const result = (replicas: number): MetricResult => ({ replicas, name, utilization: first.utilization, status });
  const m1 = metric(usage);
  if (unready === 0 || m1.ratio <= 1) {
    if (Math.abs(1 - m1.ratio) <= HPA_TOLERANCE) return result(current);
    return result(Math.ceil(m1.ratio * ready.length));
  }
  // Scale-up with unready pods: they count as using nothing (replica_calculator.go rebalanceIgnored).
  for (const p of live) if (!isReady(p)) usage.set(p.metadata.name as string, 0);
  const m2 = metric(usage);
  if (Math.abs(1 - m2.ratio) <= HPA_TOLERANCE || m2.ratio < 1) return result(current);
  const proposed = Math.ceil(m2.ratio * usage.size);
  return result(Math.max(proposed, current));
}

/** Change of replicas within the last `period` seconds (getReplicasChangePerPeriod). */
function changeIn(events: { time: number; change: number }[], now: number, period: number): number {
  return events.filter((e) => e.time > now - period).reduce((s, e) => s + e.change, 0);
}

function policyLimit(rules: Any, current: number, mem: Memory, now: number, up: boolean): number {
  const select = rules?.selectPolicy ?? "Max";
  if (select === "Disabled") return current;
  // horizontal.go calculateScaleUpLimitWithScalingRules / calculateScaleDownLimitWithBehaviors
  const pickMax = up ? select !== "Min" : select === "Min";
  let result = pickMax ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  for (const p of (rules?.policies ?? []) as Any[]) {
    const start = current - changeIn(mem.scaleUp, now, p.periodSeconds) + changeIn(mem.scaleDown, now, p.periodSeconds);
    const proposed = up
      ? p.type === "Pods"
        ? start + p.value
        : Math.ceil(start * (1 + p.value / 100))
      : p.type === "Pods"
        ? start - p.value
        : Math.trunc(start * (1 - p.value / 100));
    result = pickMax ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return Number.isFinite(result) ? result : current;
}

type Cond = [string, string];
const COND = {
  readyForNewScale: ["ReadyForNewScale", "recommended size matches current size"] as Cond,
  downStabilized: [
    "ScaleDownStabilized",
    "recent recommendations were higher than current one, applying the highest recent recommendation",
  ] as Cond,
  upStabilized: [
    "ScaleUpStabilized",
    "recent recommendations were lower than current one, applying the lowest recent recommendation",
  ] as Cond,
  upLimit: ["ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate"] as Cond,
  downLimit: ["ScaleDownLimit", "the desired replica count is decreasing faster than the maximum scale rate"] as Cond,
  tooMany: ["TooManyReplicas", "the desired replica count is more than the maximum replica count"] as Cond,
  tooFew: ["TooFewReplicas", "the desired replica count is less than the minimum replica count"] as Cond,
  within: ["DesiredWithinRange", "the desired count is within the acceptable range"] as Cond,
};

/** Stabilization and rate limits (normalizeDesiredReplicas / normalizeDesiredReplicasWithBehaviors). */
function normalize(
  spec: Any,
  current: number,
  proposed: number,
  mem: Memory,
  now: number,
): { replicas: number; able: Cond; limited: Cond } {
  const min = spec.minReplicas ?? 1;
  const max = spec.maxReplicas;
  const behavior = spec.behavior;
  const upWindow = behavior ? (behavior.scaleUp?.stabilizationWindowSeconds ?? 0) : 0;
  const downWindow = behavior
    ? (behavior.scaleDown?.stabilizationWindowSeconds ?? 300)
    : DOWNSCALE_STABILIZATION_SECONDS;
  let upRec = proposed;
  let downRec = proposed;
  for (const r of mem.recommendations) {
    if (r.time > now - upWindow) upRec = Math.min(upRec, r.replicas);
    if (r.time > now - downWindow) downRec = Math.max(downRec, r.replicas);
  }
  mem.recommendations = mem.recommendations.filter((r) => r.time > now - Math.max(upWindow, downWindow));
  mem.recommendations.push({ time: now, replicas: proposed });
  let stabilized: number;
  if (behavior) stabilized = Math.min(Math.max(current, upRec), downRec);
  else stabilized = downRec;
  const able =
    stabilized === proposed ? COND.readyForNewScale : stabilized > proposed ? COND.downStabilized : COND.upStabilized;
  if (stabilized > current) {
    const limit = behavior
      ? Math.max(policyLimit(behavior.scaleUp, current, mem, now, true), current)
      : Math.max(2 * current, 4);
    const allowed = Math.min(max, limit);
    const why = max > limit ? COND.upLimit : COND.tooMany;
    if (stabilized > allowed) return { replicas: allowed, able, limited: why };
  } else if (stabilized < current) {
    const limit = behavior ? Math.min(policyLimit(behavior.scaleDown, current, mem, now, false), current) : min;
    const allowed = Math.max(min, limit);
    const why = min < limit ? COND.downLimit : COND.tooFew;
    if (stabilized < allowed) return { replicas: allowed, able, limited: why };
  }
  return { replicas: stabilized, able, limited: COND.within };
}

/**
 * The HPA's metrics in autoscaling/v2 form: an autoscaling/v1 object's
 * `targetCPUUtilizationPercentage` becomes a cpu Utilization metric, 80% when unset
 * (pkg/apis/autoscaling/v1/conversion.go; autoscaling.DefaultCPUUtilization).
 */
export function hpaMetrics(hpa: KubeObject): Any[] {
  if (Array.isArray(hpa.spec?.metrics)) return hpa.spec.metrics;
  if (hpa.apiVersion !== "autoscaling/v1") return [];
  const target = hpa.spec?.targetCPUUtilizationPercentage ?? 80;
  return [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: target } } }];
}

/**
 * What the replica calculator gets when no metrics-server serves metrics.k8s.io (replica_calculator.go
 * GetResourceReplicas, metrics/client.go resourceMetricsClient.GetResourceMetric, and the API
 * server's 404 for an unregistered group): the simulator has none unless a load is declared.
 */
function noMetricsApi(resource: string): string {
  return `unable to get metrics for resource ${resource}: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)`;
}

/** TARGETS as kubectl prints it (k8s.io/kubectl printers: formatHPAMetrics), one entry per metric. */
function targetsText(metrics: Any[], results: MetricResult[]): string {
  if (metrics.length === 0) return "<none>";
  return metrics
    .map((m) => {
      const res = m?.resource?.name ?? m?.type;
      const t = m?.resource?.target ?? {};
      const r = results.find((x) => x.status.resource.name === res);
      if (t.type === "AverageValue")
        return `${res}: ${r ? r.status.resource.current.averageValue : "<unknown>"}/${t.averageValue}`;
      return `${res}: ${r ? `${r.utilization}%` : "<unknown>"}/${t.averageUtilization ?? 80}%`;
    })
    .join(", ");
}

/** One sync of one HPA (reconcileAutoscaler). */
function sync(hpa: KubeObject, ctx: ControllerContext, mem: Memory): void {
  const now = ctx.clock.now;
  const stamp = timestampAt(now);
  const ns = hpa.metadata.namespace ?? "default";
  const spec: Any = hpa.spec ?? {};
  const ref = spec.scaleTargetRef ?? {};
  const next: KubeObject = {
    ...hpa,
    status: { ...(hpa.status ?? {}), conditions: [...(hpa.status?.conditions ?? [])] },
  };
  const target = WORKLOADS[ref.kind] ? ctx.store.get(ref.kind, ns, ref.name) : undefined;
  mem.timeline.target = `${ref.kind}/${ref.name}`;
  mem.timeline.minReplicas = spec.minReplicas ?? 1;
  mem.timeline.maxReplicas = spec.maxReplicas ?? 1;
  if (!target) {
    const err = `${RESOURCE_PATH[ref.kind] ?? String(ref.kind).toLowerCase()} "${ref.name}" not found`;
    ctx.recorder.record(hpa, "Warning", "FailedGetScale", err, SOURCE);
    setCondition(
      next,
      stamp,
      "AbleToScale",
      "False",
      "FailedGetScale",
      `the HPA controller was unable to get the target's current scale: ${err}`,
    );
    ctx.store.patch(hpa.kind, ns, hpa.metadata.name as string, (o) => (o.status = next.status));
    return;
  }
  const current: number = target.spec?.replicas ?? 1;
  if (mem.recommendations.length === 0 && mem.timeline.points.length === 0) {
    mem.recommendations.push({ time: now, replicas: current });
    mem.timeline.points.push({ time: now, replicas: current, utilization: null });
  }
  setCondition(
    next,
    stamp,
    "AbleToScale",
    "True",
    "SucceededGetScale",
    "the HPA controller was able to get the target's current scale",
  );
  const min = spec.minReplicas ?? 1;
  const max = spec.maxReplicas ?? 1;
  let desired = current;
  let reason = "";
  let utilization: number | null = null;
  if (current === 0 && min !== 0) {
    setCondition(
      next,
      stamp,
      "ScalingActive",
      "False",
      "ScalingDisabled",
      "scaling is disabled since the replica count of the target is zero",
    );
  } else if (current > max) {
    [desired, reason] = [max, "Current number of replicas above Spec.MaxReplicas"];
  } else if (current < min) {
    [desired, reason] = [min, "Current number of replicas below Spec.MinReplicas"];
  } else {
    const pods = ctx.store
      .list("Pod", ns)
      .filter((p) => matchesLabelSelector(target.spec?.selector, p.metadata.labels));
    mem.timeline.undeclaredLoad = [];
    const results: MetricResult[] = [];
    const errors: string[] = [];
    const metrics = hpaMetrics(hpa);
    for (const m of metrics) {
      if (m?.type !== "Resource") {
        errors.push(`the simulator has no metrics source for ${m?.type} metrics`);
        continue;
      }
      const r = resourceReplicas(m, current, pods, target, mem);
      const res = String(m.resource?.name ?? "cpu");
      let error: string | null = null;
      if ("undeclared" in r) {
        if (!mem.timeline.undeclaredLoad.includes(r.undeclared)) mem.timeline.undeclaredLoad.push(r.undeclared);
        error = noMetricsApi(res);
      } else if ("error" in r) error = r.error;
      else results.push(r);
      if (error !== null) {
        // horizontal.go computeStatusForResourceMetricGeneric wraps the calculator's error, and
        // getUnableComputeReplicaCountCondition records it and sets ScalingActive=False;
        // computeReplicasForMetric wraps it once more for FailedComputeMetricsReplicas.
        const failed = `failed to get ${res} utilization: ${error}`;
        ctx.recorder.record(hpa, "Warning", "FailedGetResourceMetric", failed, SOURCE);
        // The condition is the first invalid metric's (computeReplicasForMetrics).
        if (errors.length === 0)
          setCondition(
            next,
            stamp,
            "ScalingActive",
            "False",
            "FailedGetResourceMetric",
            `the HPA was unable to compute the replica count: ${failed}`,
          );
        errors.push(`failed to get ${res} resource metric value: ${failed}`);
      }
    }
    mem.timeline.targets = targetsText(metrics, results);
    const proposed = results.reduce((n, r) => Math.max(n, r.replicas), 0);
    // horizontal.go computeReplicasForMetrics: all metrics invalid, or some invalid and the valid
    // ones would scale down, and the HPA does nothing this sync.
    if (errors.length > 0 && (results.length === 0 || proposed < current)) {
      const first = errors[0] as string;
      ctx.recorder.record(
        hpa,
        "Warning",
        "FailedComputeMetricsReplicas",
        `invalid metrics (${errors.length} invalid out of ${metrics.length}), first error is: ${first}`,
        SOURCE,
      );
      ctx.store.patch(
        hpa.kind,
        ns,
        hpa.metadata.name as string,
        (o) => (o.status = { ...next.status, currentReplicas: current, desiredReplicas: current }),
      );
      return;
    }
    const best = results.reduce<MetricResult | null>((b, r) => (!b || r.replicas > b.replicas ? r : b), null);
    if (best) {
      utilization = best.utilization;
      next.status.currentMetrics = results.map((r) => r.status);
      setCondition(
        next,
        stamp,
        "ScalingActive",
        "True",
        "ValidMetricFound",
        `the HPA was able to successfully calculate a replica count from ${best.name}`,
      );
      const n = normalize(spec, current, best.replicas, mem, now);
      setCondition(next, stamp, "AbleToScale", "True", n.able[0], n.able[1]);
      setCondition(
        next,
        stamp,
        "ScalingLimited",
        n.limited === COND.within ? "False" : "True",
        n.limited[0],
        n.limited[1],
      );
      desired = n.replicas;
      reason = desired > current ? `${best.name} above target` : "All metrics below target";
    }
  }
  if (desired !== current) {
    ctx.store.patch(target.kind, ns, target.metadata.name as string, (o) => {
      o.spec = { ...o.spec, replicas: desired };
      o.metadata.generation = (o.metadata.generation ?? 1) + 1;
    });
    ctx.recorder.record(hpa, "Normal", "SuccessfulRescale", `New size: ${desired}; reason: ${reason}`, SOURCE);
    setCondition(
      next,
      stamp,
      "AbleToScale",
      "True",
      "SucceededRescale",
      `the HPA controller was able to update the target scale to ${desired}`,
    );
    (desired > current ? mem.scaleUp : mem.scaleDown).push({ time: now, change: Math.abs(desired - current) });
    next.status.lastScaleTime = stamp;
  }
  const last = mem.timeline.points[mem.timeline.points.length - 1];
  if (!last || last.replicas !== desired || last.utilization !== utilization) {
    mem.timeline.points.push({ time: now, replicas: desired, utilization });
  }
  ctx.store.patch(hpa.kind, ns, hpa.metadata.name as string, (o) => {
    o.status = { ...next.status, currentReplicas: current, desiredReplicas: desired };
  });
}

/**
 * The HPA controller: on first sight of an HPA it starts a sync loop every 15 simulated seconds.
 * Spec changes are read at the next sync, as upstream's rate-limited queue does.
 */
export function hpaController(): Controller {
  return {
    name: SOURCE,
    watches: ["HorizontalPodAutoscaler"],
    keysFor: (event) => [`${event.object.metadata.namespace ?? "default"}/${event.object.metadata.name}`],
    reconcile(key, ctx) {
      const [ns, name] = key.split("/") as [string, string];
      const all = memoryOf(ctx.store);
      const hpa = ctx.store.get("HorizontalPodAutoscaler", ns, name);
      if (!hpa) return undefined;
      let mem = all.get(key);
      if (!mem) {
        mem = {
          recommendations: [],
          scaleUp: [],
          scaleDown: [],
          demand: new Map(),
          timeline: {
            hpa: name,
            namespace: ns,
            target: "",
            minReplicas: 1,
            maxReplicas: 1,
            points: [],
            undeclaredLoad: [],
            targets: "<unknown>",
          },
          looping: false,
        };
        all.set(key, mem);
      }
      const m = mem;
      if (!m.looping) {
        m.looping = true;
        const tick = () => {
          const cur = ctx.store.get("HorizontalPodAutoscaler", ns, name);
          if (!cur) {
            m.looping = false;
            return;
          }
          sync(cur, ctx, m);
          ctx.clock.after(HPA_SYNC_SECONDS, `${SOURCE} ${key}`, tick);
        };
        // horizontal.go enqueueHPA: a new HPA waits one resync period before its first sync.
        ctx.clock.after(HPA_SYNC_SECONDS, `${SOURCE} ${key}`, tick);
      }
      return undefined;
    },
  };
}
