/**
 * The simulated kube-scheduler as a Controller. Watch events keep the scheduler's cache (nodes and
 * assigned pods) and queue current, as its informers do (pkg/scheduler/eventhandlers.go); every
 * scheduling pass pops pods in QueueSort order and runs one cycle each, at the simulated instant
 * the pod appeared (a real scheduler takes milliseconds). Bound pods get the `Scheduled` event;
 * failures get `FailedScheduling` and the PodScheduled=False condition with the same text, and wait
 * for a relevant cluster event, their back-off, or the 5-minute flush. Pods naming another
 * schedulerName are left alone. `explain(podKey)` returns what each cycle saw, node by node.
 */
import { SIMULATION_EPOCH_MS, timestampAt } from "../api/server.js";
import type { WatchEvent } from "../api/store.js";
import type { Controller, ControllerContext } from "../engine/controller.js";
import type { KubeObject } from "../model/object.js";
import { SchedulerCache } from "./cache.js";
import { truncateMessage } from "./fit-error.js";
import type { CycleState, Handle, Status } from "./framework.js";
import type { NodeInfo } from "./node-info.js";
import { Nominator } from "./nominator.js";
import * as SchedulingGates from "./plugins/SchedulingGates.js";
import { newPodInfo, type PodInfo, podStartTime } from "./pod-info.js";
import { DEFAULT_PROFILE, type Profile } from "./profile.js";
import { type QueuedPod, SchedulingQueue } from "./queue.js";
import { attemptCells, compactAttempt, FULL_DETAIL_CELLS, materialize, type PodSchedulingRecord } from "./record.js";
import { Framework } from "./runtime.js";
import { SchedulingAlgorithm } from "./schedule-one.js";

export type { PodSchedulingRecord } from "./record.js";

/** The scheduler's event source (v1.DefaultSchedulerName). */
export const SCHEDULER_SOURCE = "default-scheduler";

const HISTORY_LIMIT = 50;

export interface Scheduler extends Controller {
  /** What the scheduler knows about a pod (`namespace/name`), or undefined if it never tried it. */
  explain(podKey: string): PodSchedulingRecord | undefined;
  /** Every pod's record, in the order pods were first attempted. */
  records(): PodSchedulingRecord[];
}

