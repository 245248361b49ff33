/**
 * Pod status as the kubelet reports it: phase from container states
 * (pkg/kubelet/kubelet_pods.go getPhase), the conditions Initialized, ContainersReady, Ready and
 * PodReadyToStartContainers (pkg/kubelet/status/generate.go), container statuses and QoS class
 * (pkg/apis/core/helper/qos). Conditions owned by others (PodScheduled, DisruptionTarget) are kept.
 */
import { timestampAt } from "../api/server.js";
import type { KubeObject } from "../model/object.js";

/** A terminated container state, times in simulated seconds. */
export interface Terminated {
  exitCode: number;
  reason: string;
  startedAt: number;
  finishedAt: number;
  containerID: string;
  message?: string;
}

export type ContainerState =
  | { kind: "waiting"; reason: string; message?: string }
  | { kind: "running"; startedAt: number }
  | { kind: "terminated"; terminated: Terminated };

/** What the kubelet knows about one container of a pod. */
export interface ContainerView {
  name: string;
  image: string;
  imageID: string | null;
  containerID: string | null;
  kind: "init" | "sidecar" | "app";
  state: ContainerState;
  lastState: Terminated | null;
  ready: boolean;
  started: boolean;
  restartCount: number;
}

export type PodPhase = "Pending" | "Running" | "Succeeded" | "Failed";

/** getPhase: the pod phase from its containers' states and the restart policy. */
export function podPhase(views: ContainerView[], restartPolicy: string): PodPhase {
  let pendingInit = 0;
  let failedInit = 0;
  let pendingSidecars = 0;
  for (const v of views) {
    if (v.kind === "sidecar") {
      if (v.state.kind !== "running") pendingSidecars++;
      continue;
    }
    if (v.kind !== "init") continue;
    if (v.state.kind === "running") pendingInit++;
    else if (v.state.kind === "terminated") {
      if (v.state.terminated.exitCode !== 0) failedInit++;
    } else if (v.lastState !== null) {
      if (v.lastState.exitCode !== 0) failedInit++;
    } else pendingInit++;
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const v of views) {
    if (v.kind !== "app") continue;
    if (v.state.kind === "running") running++;
    else if (v.state.kind === "terminated") {
      stopped++;
      if (v.state.terminated.exitCode === 0) succeeded++;
    } else if (v.lastState !== null) stopped++;
    else waiting++;
  }
  if (failedInit > 0 && restartPolicy === "Never") return "Failed";
  if (pendingInit > 0 || failedInit > 0 || (pendingSidecars > 0 && running === 0 && stopped === 0)) return "Pending";
  if (waiting > 0) return "Pending";
  if (running > 0) return "Running";
  if (stopped > 0) {
    if (restartPolicy === "Always") return "Running";
    if (stopped === succeeded) return "Succeeded";
    if (restartPolicy === "Never") return "Failed";
    return "Running";
  }
  return "Pending";
}

interface Condition {
  type: string;
  status: "True" | "False";
  reason?: string;
  message?: string;
}

function names(list: ContainerView[]): string {
  return `[${list.map((v) => v.name).join(" ")}]`;
}

/** The kubelet-owned conditions. */
export function podConditions(views: ContainerView[], phase: PodPhase, sandboxReady: boolean): Condition[] {
  const completed = phase === "Succeeded";
  const incomplete = views.filter(
    (v) =>
      (v.kind === "init" && !(v.state.kind === "terminated" && v.state.terminated.exitCode === 0)) ||
      (v.kind === "sidecar" && !v.started),
  );
  // status/generate.go GeneratePodInitializedCondition: once a regular container has run the pod
  // stays initialized (HasAnyRegularContainerStarted), even when its sidecars have stopped.
  const regularStarted = views.some((v) => v.kind === "app" && v.state.kind !== "waiting");
  const initialized: Condition =
    incomplete.length === 0 || completed || regularStarted
      ? {
          type: "Initialized",
          status: "True",
          ...(completed && incomplete.length > 0 ? { reason: "PodCompleted" } : {}),
        }
      : {
          type: "Initialized",
          status: "False",
          reason: "ContainersNotInitialized",
          message: `containers with incomplete status: ${names(incomplete)}`,
        };
  const unready = views.filter((v) => v.kind !== "init" && !v.ready);
  const ready: Omit<Condition, "type"> = completed
    ? { status: "False", reason: "PodCompleted" }
    : unready.length === 0
      ? { status: "True" }
      : { status: "False", reason: "ContainersNotReady", message: `containers with unready status: ${names(unready)}` };
  return [
    {
      type: "PodReadyToStartContainers",
      status: sandboxReady && phase !== "Succeeded" && phase !== "Failed" ? "True" : "False",
    },
    initialized,
    { type: "Ready", ...ready },
    { type: "ContainersReady", ...ready },
  ];
}

