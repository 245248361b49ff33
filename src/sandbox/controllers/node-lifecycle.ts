/**
 * The node lifecycle controller and the NoExecute taint manager, as one controller
 * (pkg/controller/nodelifecycle/node_lifecycle_controller.go; pkg/controller/tainteviction/taint_eviction.go):
 * - a node whose kubelet stopped posting status for `node-monitor-grace-period` (50s since
 *   v1.32; checked every `node-monitor-period`, 5s) gets Ready=Unknown, the
 *   `node.kubernetes.io/unreachable` NoSchedule and NoExecute taints, a `NodeNotReady` event, and
 *   its pods Ready=False (pkg/controller/util/node/controller_utils.go MarkPodsNotReady);
 * - Ready=False gives `node.kubernetes.io/not-ready`, and `spec.unschedulable` the
 *   `node.kubernetes.io/unschedulable:NoSchedule` taint (TaintNodesByCondition);
 * - pods that do not tolerate a NoExecute taint are deleted at once, those with
 *   `tolerationSeconds` when it runs out (`TaintManagerEviction` events).
 */
import { timestampAt } from "../api/server.js";
import type { WatchEvent } from "../api/store.js";
import type { Controller, ControllerContext, ReconcileResult } from "../engine/controller.js";
import { nodeDownSince } from "../kubelet/node-state.js";
import type { KubeObject } from "../model/object.js";
import { type Taint, type Toleration, toleratesTaint } from "../scheduler/taints.js";

/** `--node-monitor-grace-period` default since v1.32 (PR #126287). */
export const NODE_MONITOR_GRACE_PERIOD = 50;
/** `--node-monitor-period` default. */
export const NODE_MONITOR_PERIOD = 5;
/** Seconds DefaultTolerationSeconds admission gives pods for not-ready/unreachable. */
const DEFAULT_TOLERATION_SECONDS = 300;

export const TAINT_UNREACHABLE = "node.kubernetes.io/unreachable";
export const TAINT_NOT_READY = "node.kubernetes.io/not-ready";
export const TAINT_UNSCHEDULABLE = "node.kubernetes.io/unschedulable";

const NODE_CONTROLLER = "node-controller";
const TAINT_EVICTION = "taint-eviction-controller";

function secondsOf(ts: unknown, fallback: number): number {
  if (typeof ts !== "string") return fallback;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? fallback : (ms - Date.parse(timestampAt(0))) / 1000;
}

function readyStatus(node: KubeObject): string {
  return (node.status?.conditions ?? []).find((c: { type: string }) => c.type === "Ready")?.status ?? "True";
}

/** The taints the controller owns, as the node's conditions and spec call for them. */
function wantedTaints(node: KubeObject): Taint[] {
  const out: Taint[] = [];
  const ready = readyStatus(node);
  const key = ready === "Unknown" ? TAINT_UNREACHABLE : ready === "False" ? TAINT_NOT_READY : null;
  if (key) out.push({ key, effect: "NoSchedule" }, { key, effect: "NoExecute" });
  if (node.spec?.unschedulable === true) out.push({ key: TAINT_UNSCHEDULABLE, effect: "NoSchedule" });
  return out;
}

const OWNED = new Set([TAINT_UNREACHABLE, TAINT_NOT_READY, TAINT_UNSCHEDULABLE]);

class NodeLifecycle implements Controller {
  readonly name = "node-lifecycle-controller";
  readonly watches = ["Node", "Pod"] as const;
  /** Pods with a pending taint eviction: `ns/name` → node. */
  private readonly pending = new Map<string, string>();

  keysFor(event: WatchEvent): string[] {
    const o = event.object;
    if (o.kind === "Node") return [o.metadata.name ?? ""];
    const node = o.spec?.nodeName;
    if (event.type === "DELETED" || !node || event.old?.spec?.nodeName === node) return [];
    return [node];
  }

  reconcile(name: string, ctx: ControllerContext): ReconcileResult | undefined {
    let node = ctx.store.get("Node", undefined, name);
    if (!node) return undefined;
    const now = ctx.clock.now;
    let requeue = Number.POSITIVE_INFINITY;
    const down = nodeDownSince(node);
    if (down !== undefined && readyStatus(node) !== "Unknown") {
      // The monitor runs every 5s; it notices once the grace period has passed.
      const due = Math.ceil((down + NODE_MONITOR_GRACE_PERIOD) / NODE_MONITOR_PERIOD) * NODE_MONITOR_PERIOD;
      if (now < due) requeue = due - now;
      else node = this.markUnknown(node, ctx) ?? node;
    }
    node = this.syncTaints(node, ctx) ?? node;
    requeue = Math.min(requeue, this.evict(node, ctx));
    return Number.isFinite(requeue) ? { requeueAfter: requeue } : undefined;
  }

  private markUnknown(node: KubeObject, ctx: ControllerContext): KubeObject | undefined {
    const name = node.metadata.name ?? "";
    const now = timestampAt(ctx.clock.now);
    const updated = ctx.store.patch("Node", undefined, name, (n) => {
      for (const c of n.status?.conditions ?? []) {
        if (!["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"].includes(c.type)) continue;
        c.status = "Unknown";
        c.reason = "NodeStatusUnknown";
        c.message = "Kubelet stopped posting node status.";
        c.lastTransitionTime = now;
      }
    });
    ctx.recorder.record(node, "Normal", "NodeNotReady", `Node ${name} status is now: NodeNotReady`, NODE_CONTROLLER);
    for (const pod of ctx.store.list("Pod")) {
      if (pod.spec?.nodeName !== name) continue;
      const ready = (pod.status?.conditions ?? []).find((c: { type: string }) => c.type === "Ready");
      if (ready?.status === "False") continue;
      ctx.store.patch("Pod", pod.metadata.namespace, pod.metadata.name ?? "", (p) => {
        p.status = p.status ?? {};
        const conds = (p.status.conditions ?? []).filter((c: { type: string }) => c.type !== "Ready");
        conds.push({ type: "Ready", status: "False", lastProbeTime: null, lastTransitionTime: now });
        p.status.conditions = conds;
      });
      ctx.recorder.record(pod, "Warning", "NodeNotReady", "Node is not ready", NODE_CONTROLLER);
    }
    return updated;
  }

