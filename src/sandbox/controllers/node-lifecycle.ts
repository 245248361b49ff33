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
 *   `tolerationSeconds` when it runs out, counted from when the taint manager first saw the pod
 *   on the tainted node (`TaintManagerEviction` events; taint-eviction.ts).
 */
import { timestampAt } from "../api/server.js";
import type { WatchEvent } from "../api/store.js";
import type { Controller, ControllerContext, ReconcileResult } from "../engine/controller.js";
import { nodeDownSince } from "../kubelet/node-state.js";
import type { KubeObject } from "../model/object.js";
import type { Taint } from "../scheduler/taints.js";
import { setDisruptionTarget } from "./pod-util.js";
import { noExecuteVerdict, TaintEvictionQueue } from "./taint-eviction.js";

/** `--node-monitor-grace-period` default since v1.32 (PR #126287). */
export const NODE_MONITOR_GRACE_PERIOD = 50;
/** `--node-monitor-period` default. */
export const NODE_MONITOR_PERIOD = 5;

export const TAINT_UNREACHABLE = "node.kubernetes.io/unreachable";
export const TAINT_NOT_READY = "node.kubernetes.io/not-ready";
export const TAINT_UNSCHEDULABLE = "node.kubernetes.io/unschedulable";

const NODE_CONTROLLER = "node-controller";
const TAINT_EVICTION = "taint-eviction-controller";

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
  private readonly evictions = new TaintEvictionQueue();

  keysFor(event: WatchEvent): string[] {
    const o = event.object;
    if (o.kind === "Node") return [o.metadata.name ?? ""];
    const node = o.spec?.nodeName;
    if (!node) return [];
    // taint_eviction.go PodUpdated: a pod's removal, binding or new tolerations.
    if (event.type === "DELETED") return this.evictions.has(`${o.metadata.namespace}/${o.metadata.name}`) ? [node] : [];
    const old = event.old?.spec;
    if (old?.nodeName === node && JSON.stringify(old?.tolerations) === JSON.stringify(o.spec?.tolerations)) return [];
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
    const taints: Taint[] = (node.spec?.taints ?? []).filter((t: Taint) => t.effect === "NoExecute");
    let next = Number.POSITIVE_INFINITY;
    // Without NoExecute taints a pod is only touched to cancel its pending eviction, so a node
    // with none pending has nothing to do. This keeps the per-binding reconcile off the O(pods)
    // scan below (which made a Deployment's run grow with pods squared).
    if (taints.length === 0 && this.evictions.keysOn(name).length === 0) return next;
    const present = new Set<string>();
    for (const pod of ctx.store.list("Pod")) {
      if (pod.spec?.nodeName !== name) continue;
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      present.add(key);
      // An earlier pod of the same name is gone: handlePodUpdate cancels its work on NotFound.
      if (this.evictions.stale(key, pod)) this.cancel(key, ctx);
      let at: number | undefined;
      if (pod.metadata.deletionTimestamp && taints.length > 0) {
        // PodUpdated ignores the update that only sets deletionTimestamp: work already queued
        // still runs, and none is added.
        at = this.evictions.fireAt(key, pod);
      } else {
        const verdict = noExecuteVerdict(pod, taints);
        if (verdict.evict === "after") at = this.evictions.schedule(key, pod, name, now, verdict.seconds);
        else {
          this.cancel(key, ctx);
          if (verdict.evict === "now") at = now;
        }
      }
      if (at === undefined) continue;
      if (at > now) {
        next = Math.min(next, at - now);
        continue;
      }
      this.evictions.done(key);
      this.markAndDelete(pod, key, ctx);
    }
    for (const key of this.evictions.keysOn(name)) if (!present.has(key)) this.cancel(key, ctx);
    return next;
  }

  /** taint_eviction.go cancelWorkWithEvent. */
  private cancel(key: string, ctx: ControllerContext): void {
    const pod = this.evictions.cancel(key);
    if (pod) {
      ctx.recorder.record(pod, "Normal", "TaintManagerEviction", `Cancelling deletion of Pod ${key}`, TAINT_EVICTION);
    }
  }

  /** taint_eviction.go deletePodHandler: the event, the DisruptionTarget condition, the deletion. */
  private markAndDelete(pod: KubeObject, key: string, ctx: ControllerContext): void {
    const now = ctx.clock.now;
    ctx.recorder.record(pod, "Normal", "TaintManagerEviction", `Marking for deletion Pod ${key}`, TAINT_EVICTION);
    ctx.store.patch("Pod", pod.metadata.namespace, pod.metadata.name ?? "", (p) =>
      setDisruptionTarget(p, "DeletionByTaintManager", "Taint manager: deleting due to NoExecute taint", now),
    );
    ctx.api.delete("Pod", pod.metadata.namespace, pod.metadata.name ?? "");
  }
}

/** The node lifecycle controller with its NoExecute taint manager. */
export function nodeLifecycleController(): Controller {
  return new NodeLifecycle();
}