function terminatedJson(t: Terminated): Record<string, unknown> {
  return {
    exitCode: t.exitCode,
    reason: t.reason,
    ...(t.message ? { message: t.message } : {}),
    startedAt: timestampAt(t.startedAt),
    finishedAt: timestampAt(t.finishedAt),
    containerID: t.containerID,
  };
}

/** A v1 ContainerStatus. */
export function containerStatusJson(v: ContainerView): Record<string, unknown> {
  const state =
    v.state.kind === "waiting"
      ? { waiting: { reason: v.state.reason, ...(v.state.message ? { message: v.state.message } : {}) } }
      : v.state.kind === "running"
        ? { running: { startedAt: timestampAt(v.state.startedAt) } }
        : { terminated: terminatedJson(v.state.terminated) };
  return {
    name: v.name,
    image: v.image,
    imageID: v.imageID ?? "",
    ...(v.containerID ? { containerID: v.containerID } : {}),
    ready: v.ready,
    started: v.started,
    restartCount: v.restartCount,
    state,
    lastState: v.lastState ? { terminated: terminatedJson(v.lastState) } : {},
  };
}

/** pkg/apis/core/helper/qos GetPodQOS: Guaranteed, Burstable or BestEffort. */
export function qosClass(pod: KubeObject): string {
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ["cpu", "memory"]) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      const want = req[r] ?? lim[r];
      if (lim[r] === undefined || String(want) !== String(lim[r])) guaranteed = false;
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

/** Merges kubelet conditions into existing ones, keeping transition times of unchanged ones. */
export function mergeConditions(existing: any[] | undefined, mine: Condition[], now: number): any[] {
  // The kubelet's own conditions (known types, ranked first) go first, so the list is usually in
  // order already; the stable sort leaves conditions of equal rank in the order they came.
  const out: any[] = [];
  for (const m of mine) {
    const prev = (existing ?? []).find((c) => c.type === m.type);
    const since = prev && prev.status === m.status ? prev.lastTransitionTime : timestampAt(now);
    // Same keys in the same order as `{ ...m, lastProbeTime, lastTransitionTime }`, which V8
    // builds several times slower when the spread is followed by keys the source lacks.
    const condition: Record<string, unknown> = Object.assign<Record<string, unknown>, Condition>({}, m);
    condition.lastProbeTime = null;
    condition.lastTransitionTime = since;
    out.push(condition);
  }
  let scheduled = false;
  for (const c of existing ?? []) {
    if (mine.some((m) => m.type === c.type)) continue;
    if (c.type === "PodScheduled") scheduled = true;
    out.push(c);
  }
  if (!scheduled) {
    out.push({ type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: timestampAt(now) });
  }
  return inRankOrder(out) ? out : out.sort((a, b) => conditionRank(a.type) - conditionRank(b.type));
}

function inRankOrder(conditions: { type: string }[]): boolean {
  for (let i = 1; i < conditions.length; i++) {
    if (
      conditionRank((conditions[i - 1] as { type: string }).type) >
      conditionRank((conditions[i] as { type: string }).type)
    )
      return false;
  }
  return true;
}

/** The order the kubelet's conditions appear in; others go last. */
const CONDITION_ORDER = new Map(
  ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled", "DisruptionTarget"].map(
    (t, i) => [t, i],
  ),
);

function conditionRank(type: string): number {
  return CONDITION_ORDER.get(type) ?? CONDITION_ORDER.size;
}
