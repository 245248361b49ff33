/**
 * One pod on one node, as the kubelet's pod worker runs it (pkg/kubelet/pod_workers.go,
 * pkg/kubelet/kuberuntime/kuberuntime_manager.go SyncPod): volumes, sandbox, init containers in
 * order (sidecars keep running), app containers, image pulls, restarts with back-off, OOM kills,
 * probes and graceful termination. Runtime facts live here; the pod's status in the store is
 * derived from them and written when it changes.
 */
import { timestampAt } from "../api/server.js";
import type { ScheduledTask } from "../engine/clock.js";
import type { ControllerContext, SimulationNote } from "../engine/controller.js";
import { TaskGroup } from "../engine/task-group.js";
import type { KubeObject } from "../model/object.js";
import { sameJson } from "../model/same-json.js";
import { type BackoffEntry, inBackoff, nextBackoff } from "./backoff.js";
import { mountFailures } from "./container-config.js";
import { ContainerRun } from "./container-run.js";
import type { NodeRuntime } from "./node-state.js";
import {
  type ContainerView,
  containerStatusJson,
  mergeConditions,
  podConditions,
  podPhase,
  qosClass,
} from "./pod-status.js";

/** What a pod worker needs from the kubelet. */
export interface KubeletHost {
  ctx: ControllerContext;
  node(name: string): NodeRuntime | undefined;
  /** Pushes a note once per `key`. */
  noteOnce(key: string, note: SimulationNote): void;
}

/** The pod worker's retry after a failed sync (pkg/kubelet/kubelet.go backOffPeriod, jitter left out). */
export const SYNC_RETRY_SECONDS = 10;
/** Time to set up the pod sandbox (network namespace, pause container). */
const SANDBOX_SECONDS = 1;
/** Volume operations retry from 500ms doubling to 2m2s (pkg/util/goroutinemap/exponentialbackoff). */
const MOUNT_RETRY = { initial: 0.5, max: 122 };

export class PodWorker {
  readonly ns: string;
  readonly name: string;
  readonly uid: string;
  readonly containers: ContainerRun[];
  pod: KubeObject;
  sandboxReady = false;
  podIP = "";
  hostIP = "";
  startTime: number;
  terminating = false;
  frozen = false;
  /** Set when the kubelet refused the pod (admission). */
  refused: { reason: string; message: string } | null = null;
  mountBlocked = false;
  /** The pod's regular containers are done and its sidecars have been told to stop. */
  private sidecarsStopped = false;
  private mountDelay = 0;
  private readonly tasks = new TaskGroup();
  private flushQueued = false;
  /** The status this worker last wrote (the store never changes it in place). */
  private lastStatus: Record<string, unknown> | undefined;

  constructor(
    readonly host: KubeletHost,
    pod: KubeObject,
    readonly nodeRuntime: NodeRuntime,
  ) {
    this.pod = pod;
    this.ns = pod.metadata.namespace ?? "default";
    this.name = pod.metadata.name ?? "";
    this.uid = pod.metadata.uid ?? "";
    this.startTime = host.ctx.clock.now;
    const spec = pod.spec ?? {};
    this.containers = [
      ...(spec.initContainers ?? []).map(
        (c: { restartPolicy?: string }) => new ContainerRun(this, c, c.restartPolicy === "Always" ? "sidecar" : "init"),
      ),
      ...(spec.containers ?? []).map((c: unknown) => new ContainerRun(this, c, "app")),
    ];
    if (this.containers.some((c) => c.kind !== "app")) {
      for (const c of this.containers)
        if (c.kind === "app") c.view.state = { kind: "waiting", reason: "PodInitializing" };
    }
  }

  get ctx(): ControllerContext {
    return this.host.ctx;
  }

  get restartPolicy(): string {
    return this.pod.spec?.restartPolicy ?? "Always";
  }

  /** `<pod>_<ns>(<uid>)`, the kubelet's format.Pod. */
  get podRef(): string {
    return `${this.name}_${this.ns}(${this.uid})`;
  }

  get gracePeriod(): number {
    return this.pod.metadata.deletionGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30;
  }

  /** Schedules `fn` unless the worker has stopped by then. */
  after(delay: number, label: string, fn: () => void): ScheduledTask {
    return this.schedule(delay, this.taskLabel(label), fn);
  }

  /** The clock label of one of this pod's tasks. */
  taskLabel(label: string): string {
    return `kubelet ${label} ${this.ns}/${this.name}`;
  }

