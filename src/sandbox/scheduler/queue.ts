/**
 * The scheduling queue (pkg/scheduler/backend/queue/scheduling_queue.go): an active queue ordered
 * by the QueueSort plugin, a back-off queue (1 s doubling per attempt up to 10 s), the
 * unschedulable pool (pods wait there until a cluster event that could make them schedulable — a
 * queueing hint — or until they have waited longer than 5 minutes, checked every 30 s), and gated
 * pods held back by PreEnqueue plugins.
 */
import type { QueueSortPlugin } from "./framework.js";
import type { PodInfo } from "./pod-info.js";

/** scheduling_queue.go DefaultPodInitialBackoffDuration (seconds). */
export const POD_INITIAL_BACKOFF_SECONDS = 1;
/** scheduling_queue.go DefaultPodMaxBackoffDuration (seconds). */
export const POD_MAX_BACKOFF_SECONDS = 10;
/** scheduling_queue.go DefaultPodMaxInUnschedulablePodsDuration (seconds). */
export const POD_MAX_IN_UNSCHEDULABLE_SECONDS = 300;
/** scheduling_queue.go: flushUnschedulablePodsLeftover runs every 30 s. */
export const UNSCHEDULABLE_FLUSH_PERIOD_SECONDS = 30;

/** Cluster events that may make unschedulable pods schedulable (framework/types.go ClusterEvent, simplified). */
export type ClusterEvent =
  | "NodeAdd"
  | "NodeUpdate"
  | "AssignedPodAdd"
  | "AssignedPodUpdate"
  | "AssignedPodDelete"
  | "ClaimAdd"
  | "StorageChange";

/** Plugins whose rejection each event may resolve (each plugin's EventsToRegister). */
const EVENT_PLUGINS: Record<ClusterEvent, ReadonlySet<string> | "all"> = {
  NodeAdd: "all",
  NodeUpdate: "all",
  AssignedPodAdd: new Set(["InterPodAffinity", "PodTopologySpread"]),
  AssignedPodUpdate: new Set(["InterPodAffinity", "PodTopologySpread", "NodeResourcesFit"]),
  AssignedPodDelete: new Set([
    "NodeResourcesFit",
    "NodePorts",
    "InterPodAffinity",
    "PodTopologySpread",
    "VolumeRestrictions",
    "VolumeBinding",
    "DefaultPreemption",
  ]),
  // A claim was created: VolumeRestrictions registers only this storage event (volume_restrictions.go
  // EventsToRegister: PersistentVolumeClaim/Add), since a claim's access modes cannot change.
  ClaimAdd: new Set(["VolumeRestrictions", "VolumeBinding", "VolumeZone"]),
  // Any other change of a claim, volume or class.
  StorageChange: new Set(["VolumeBinding", "VolumeZone"]),
};

/** A pod in the queue (framework/types.go QueuedPodInfo). */
export interface QueuedPod {
  info: PodInfo;
  /** Scheduling attempts so far. */
  attempts: number;
  /** Order of (re)entry into the active queue, for stable sorting. */
  seq: number;
  /** Simulated seconds of the last failure (or of entry). */
  timestamp: number;
  /** Plugins that rejected the pod in its last attempt; empty = any event may help. */
  rejectors: Set<string>;
  where: "active" | "backoff" | "unschedulable" | "gated" | "inflight";
}

interface HeapEntry {
  pod: PodInfo;
  seq: number;
  qp: QueuedPod;
}

export interface QueueClock {
  now(): number;
  at(time: number, label: string, fn: () => void): void;
}

export class SchedulingQueue {
  /** Binary heap by QueueSort; entries whose pod left the active queue are skipped lazily. */
  private readonly active: HeapEntry[] = [];
  private activeSize = 0;
  private readonly pods = new Map<string, QueuedPod>();
  private readonly unschedulable = new Set<QueuedPod>();
  private seq = 0;
  private flushScheduled = false;

  constructor(
    private readonly sort: QueueSortPlugin,
    private readonly clock: QueueClock,
    /** Called when pods became active outside a scheduling pass (back-off expiry, flush). */
    private readonly onActive: () => void,
  ) {}

  get activeCount(): number {
    return this.activeSize;
  }

  get(key: string): QueuedPod | undefined {
    return this.pods.get(key);
  }

  /** A new pod: active, or gated when PreEnqueue refused it. */
  add(info: PodInfo, gated: boolean): QueuedPod {
    const existing = this.pods.get(info.key);
    if (existing) {
      existing.info = info;
      return existing;
    }
    const qp: QueuedPod = {
      info,
      attempts: 0,
      seq: 0,
      timestamp: this.clock.now(),
      rejectors: new Set(),
      where: "gated",
    };
    this.pods.set(info.key, qp);
    if (!gated) this.toActive(qp);
    return qp;
  }