function isTerminal(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

function responsible(pod: KubeObject, profile: Profile): boolean {
  return (pod.spec?.schedulerName ?? profile.schedulerName) === profile.schedulerName;
}

/** The fields whose change makes an unschedulable pod worth retrying (queue.go isPodUpdated). */
function schedulingRelevant(pod: KubeObject): string {
  return JSON.stringify([pod.metadata.labels, pod.metadata.annotations, pod.spec]);
}

/**
 * Whether a newer version of a pod shares every part a PodInfo is built from (spec, labels,
 * annotations, deletion time) with the older one, so that its PodInfo differs at most in `pod` and
 * `startTime` (see `refreshed`). Status writes (the kubelet's, the scheduler's own conditions) copy
 * only what they change, so this is a few identity checks. Priority comes from the spec only when
 * admission resolved it there.
 */
function sameForScheduler(old: KubeObject, pod: KubeObject): boolean {
  return (
    old.spec === pod.spec &&
    typeof pod.spec?.priority === "number" &&
    old.metadata.labels === pod.metadata.labels &&
    old.metadata.annotations === pod.metadata.annotations &&
    old.metadata.deletionTimestamp === pod.metadata.deletionTimestamp &&
    old.metadata.creationTimestamp === pod.metadata.creationTimestamp
  );
}

/** Points a PodInfo at a newer version of its pod for which `sameForScheduler` holds. */
function refreshed(info: PodInfo, pod: KubeObject): PodInfo {
  info.pod = pod;
  info.startTime = podStartTime(pod, SIMULATION_EPOCH_MS);
  return info;
}

/** A copy with plain arrays (scores are kept in typed arrays), safe to serialise as JSON. */
function plainRecord(r: PodSchedulingRecord): PodSchedulingRecord {
  materialize(r.last);
  const t = r.last.scores;
  const scores = t && {
    ...t,
    totals: Array.from(t.totals),
    plugins: t.plugins.map((p) => ({ ...p, raw: Array.from(p.raw), normalized: Array.from(p.normalized) })),
  };
  return { ...r, last: { ...r.last, scores }, history: [...r.history] };
}

class SchedulerImpl implements Scheduler {
  readonly name = SCHEDULER_SOURCE;
  readonly watches = ["Pod", "Node", "PersistentVolumeClaim", "PersistentVolume", "StorageClass"] as const;
  private ctx: ControllerContext | undefined;
  private cache = new SchedulerCache();
  private fw!: Framework;
  private algo!: SchedulingAlgorithm;
  private queue!: SchedulingQueue;
  private handle!: Handle;
  private readonly nominator = new Nominator();
  private readonly recordsByPod = new Map<string, PodSchedulingRecord>();
  /** Records holding full detail, oldest first, with the cells each holds. */
  private readonly fullDetail = new Map<string, number>();
  private fullCells = 0;
  private running = false;
  /** The pod being bound this instant: its bind event reuses this PodInfo instead of re-parsing. */
  private binding: PodInfo | undefined;

  constructor(private readonly profile: Profile) {}

  explain(podKey: string): PodSchedulingRecord | undefined {
    const r = this.recordsByPod.get(podKey);
    return r ? plainRecord(r) : undefined;
  }

  records(): PodSchedulingRecord[] {
    return [...this.recordsByPod.values()].map(plainRecord);
  }

  keysFor(event: WatchEvent, ctx: ControllerContext): string[] {
    if (!this.ensure(ctx)) this.onEvent(event);
    return this.queue.activeCount > 0 && !this.running ? ["schedule"] : [];
  }

  reconcile(_key: string, ctx: ControllerContext): undefined {
    this.ensure(ctx);
    this.drain();
    return undefined;
  }

  /** Initialises from the store on first use (an informer's initial list); true when it did. */
  private ensure(ctx: ControllerContext): boolean {
    if (this.ctx) return false;
    this.ctx = ctx;
    this.handle = {
      cache: this.cache,
      store: ctx.store,
      api: ctx.api,
      recorder: ctx.recorder,
      random: ctx.random,
      now: () => ctx.clock.now,
      runFilterWithNominatedPods: (s, p, n) => this.runFilterWithNominatedPods(s, p, n),
      runPreFilterExtensionAddPod: (s, p, o, n) => this.runExtension(s, p, o, n, "addPod"),
      runPreFilterExtensionRemovePod: (s, p, o, n) => this.runExtension(s, p, o, n, "removePod"),
      namespaceLabels: (ns) => ctx.store.get("Namespace", undefined, ns)?.metadata.labels ?? {},
      nominatedPods: (node) => this.nominator.podsOn(node),
      anyNominated: () => !this.nominator.isEmpty,
      clearNomination: (p) => this.setNomination(p, "", true),
    };
    this.fw = new Framework(this.profile, this.handle);
    this.algo = new SchedulingAlgorithm(this.fw, this.handle);
    this.queue = new SchedulingQueue(
      this.fw.queueSort,
      { now: () => ctx.clock.now, at: (t, label, fn) => ctx.clock.at(t, label, fn) },
      () => this.drain(),
    );
    for (const n of ctx.store.list("Node")) this.cache.addNode(n);
    for (const p of ctx.store.list("Pod")) this.onPod({ type: "ADDED", object: p });
    return true;
  }

  private podInfo(pod: KubeObject): PodInfo {
    return newPodInfo(pod, this.priorityOf(pod), SIMULATION_EPOCH_MS);
  }

  /** spec.priority, else the PriorityClass named (or the global default), else 0 (admission/priority). */
  private priorityOf(pod: KubeObject): number {
    if (typeof pod.spec?.priority === "number") return pod.spec.priority;
    const store = this.ctx?.store;
    if (!store) return 0;
    const className = pod.spec?.priorityClassName;
    if (typeof className === "string" && className !== "") {
      const pc = store.get("PriorityClass", undefined, className);
      if (typeof pc?.value === "number") return pc.value;
      if (className === "system-node-critical") return 2000001000;
      if (className === "system-cluster-critical") return 2000000000;
    }
    for (const pc of store.list("PriorityClass"))
      if (pc.globalDefault === true && typeof pc.value === "number") return pc.value;
    return 0;
  }

  private onEvent(event: WatchEvent): void {
    switch (event.object.kind) {
      case "Pod":
        this.onPod(event);
        return;
      case "Node":
        this.onNode(event);
        return;
      default:
        this.queue.moveOnEvent(
          event.type === "ADDED" && event.object.kind === "PersistentVolumeClaim" ? "ClaimAdd" : "StorageChange",
        );
    }
  }

  private onNode(event: WatchEvent): void {
    const node = event.object;
    if (event.type === "DELETED") {
      this.cache.removeNode(node.metadata.name ?? "");
      return;
    }
    if (event.type === "ADDED") {
      this.cache.addNode(node);
      this.queue.moveOnEvent("NodeAdd");
      return;
    }
    const old = event.old;
    const relevant = (n: KubeObject | undefined) =>
      JSON.stringify([n?.metadata.labels, n?.spec, n?.status?.allocatable, n?.status?.capacity, n?.status?.images]);
    this.cache.updateNode(node);
    if (!old || relevant(old) !== relevant(node)) this.queue.moveOnEvent("NodeUpdate");
  }

  private onPod(event: WatchEvent): void {
    const pod = event.object;
    const key = `${pod.metadata.namespace ?? "default"}/${pod.metadata.name ?? ""}`;
    const uid = pod.metadata.uid ?? key;
    const wasAssigned = this.cache.isAssigned(uid);
    if (event.type === "DELETED" || (pod.spec?.nodeName && isTerminal(pod))) {
      this.queue.delete(key);
      this.nominator.forget(uid);
      if (wasAssigned) {
        this.cache.removeAssignedPod(uid);
        this.queue.moveOnEvent("AssignedPodDelete");
      }
      return;
    }
    if (pod.spec?.nodeName) {
      const before = this.cache.assignedPod(uid);
      // Most updates of a bound pod are the kubelet's status writes: nothing the cache counts changes.
      if (before && before.pod === event.old && sameForScheduler(before.pod, pod)) {
        refreshed(before, pod);
        return;
      }
      const info =
        this.binding?.uid === uid ? { ...this.binding, pod, nodeName: pod.spec.nodeName as string } : this.podInfo(pod);
      this.queue.done(key);
      this.nominator.forget(uid);
      this.cache.setAssignedPod(info);
      if (!before) this.queue.moveOnEvent("AssignedPodAdd");
      else if (
        before.terminating !== info.terminating ||
        JSON.stringify(before.labels) !== JSON.stringify(info.labels) ||
        info.requests.milliCPU < before.requests.milliCPU ||
        info.requests.memory < before.requests.memory
      ) {
        this.queue.moveOnEvent("AssignedPodUpdate");
      }
      return;
    }
    if (isTerminal(pod) || !responsible(pod, this.profile)) {
      this.queue.delete(key);
      return;
    }
    const existing = this.queue.get(key);
    const old = event.old;
    const same = old !== undefined && existing?.info.pod === old && sameForScheduler(old, pod);
    const info = same && existing ? refreshed({ ...existing.info }, pod) : this.podInfo(pod);
    this.nominator.set(info, info.pod.status?.nominatedNodeName ?? "");
    const gate = this.fw.runPreEnqueue(info);
    if (!existing) {
      this.queue.add(info, gate !== null);
      if (gate !== null && gate.plugin === SchedulingGates.name) this.markGated(pod);
      return;
    }
    const meaningful = old ? !same && schedulingRelevant(old) !== schedulingRelevant(pod) : false;
    this.queue.update(info, gate === null, meaningful);
  }

  /** The PodScheduled condition of a gated pod (pkg/registry/core/pod/strategy.go applySchedulingGatedCondition). */
  private markGated(pod: KubeObject): void {
    const conds: { type?: string; reason?: string }[] = pod.status?.conditions ?? [];
    if (conds.some((c) => c.type === "PodScheduled" && c.reason === SchedulingGates.REASON_SCHEDULING_GATED)) return;
    this.setCondition(
      pod,
      SchedulingGates.REASON_SCHEDULING_GATED,
      SchedulingGates.MESSAGE_SCHEDULING_GATED,
      undefined,
    );
  }

  /** Schedules every active pod; re-entrant calls are ignored. */
  private drain(): void {
    if (this.running || !this.ctx) return;
    this.running = true;
    try {
      for (let qp = this.queue.pop(); qp; qp = this.queue.pop()) this.scheduleQueued(qp);
    } finally {
      this.running = false;
    }
  }

  private scheduleQueued(qp: QueuedPod): void {
    const ctx = this.ctx as ControllerContext;
    const info = qp.info;
    const current = ctx.store.get("Pod", info.namespace, info.name);
    if (!current || current.metadata.uid !== info.uid || current.spec?.nodeName) {
      this.queue.done(info.key);
      return;
    }
    // schedule_one.go skipPodSchedule: a pod being deleted is not scheduled.
    if (current.metadata.deletionTimestamp) {
      this.queue.done(info.key);
      return;
    }
    const fresh = current === qp.info.pod ? qp.info : this.podInfo(current);
    qp.info = fresh;
    this.binding = fresh;
    const out = this.algo.scheduleOne(fresh, qp.attempts);
    this.binding = undefined;
    this.remember(fresh, out.record, out.nominatedNode);
    if (out.outcome === "Scheduled") {
      ctx.recorder.record(
        current,
        "Normal",
        "Scheduled",
        `Successfully assigned ${fresh.namespace}/${fresh.name} to ${out.node}`,
        SCHEDULER_SOURCE,
      );
      this.queue.done(fresh.key);
      return;
    }
    // schedule_one.go handleSchedulingFailure
    ctx.recorder.record(current, "Warning", "FailedScheduling", truncateMessage(out.message), SCHEDULER_SOURCE);
    const reason = out.outcome === "Error" ? "SchedulerError" : "Unschedulable";
    if (out.nominatedNode !== undefined) this.setNomination(fresh, out.nominatedNode, false);
    this.setCondition(current, reason, out.message, out.nominatedNode);
    if (out.outcome === "Error") this.queue.addBackoff(qp);
    else {
      const rejectors = new Set<string>();
      for (const [, st] of out.record.pending?.statuses.entries() ?? []) rejectors.add(st.plugin);
      if (out.record.preFilter) rejectors.add(out.record.preFilter.plugin);
      if (out.record.preemption) rejectors.add("DefaultPreemption");
      this.queue.addUnschedulable(qp, rejectors);
    }
  }

  /** Writes PodScheduled=False (and the nomination) when they changed (schedule_one.go updatePod). */
  private setCondition(pod: KubeObject, reason: string, message: string, nominated: string | undefined): void {
    const ctx = this.ctx as ControllerContext;
    const conds: { type?: string; status?: string; reason?: string; message?: string }[] = pod.status?.conditions ?? [];
    const cur = conds.find((c) => c.type === "PodScheduled");
    const sameCond = cur?.status === "False" && cur.reason === reason && cur.message === message;
    const sameNom = nominated === undefined || (pod.status?.nominatedNodeName ?? "") === nominated;
    if (sameCond && sameNom) return;
    const stored = ctx.store.get("Pod", pod.metadata.namespace, pod.metadata.name ?? "");
    if (!stored) return;
    // A status write (as the API's status subresource): the rest of the pod is shared with the
    // stored version, so the pod's PodInfo stays valid (`sameForScheduler`).
    const status: Record<string, unknown> = { ...(stored.status ?? {}) };
    if (!status.phase) status.phase = "Pending";
    const list: { type?: string }[] = Array.isArray(status.conditions) ? [...status.conditions] : [];
    const cond = {
      type: "PodScheduled",
      status: "False",
      lastProbeTime: null,
      lastTransitionTime:
        sameCond && cur
          ? ((cur as { lastTransitionTime?: string }).lastTransitionTime ?? null)
          : timestampAt(ctx.clock.now),
      reason,
      message,
    };
    const i = list.findIndex((c) => c.type === "PodScheduled");
    if (i >= 0) list[i] = cond;
    else list.push(cond);
    status.conditions = list;
    if (nominated !== undefined) {
      if (nominated === "") delete status.nominatedNodeName;
      else status.nominatedNodeName = nominated;
    }
    ctx.store.replaceStatus("Pod", pod.metadata.namespace, pod.metadata.name ?? "", status);
  }

  private remember(pod: PodInfo, attempt: PodSchedulingRecord["last"], nominated: string | undefined): void {
    let r = this.recordsByPod.get(pod.key);
    if (!r || r.uid !== pod.uid) {
      r = {
        pod: pod.key,
        uid: pod.uid,
        attempts: 0,
        scheduledNode: null,
        nominatedNode: null,
        last: attempt,
        history: [],
      };
      this.recordsByPod.delete(pod.key);
      this.recordsByPod.set(pod.key, r);
    }
    r.attempts = attempt.attempt;
    r.last = attempt;
    if (attempt.outcome === "Scheduled") r.scheduledNode = attempt.node;
    if (nominated !== undefined) r.nominatedNode = nominated === "" ? null : nominated;
    r.history.push({ time: attempt.time, outcome: attempt.outcome, node: attempt.node, message: attempt.message });
    if (r.history.length > HISTORY_LIMIT) r.history.shift();
    this.fullCells -= this.fullDetail.get(pod.key) ?? 0;
    this.fullDetail.delete(pod.key);
    const cells = attemptCells(attempt);
    this.fullDetail.set(pod.key, cells);
    this.fullCells += cells;
    while (this.fullCells > FULL_DETAIL_CELLS && this.fullDetail.size > 1) {
      const [oldest, n] = this.fullDetail.entries().next().value as [string, number];
      this.fullDetail.delete(oldest);
      this.fullCells -= n;
      const o = this.recordsByPod.get(oldest);
      const freed = o ? compactAttempt(o.last) : undefined;
      if (freed) this.fw.recycle(freed);
    }
  }

  /** Sets or clears a pod's nomination in memory and, when asked, on the pod's status. */
  private setNomination(p: PodInfo, node: string, writeStatus: boolean): void {
    this.nominator.set(p, node);
    if (writeStatus) {
      (this.ctx as ControllerContext).store.patch("Pod", p.namespace, p.name, (o) => {
        if (o.status) delete o.status.nominatedNodeName;
      });
    }
  }

  /** framework.go RunFilterPluginsWithNominatedPods. */
  private runFilterWithNominatedPods(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    const extra = this.nominator.podsOn(node.name).filter((p) => p.uid !== pod.uid && p.priority >= pod.priority);
    if (extra.length === 0) return this.fw.runFilter(state, pod, node);
    const s2 = state.clone();
    const n2 = node.snapshot();
    for (const p of extra) {
      n2.addPod(p);
      this.runExtension(s2, pod, p, n2, "addPod");
    }
    const first = this.fw.runFilter(s2, pod, n2);
    if (first !== null) return first;
    return this.fw.runFilter(state, pod, node);
  }

  private runExtension(
    state: CycleState,
    pod: PodInfo,
    other: PodInfo,
    node: NodeInfo,
    op: "addPod" | "removePod",
  ): void {
    for (const p of this.fw.preFilter) {
      if (state.skipFilter.has(p.name)) continue;
      p[op]?.(state, pod, other, node);
    }
  }
}

/** The default scheduler, as a Controller with `explain`. */
export function createScheduler(): Controller & { explain(podKey: string): PodSchedulingRecord | undefined } {
  return createSchedulerWithProfile(DEFAULT_PROFILE);
}

/** A scheduler running a given profile (tests and benchmarks). */
export function createSchedulerWithProfile(profile: Profile): Scheduler {
  return new SchedulerImpl(profile);
}