  /** `after` with a label made by `taskLabel`. */
  schedule(delay: number, fullLabel: string, fn: () => void): ScheduledTask {
    return this.scheduleChecked(delay, fullLabel, () => {
      if (!this.frozen) fn();
    });
  }

  /**
   * `schedule` for a task that checks `frozen` itself, so repeating tasks (probes) reuse one
   * function and one label instead of making a wrapper each period.
   */
  scheduleChecked(delay: number, fullLabel: string, fn: () => void): ScheduledTask {
    const task = this.ctx.clock.after(delay, fullLabel, fn);
    this.tasks.add(task);
    return task;
  }

  /** Runs a task that has already run (a repeating one) again after `delay`; false if it cannot be. */
  repeat(task: ScheduledTask, delay: number): boolean {
    if (!this.ctx.clock.again(task, delay)) return false;
    this.tasks.keep(task);
    return true;
  }

  cancelAll(): void {
    this.tasks.cancelAll();
    for (const c of this.containers) c.cancelTasks();
  }

  /** Records a kubelet event about the pod. */
  event(type: "Normal" | "Warning", reason: string, message: string): void {
    this.ctx.recorder.record(this.pod, type, reason, message, "kubelet", this.pod.spec?.nodeName);
  }

  /** First sight of the pod on this node. */
  begin(): void {
    this.hostIP = this.nodeRuntime.hostIP(this.ctx.store.get("Node", undefined, this.nodeRuntime.name) ?? this.pod);
    this.checkMounts();
  }

  /** Re-checks volumes and configuration after a ConfigMap or Secret changed. */
  retryBlocked(): void {
    if (this.terminating || this.frozen || this.refused) return;
    if (this.mountBlocked) {
      this.checkMounts();
      return;
    }
    for (const c of this.containers) if (c.blocked) c.retryNow();
  }

  /**
   * Only the reconciler's `MountVolume.SetUp failed ...` events are recorded. SyncPod's own
   * `Unable to attach or mount volumes: ...` FailedMount is not: WaitForAttachAndMount wraps the
   * 2m3s timeout with %w (pkg/kubelet/volumemanager/volume_manager.go), and SyncPod records the
   * event only `if !wait.Interrupted(err)` (pkg/kubelet/kubelet.go), so a timeout stays in the log.
   */
  private checkMounts(): void {
    const failures = mountFailures(this.pod, this.ctx.store);
    if (failures.length > 0) {
      this.mountBlocked = true;
      for (const f of failures) this.event("Warning", "FailedMount", f.message);
      this.mountDelay = this.mountDelay === 0 ? MOUNT_RETRY.initial : Math.min(this.mountDelay * 2, MOUNT_RETRY.max);
      this.after(this.mountDelay, "mount-retry", () => this.checkMounts());
      this.flush();
      return;
    }
    if (!this.mountBlocked && this.sandboxReady) return;
    this.mountBlocked = false;
    this.after(SANDBOX_SECONDS, "sandbox", () => {
      this.sandboxReady = true;
      this.podIP = this.pod.spec?.hostNetwork ? this.hostIP : this.nodeRuntime.allocatePodIP();
      this.advance();
    });
  }

  /** Starts whatever may start now: the next init container, then the app containers in order. */
  advance(): void {
    if (!this.sandboxReady || this.terminating || this.frozen || this.refused) return;
    const phase = this.phase();
    if (phase === "Succeeded" || phase === "Failed") {
      // kuberuntime_manager.go computePodActions: with no regular container to keep or start, the
      // pod is killed and "to prevent the restartable init containers to keep pod alive, we should
      // not restart them": each sidecar is stopped once and stays stopped.
      if (!this.sidecarsStopped) {
        this.sidecarsStopped = true;
        this.stopContainers(this.gracePeriod);
      }
      this.flush();
      return;
    }
    for (const c of this.containers) {
      if (c.kind === "app") break;
      const s = c.view.state;
      if (c.kind === "sidecar") {
        if (s.kind === "running" && c.view.started) continue;
        if (s.kind !== "running" && !c.busy && c.neverRan()) c.ensureStarted();
        this.flush();
        return;
      }
      if (s.kind === "terminated" && s.terminated.exitCode === 0) continue;
      if (c.neverRan() && !c.busy) c.ensureStarted();
      this.flush();
      return;
    }
    for (const c of this.containers) {
      if (c.kind !== "app") continue;
      if (c.busy) break;
      if (c.neverRan()) {
        c.ensureStarted();
        if (c.busy) break;
      }
    }
    this.flush();
  }

