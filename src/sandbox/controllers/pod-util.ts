/**
 * Pod predicates the controllers share, as upstream's pod helpers define them
 * (k8s.io/kubernetes/pkg/api/v1/pod/util.go IsPodReady/IsPodAvailable;
 * pkg/controller/controller_utils.go IsPodActive/IsPodTerminating), and the one condition every
 * deleting component writes (DisruptionTarget, pkg/api/v1/pod UpdatePodCondition).
 */
import { SIMULATION_EPOCH_MS, timestampAt } from "../api/server.js";
import type { KubeObject } from "../model/object.js";

interface Condition {
  type: string;
  status: string;
  lastTransitionTime?: string;
}

/** Timestamps parsed so far: controllers read the same few conditions' times on every sync. */
const parsed = new Map<string, number | undefined>();
const MAX_PARSED = 4096;

/** Simulated seconds of an RFC 3339 timestamp written by `timestampAt`, or undefined. */
export function secondsOf(ts: unknown): number | undefined {
  if (typeof ts !== "string") return undefined;
  if (parsed.has(ts)) return parsed.get(ts);
  const ms = Date.parse(ts);
  const seconds = Number.isNaN(ms) ? undefined : (ms - SIMULATION_EPOCH_MS) / 1000;
  if (parsed.size >= MAX_PARSED) parsed.clear();
  parsed.set(ts, seconds);
  return seconds;
}

/** The pod's phase, `Pending` when the kubelet has not reported one yet. */
export function podPhase(pod: KubeObject): string {
  return (pod.status?.phase as string | undefined) ?? "Pending";
}

function readyCondition(pod: KubeObject): Condition | undefined {
  return (pod.status?.conditions as Condition[] | undefined)?.find((c) => c.type === "Ready");
}

/** Ready condition True (pkg/api/v1/pod/util.go IsPodReady). */
export function isPodReady(pod: KubeObject): boolean {
  return readyCondition(pod)?.status === "True";
}

/** When the pod became Ready, in simulated seconds, if it is Ready. */
export function readySince(pod: KubeObject): number | undefined {
  const c = readyCondition(pod);
  return c?.status === "True" ? (secondsOf(c.lastTransitionTime) ?? 0) : undefined;
}

/**
 * Ready for at least `minReadySeconds` (pkg/api/v1/pod/util.go IsPodAvailable). Upstream compares
 * `lastTransition + minReady` strictly before now on a nanosecond clock; a controller that
 * requeues after minReadySeconds is always past that instant, so on our whole-second clock the
 * comparison is inclusive.
 */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  const since = readySince(pod);
  if (since === undefined) return false;
  return minReadySeconds <= 0 || since + minReadySeconds <= now;
}

/** Seconds until a Ready pod becomes available, or undefined if it is not Ready or already is. */
export function secondsUntilAvailable(pod: KubeObject, minReadySeconds: number, now: number): number | undefined {
  const since = readySince(pod);
  if (since === undefined || minReadySeconds <= 0) return undefined;
  const left = since + minReadySeconds - now;
  return left > 0 ? left : undefined;
}

/** Succeeded or Failed. */
export function isPodTerminal(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase === "Succeeded" || phase === "Failed";
}

/** Not terminal and not being deleted (pkg/controller/controller_utils.go IsPodActive). */
export function isPodActive(pod: KubeObject): boolean {
  return !isPodTerminal(pod) && !pod.metadata.deletionTimestamp;
}

/** Being deleted but not yet terminal (controller_utils.go IsPodTerminating). */
export function isPodTerminating(pod: KubeObject): boolean {
  return !isPodTerminal(pod) && Boolean(pod.metadata.deletionTimestamp);
}

interface ContainerStatus {
  restartCount?: number;
}

/** The highest restart count among the pod's containers. */
export function maxContainerRestarts(pod: KubeObject): number {
  let max = 0;
  for (const c of (pod.status?.containerStatuses as ContainerStatus[] | undefined) ?? []) {
    max = Math.max(max, c.restartCount ?? 0);
  }
  return max;
}

/** Restarts of all containers, init containers included (job_controller.go getStatus for OnFailure). */
export function totalContainerRestarts(pod: KubeObject): number {
  let sum = 0;
  const lists = [pod.status?.initContainerStatuses, pod.status?.containerStatuses] as (ContainerStatus[] | undefined)[];
  for (const list of lists) for (const c of list ?? []) sum += c.restartCount ?? 0;
  return sum;
}

/**
 * Replaces a pod's DisruptionTarget condition (v1.DisruptionTarget), as the component about to
 * delete it does: the eviction API, the taint manager, PodGC, the scheduler's preemption. `pod`
 * is the object inside a store patch; `now` is the simulated time in ms.
 */
export function setDisruptionTarget(pod: KubeObject, reason: string, message: string, now: number): void {
  pod.status = pod.status ?? {};
  const conditions: { type: string }[] = Array.isArray(pod.status.conditions) ? pod.status.conditions : [];
  pod.status.conditions = [
    ...conditions.filter((c) => c.type !== "DisruptionTarget"),
    {
      type: "DisruptionTarget",
      status: "True",
      reason,
      message,
      lastProbeTime: null,
      lastTransitionTime: timestampAt(now),
    },
  ];
}