  private syncTaints(node: KubeObject, ctx: ControllerContext): KubeObject | undefined {
    const current: (Taint & { timeAdded?: string })[] = node.spec?.taints ?? [];
    const wanted = wantedTaints(node);
    const same = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;
    const kept = current.filter((t) => !OWNED.has(t.key) || wanted.some((w) => same(w, t)));
    const added = wanted
      .filter((w) => !current.some((t) => same(w, t)))
      .map((w) => (w.effect === "NoExecute" ? { ...w, timeAdded: timestampAt(ctx.clock.now) } : w));
    if (added.length === 0 && kept.length === current.length) return undefined;
    return ctx.store.patch("Node", undefined, node.metadata.name ?? "", (n) => {
      n.spec = n.spec ?? {};
      n.spec.taints = [...kept, ...added];
    });
  }

  /** Runs the taint manager for one node; returns seconds until the next eviction is due. */
  private evict(node: KubeObject, ctx: ControllerContext): number {
    const name = node.metadata.name ?? "";
    const now = ctx.clock.now;
    const taints: (Taint & { timeAdded?: string })[] = (node.spec?.taints ?? []).filter(
      (t: Taint) => t.effect === "NoExecute",
    );
    let next = Number.POSITIVE_INFINITY;
    // Without NoExecute taints a pod is only touched to cancel its pending eviction, so a node
    // with none pending has nothing to do. This keeps the per-binding reconcile off the O(pods)
    // scan below (which made a Deployment's run grow with pods squared).
    if (taints.length === 0 && !this.hasPending(name)) return next;
    for (const pod of ctx.store.list("Pod")) {
      if (pod.spec?.nodeName !== name) continue;
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (pod.metadata.deletionTimestamp) {
        this.pending.delete(key);
        continue;
      }
      const at = evictionTime(pod, taints, now);
      if (at === null) {
        if (this.pending.get(key) === name) {
          ctx.recorder.record(
            pod,
            "Normal",
            "TaintManagerEviction",
            `Cancelling deletion of Pod ${key}`,
            TAINT_EVICTION,
          );
          this.pending.delete(key);
        }
        continue;
      }
      if (at > now) {
        this.pending.set(key, name);
        next = Math.min(next, at - now);
        continue;
      }
      this.pending.delete(key);
      ctx.recorder.record(pod, "Normal", "TaintManagerEviction", `Marking for deletion Pod ${key}`, TAINT_EVICTION);
      ctx.store.patch("Pod", pod.metadata.namespace, pod.metadata.name ?? "", (p) => {
        p.status = p.status ?? {};
        p.status.conditions = [
          ...(p.status.conditions ?? []).filter((c: { type: string }) => c.type !== "DisruptionTarget"),
          {
            type: "DisruptionTarget",
            status: "True",
            reason: "DeletionByTaintManager",
            message: "Taint manager: deleting due to NoExecute taint",
            lastProbeTime: null,
            lastTransitionTime: timestampAt(now),
          },
        ];
      });
      ctx.api.delete("Pod", pod.metadata.namespace, pod.metadata.name ?? "");
    }
    return next;
  }

  private hasPending(node: string): boolean {
    for (const n of this.pending.values()) if (n === node) return true;
    return false;
  }
}

/**
 * When the taint manager deletes the pod (taint_eviction.go processPodOnNode, getMinTolerationTime):
 * now when a NoExecute taint is not tolerated; never when no tolerating toleration has
 * tolerationSeconds; else the taints' time added plus the smallest tolerationSeconds.
 */
export function evictionTime(pod: KubeObject, taints: (Taint & { timeAdded?: string })[], now: number): number | null {
  if (taints.length === 0) return null;
  const tolerations: Toleration[] = [...(pod.spec?.tolerations ?? [])];
  // DefaultTolerationSeconds admission gives every pod 300s for these two taints.
  for (const key of [TAINT_NOT_READY, TAINT_UNREACHABLE]) {
    if (!tolerations.some((t) => toleratesTaint(t, { key, effect: "NoExecute" }))) {
      tolerations.push({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
    }
  }
  const used = new Set<Toleration>();
  for (const taint of taints) {
    const matching = tolerations.filter((t) => toleratesTaint(t, taint));
    if (matching.length === 0) return now;
    for (const t of matching) used.add(t);
  }
  const bounded = [...used].filter((t) => t.tolerationSeconds !== undefined && t.tolerationSeconds !== null);
  if (bounded.length === 0) return null;
  const seconds = Math.max(0, Math.min(...bounded.map((t) => Number(t.tolerationSeconds))));
  const added = Math.min(...taints.map((t) => secondsOf(t.timeAdded, now)));
  return added + seconds;
}

/** The node lifecycle controller with its NoExecute taint manager. */
export function nodeLifecycleController(): Controller {
  return new NodeLifecycle();
}