  phase(): ReturnType<typeof podPhase> {
    return podPhase(this.views(), this.restartPolicy);
  }

  views(): ContainerView[] {
    return this.containers.map((c) => c.view);
  }

  /** Graceful termination after the API server set deletionTimestamp (pkg/kubelet/kuberuntime killPod). */
  terminate(): void {
    if (this.terminating) return;
    this.terminating = true;
    this.tasks.cancelAll();
    const last = this.stopContainers(this.gracePeriod);
    this.flush();
    this.after(last, "remove", () => {
      this.writeStatus();
      this.ctx.store.remove("Pod", this.ns, this.name);
    });
  }

  /**
   * Stops every container for good (killContainersWithSyncResult) and returns the seconds it takes.
   * kuberuntime_termination_order.go: sidecars wait for all regular containers to stop, and for the
   * sidecar declared after them, so they stop in reverse order after the main containers.
   */
  private stopContainers(grace: number): number {
    let last = 0;
    let mainDone = 0;
    for (const c of this.containers) {
      if (c.kind === "sidecar") continue;
      const took = c.kill("Stopping container", grace, true);
      last = Math.max(last, took);
      if (c.kind === "app") mainDone = Math.max(mainDone, took);
    }
    let laterSidecarDone = 0;
    for (const c of this.containers.filter((x) => x.kind === "sidecar").reverse()) {
      laterSidecarDone = c.kill("Stopping container", grace, true, Math.max(mainDone, laterSidecarDone));
      last = Math.max(last, laterSidecarDone);
    }
    return last;
  }

  /** The node stopped: nothing on it runs or reports any more. */
  freeze(): void {
    this.cancelAll();
    this.frozen = true;
  }

  /** Refuses the pod (kubelet admission): it fails without running anything. */
  refuse(reason: string, message: string): void {
    this.refused = { reason, message };
    this.event("Warning", reason, message);
    this.flush();
  }

  /** Coalesces status writes made at one instant. */
  flush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    this.ctx.clock.after(0, "kubelet status", () => {
      this.flushQueued = false;
      if (!this.frozen) this.writeStatus();
    });
  }

  private writeStatus(): void {
    const now = this.ctx.clock.now;
    const views = this.views();
    const phase = this.refused ? "Failed" : podPhase(views, this.restartPolicy);
    const statuses = (kind: "init" | "app") =>
      this.containers
        .filter((c) => (kind === "app" ? c.kind === "app" : c.kind !== "app"))
        .map((c) => containerStatusJson(c.view));
    const current = this.ctx.store.get("Pod", this.ns, this.name);
    if (!current || current.metadata.uid !== this.uid) return;
    const base = current.status ?? {};
    const conditions = mergeConditions(base.conditions, podConditions(views, phase, this.sandboxReady), now);
    // Keys in the order `{ ...base, phase, conditions, ... }` gives them (existing keys keep their
    // place), built by assignment: V8 is slow to spread an object followed by further keys.
    const status: Record<string, unknown> = Object.assign({}, base);
    status.phase = phase;
    status.conditions = conditions;
    status.hostIP = this.hostIP;
    status.hostIPs = [{ ip: this.hostIP }];
    if (this.podIP) {
      status.podIP = this.podIP;
      status.podIPs = [{ ip: this.podIP }];
    }
    status.startTime = timestampAt(this.startTime);
    if (this.containers.some((c) => c.kind !== "app")) status.initContainerStatuses = statuses("init");
    status.containerStatuses = statuses("app");
    status.qosClass = base.qosClass ?? qosClass(current);
    if (this.refused) {
      status.reason = this.refused.reason;
      status.message = `Pod was rejected: ${this.refused.message}`;
      delete status.initContainerStatuses;
      status.containerStatuses = [];
    }
    if (this.lastStatus && sameJson(status, this.lastStatus)) return;
    this.lastStatus = status;
    this.ctx.store.replaceStatus("Pod", this.ns, this.name, status);
  }
}

/** Helper for the container back-off bookkeeping shared by pulls and restarts. */
export function backoffState(
  entry: BackoffEntry | null,
  since: number,
  now: number,
): { wait: number; entry: BackoffEntry | null } {
  if (inBackoff(entry, since, now)) return { wait: (entry as BackoffEntry).delay - (now - since), entry };
  return { wait: 0, entry: nextBackoff(entry, since) };
}
