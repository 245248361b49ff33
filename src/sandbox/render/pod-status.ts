/**
 * A pod's state as kubectl shows it: the STATUS column (kubectl printers printPod in
 * k8s.io/kubernetes/pkg/printers/internalversion/printers.go), READY, RESTARTS and the top-most
 * owner, plus the JSON contract's `reason` and `message`.
 */
import type { ObjectStore } from "../api/store.js";
import { controllerOf, type KubeObject, type OwnerReference } from "../model/object.js";

export interface PodView {
  /** kubectl STATUS column: `Running`, `Pending`, `CrashLoopBackOff`, `Init:0/1`, `Terminating`, ... */
  status: string;
  /** Contract `reason`: null when STATUS is just the phase. */
  reason: string | null;
  message: string | null;
  readyContainers: number;
  totalContainers: number;
  restarts: number;
  ready: boolean;
  lastTerminationReason: string | null;
}

type Any = any;

export function podView(pod: KubeObject): PodView {
  const status: Any = pod.status ?? {};
  const phase: string = status.phase ?? "Pending";
  const containers: Any[] = pod.spec?.containers ?? [];
  const initContainers: Any[] = pod.spec?.initContainers ?? [];
  const cs: Any[] = status.containerStatuses ?? [];
  const ics: Any[] = status.initContainerStatuses ?? [];
  let reason: string = status.reason ?? phase;
  let message: string | null = status.message ?? null;
  let restarts = 0;
  let lastTermination: string | null = null;

  let initializing = false;
  let sidecarRestarts = 0;
  let readySidecars = 0;
  for (let i = 0; i < ics.length; i++) {
    const c = ics[i];
    restarts += c.restartCount ?? 0;
    const isSidecar = initContainers.find((x) => x.name === c.name)?.restartPolicy === "Always";
    if (isSidecar) sidecarRestarts += c.restartCount ?? 0;
    // printPod counts sidecars (restartable init containers) in READY: started and ready ones.
    if (isSidecar && c.started && c.ready) readySidecars++;
    if (c.state?.terminated?.exitCode === 0) continue;
    if (isSidecar && c.started) continue;
    if (c.state?.terminated) {
      reason = c.state.terminated.reason
        ? `Init:${c.state.terminated.reason}`
        : `Init:ExitCode:${c.state.terminated.exitCode}`;
      initializing = true;
    } else if (c.state?.waiting?.reason && c.state.waiting.reason !== "PodInitializing") {
      reason = `Init:${c.state.waiting.reason}`;
      message = c.state.waiting.message ?? message;
      initializing = true;
    } else {
      reason = `Init:${i}/${initContainers.length}`;
      initializing = true;
    }
    break;
  }

  // printPod: `if !initializing || isPodInitializedConditionTrue(&pod.Status)` the regular containers
  // decide STATUS, and RESTARTS counts only sidecars' and regular containers' restarts.
  const initializedTrue = (status.conditions ?? []).some((c: Any) => c.type === "Initialized" && c.status === "True");
  if (!initializing || initializedTrue) {
    initializing = false;
    restarts = sidecarRestarts;
  }
  let readyContainers = readySidecars;
  let hasRunning = false;
  for (const c of cs) {
    restarts += c.restartCount ?? 0;
    if (c.ready) readyContainers++;
    if (c.lastState?.terminated?.reason) lastTermination = c.lastState.terminated.reason;
  }
  if (!initializing) {
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      if (c.state?.waiting?.reason) {
        reason = c.state.waiting.reason;
        message = c.state.waiting.message ?? null;
      } else if (c.state?.terminated?.reason) {
        reason = c.state.terminated.reason;
        if (reason !== "Completed") lastTermination = c.state.terminated.reason;
      } else if (c.state?.terminated) {
        reason = c.state.terminated.signal
          ? `Signal:${c.state.terminated.signal}`
          : `ExitCode:${c.state.terminated.exitCode}`;
      } else if (c.ready && c.state?.running) {
        hasRunning = true;
      }
    }
    if (reason === "Completed" && hasRunning) reason = "Running";
  }

  const scheduled = (status.conditions ?? []).find((c: Any) => c.type === "PodScheduled");
  if (
    !pod.spec?.nodeName &&
    scheduled?.status === "False" &&
    (scheduled.reason === "Unschedulable" || scheduled.reason === "SchedulingGated")
  ) {
    reason = scheduled.reason;
    message = scheduled.message ?? null;
  }
  if (pod.metadata.deletionTimestamp) reason = status.reason === "NodeLost" ? "Unknown" : "Terminating";

  const readyCond = (status.conditions ?? []).find((c: Any) => c.type === "Ready");
  const plain =
    reason === phase && (phase === "Running" || phase === "Pending" || phase === "Succeeded" || phase === "Failed");
  return {
    status: reason,
    reason: plain ? null : reason,
    message: plain ? null : message,
    readyContainers,
    totalContainers: containers.length + initContainers.filter((c) => c.restartPolicy === "Always").length,
    restarts,
    ready: readyCond?.status === "True",
    lastTerminationReason: lastTermination,
  };
}

/** The top-most controller of a pod as `Kind/name` (Deployment over ReplicaSet, CronJob over Job). */
export function topOwner(pod: KubeObject, store: ObjectStore, history: Map<string, KubeObject>): string | null {
  let ref: OwnerReference | undefined = controllerOf(pod);
  if (!ref) return null;
  const ns = pod.metadata.namespace;
  for (let depth = 0; depth < 5; depth++) {
    const owner: KubeObject | undefined =
      store.get(ref.kind, ns, ref.name) ?? history.get(`${ref.kind}/${ns}/${ref.name}`);
    const up: OwnerReference | undefined = owner ? controllerOf(owner) : undefined;
    if (!up) break;
    ref = up;
  }
  return `${ref.kind}/${ref.name}`;
}
