/**
 * The NoExecute taint manager's decision for one pod, and its queue of timed evictions
 * (pkg/controller/tainteviction/taint_eviction.go processPodOnNode, getMinTolerationTime;
 * timed_workers.go TimedWorkerQueue). A pod's timer starts when the manager first processes that
 * pod on the tainted node, not when the taint was added, so a pod that lands on the node later
 * still gets its full tolerationSeconds.
 */
import {
  DEFAULT_TOLERATION_SECONDS,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_UNREACHABLE,
} from "../api/admission/DefaultTolerationSeconds.js";
import type { KubeObject } from "../model/object.js";
import { type Taint, type Toleration, toleratesTaint } from "../scheduler/taints.js";

/** What processPodOnNode does with a pod on a node with NoExecute taints. */
export type NoExecuteVerdict = { evict: "now" } | { evict: "never" } | { evict: "after"; seconds: number };

/**
 * GetMatchingTolerations then getMinTolerationTime: delete at once when a taint is not tolerated;
 * never when no matching toleration has tolerationSeconds; else after the smallest of them (0 for
 * a negative value).
 */
export function noExecuteVerdict(pod: KubeObject, taints: readonly Taint[]): NoExecuteVerdict {
  if (taints.length === 0) return { evict: "never" };
  const tolerations: Toleration[] = [...(pod.spec?.tolerations ?? [])];
  // What DefaultTolerationSeconds admission gives every pod, for pods created around it.
  for (const key of [TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE]) {
    if (!tolerations.some((t) => toleratesTaint(t, { key, effect: "NoExecute" }))) {
      tolerations.push({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
    }
  }
  const used = new Set<Toleration>();
  for (const taint of taints) {
    const matching = tolerations.filter((t) => toleratesTaint(t, taint));
    if (matching.length === 0) return { evict: "now" };
    for (const t of matching) used.add(t);
  }
  const bounded = [...used].filter((t) => t.tolerationSeconds !== undefined && t.tolerationSeconds !== null);
  if (bounded.length === 0) return { evict: "never" };
  return { evict: "after", seconds: Math.max(0, Math.min(...bounded.map((t) => Number(t.tolerationSeconds)))) };
}

/** One pod's scheduled eviction: the pod (for events), its node, and when it fires. */
interface Work {
  pod: Pick<KubeObject, "kind" | "metadata">;
  node: string;
  fireAt: number;
}

type PodRef = Pick<KubeObject, "kind" | "metadata">;

/** The pending evictions, keyed `namespace/name` as the upstream queue is. */
export class TaintEvictionQueue {
  private readonly work = new Map<string, Work>();

  /**
   * processPodOnNode with a finite toleration: work already queued for this pod was created
   * earlier, so it is kept as it is (its CreatedAt plus the toleration is before now plus the
   * toleration, and processPodOnNode returns); otherwise new work starts now. Returns when it fires.
   */
  schedule(key: string, pod: KubeObject, node: string, now: number, seconds: number): number {
    const queued = this.queuedFor(key, pod);
    if (queued) return queued.fireAt;
    const ref: PodRef = {
      kind: "Pod",
      metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid },
    };
    this.work.set(key, { pod: ref, node, fireAt: now + seconds });
    return now + seconds;
  }

  /** When the work queued for this very pod fires, if there is any. */
  fireAt(key: string, pod: KubeObject): number | undefined {
    return this.queuedFor(key, pod)?.fireAt;
  }

  /** The queued pod under `key` when it is not `pod` (an earlier pod of the same name). */
  stale(key: string, pod: KubeObject): boolean {
    const queued = this.work.get(key);
    return queued !== undefined && !this.queuedFor(key, pod);
  }

  /** CancelWork: whether there was work to cancel (the caller then emits the cancel event). */
  cancel(key: string): PodRef | undefined {
    const queued = this.work.get(key);
    this.work.delete(key);
    return queued?.pod;
  }

  /** The work has run: forgotten without a cancel event (upstream sets the worker slot to nil). */
  done(key: string): void {
    this.work.delete(key);
  }

  /** The keys with work queued on `node`. */
  keysOn(node: string): string[] {
    const out: string[] = [];
    for (const [key, w] of this.work) if (w.node === node) out.push(key);
    return out;
  }

  /** Whether `key` has work queued. */
  has(key: string): boolean {
    return this.work.has(key);
  }

  private queuedFor(key: string, pod: KubeObject): Work | undefined {
    const queued = this.work.get(key);
    return queued && queued.pod.metadata.uid === pod.metadata.uid && queued.node === pod.spec?.nodeName
      ? queued
      : undefined;
  }
}