  /**
   * A queued pod changed. `ungated`: PreEnqueue now passes for a gated pod. `meaningful`: its spec
   * or labels changed, which may make an unschedulable pod schedulable (UnscheduledPodUpdate).
   */
  update(info: PodInfo, ungated: boolean, meaningful: boolean): void {
    const qp = this.pods.get(info.key);
    if (!qp) return;
    qp.info = info;
    if (qp.where === "gated" && ungated) this.toActive(qp);
    else if (qp.where === "unschedulable" && meaningful) this.requeue(qp);
  }

  delete(key: string): void {
    const qp = this.pods.get(key);
    if (!qp) return;
    this.pods.delete(key);
    if (qp.where === "active") this.activeSize--;
    this.unschedulable.delete(qp);
    qp.where = "gated";
  }

  /** The next pod to schedule, by QueueSort order. */
  pop(): QueuedPod | undefined {
    for (;;) {
      const top = this.heapPop();
      if (!top) return undefined;
      const qp = top.qp;
      if (qp.where !== "active" || qp.seq !== top.seq || this.pods.get(qp.info.key) !== qp) continue;
      this.activeSize--;
      qp.where = "inflight";
      qp.attempts++;
      return qp;
    }
  }

  private less(a: HeapEntry, b: HeapEntry): boolean {
    return this.sort.less(a, b);
  }

  private heapPush(e: HeapEntry): void {
    const h = this.active;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i] as typeof e, h[p] as typeof e)) break;
      [h[i], h[p]] = [h[p] as typeof e, h[i] as typeof e];
      i = p;
    }
  }

  private heapPop(): HeapEntry | undefined {
    const h = this.active;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l] as typeof last, h[m] as typeof last)) m = l;
        if (r < h.length && this.less(h[r] as typeof last, h[m] as typeof last)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as typeof last, h[i] as typeof last];
        i = m;
      }
    }
    return top;
  }

  /** The pod was bound: forget it. */
  done(key: string): void {
    this.pods.delete(key);
  }

  /** After an Unschedulable attempt: wait in the unschedulable pool. */
  addUnschedulable(qp: QueuedPod, rejectors: Set<string>): void {
    qp.timestamp = this.clock.now();
    qp.rejectors = rejectors;
    qp.where = "unschedulable";
    this.unschedulable.add(qp);
    this.scheduleFlush();
  }

  /** After an Error: retry after back-off. */
  addBackoff(qp: QueuedPod): void {
    qp.timestamp = this.clock.now();
    qp.rejectors = new Set();
    this.toBackoff(qp);
  }

  /** A cluster event: unschedulable pods whose rejectors it may resolve move to back-off or active. */
  moveOnEvent(event: ClusterEvent): void {
    const relevant = EVENT_PLUGINS[event];
    for (const qp of [...this.unschedulable]) {
      if (relevant !== "all" && qp.rejectors.size > 0 && ![...qp.rejectors].some((p) => relevant.has(p))) continue;
      this.requeue(qp);
    }
  }

  /** scheduling_queue.go calculateBackoffDuration */
  backoffSeconds(attempts: number): number {
    if (attempts === 0) return 0;
    let d = POD_INITIAL_BACKOFF_SECONDS;
    for (let i = 1; i < attempts; i++) {
      if (d > POD_MAX_BACKOFF_SECONDS - d) return POD_MAX_BACKOFF_SECONDS;
      d += d;
    }
    return d;
  }

  private requeue(qp: QueuedPod): void {
    this.unschedulable.delete(qp);
    if (this.clock.now() < qp.timestamp + this.backoffSeconds(qp.attempts)) this.toBackoff(qp);
    else this.toActive(qp);
  }

  private toActive(qp: QueuedPod): void {
    if (qp.where === "active") return;
    qp.where = "active";
    qp.seq = this.seq++;
    this.activeSize++;
    this.heapPush({ pod: qp.info, seq: qp.seq, qp });
  }

  private toBackoff(qp: QueuedPod): void {
    qp.where = "backoff";
    const at = qp.timestamp + this.backoffSeconds(qp.attempts);
    this.clock.at(at, "scheduler backoff", () => {
      if (this.pods.get(qp.info.key) !== qp || qp.where !== "backoff") return;
      this.toActive(qp);
      this.onActive();
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    const period = UNSCHEDULABLE_FLUSH_PERIOD_SECONDS;
    const next = (Math.floor(this.clock.now() / period) + 1) * period;
    this.clock.at(next, "scheduler flush unschedulable", () => {
      this.flushScheduled = false;
      let moved = false;
      let waiting = false;
      for (const qp of [...this.unschedulable]) {
        if (this.clock.now() - qp.timestamp > POD_MAX_IN_UNSCHEDULABLE_SECONDS) {
          this.requeue(qp);
          moved = true;
        } else waiting = true;
      }
      if (moved) this.onActive();
      if (waiting) this.scheduleFlush();
    });
  }
}
