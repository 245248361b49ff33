/**
 * The kubelets of every node, as one controller: pods bound to a node whose kubelet runs are
 * admitted, started and reported (pod workers); ConfigMap and Secret changes retry blocked pods;
 * cordon and uncordon are reported as node events (pkg/kubelet/kubelet_node_status.go
 * recordNodeSchedulableEvent: `Node <n> status is now: NodeNotSchedulable`).
 */
import type { WatchEvent } from "../api/store.js";
import type { Controller, ControllerContext, SimulationNote } from "../engine/controller.js";
import type { KubeObject } from "../model/object.js";
import { admitPod } from "./admission.js";
import { kubeletRuns, NodeRuntime } from "./node-state.js";
import { type KubeletHost, PodWorker } from "./pod-worker.js";

class Kubelet implements Controller, KubeletHost {
  readonly name = "kubelet";
  readonly watches = ["Pod", "Node", "ConfigMap", "Secret"] as const;
  ctx!: ControllerContext;
  private readonly workers = new Map<string, PodWorker>();
  private readonly byNode = new Map<string, Set<PodWorker>>();
  private readonly nodes = new Map<string, NodeRuntime>();
  private readonly noted = new Set<string>();

  keysFor(event: WatchEvent, ctx: ControllerContext): string[] {
    this.ctx = ctx;
    const o = event.object;
    if (o.kind === "Pod") return [`pod/${o.metadata.namespace ?? "default"}/${o.metadata.name}`];
    if (o.kind === "Node") return [`node/${o.metadata.name}`];
    return [`config/${o.metadata.namespace ?? "default"}`];
  }

  reconcile(key: string, ctx: ControllerContext): undefined {
    this.ctx = ctx;
    const [kind, a = "", b = ""] = key.split("/");
    if (kind === "pod") this.syncPod(a, b);
    else if (kind === "node") this.syncNode(a);
    else for (const w of this.workers.values()) if (w.ns === a) w.retryBlocked();
    return undefined;
  }

  node(name: string): NodeRuntime | undefined {
    const existing = this.nodes.get(name);
    if (existing) return existing;
    const obj = this.ctx.store.get("Node", undefined, name);
    if (!obj) return undefined;
    const rt = new NodeRuntime(name, this.nodes.size, obj);
    this.nodes.set(name, rt);
    return rt;
  }

  noteOnce(key: string, note: SimulationNote): void {
    if (this.noted.has(key)) return;
    this.noted.add(key);
    this.ctx.notes.push(note);
  }

  private drop(key: string, w: PodWorker): void {
    w.cancelAll();
    this.workers.delete(key);
    this.byNode.get(w.nodeRuntime.name)?.delete(w);
  }

  private syncPod(ns: string, name: string): void {
    const key = `${ns}/${name}`;
    const pod = this.ctx.store.get("Pod", ns, name);
    let w = this.workers.get(key);
    if (w && (!pod || w.uid !== pod.metadata.uid)) {
      this.drop(key, w);
      w = undefined;
    }
    if (!pod?.spec?.nodeName) return;
    const nodeObj = this.ctx.store.get("Node", undefined, pod.spec.nodeName);
    if (!nodeObj || !kubeletRuns(nodeObj)) return;
    if (!w) {
      if (pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed") {
        if (pod.metadata.deletionTimestamp) this.ctx.store.remove("Pod", ns, name);
        return;
      }
      const rt = this.node(pod.spec.nodeName);
      if (!rt) return;
      w = new PodWorker(this, pod, rt);
      this.workers.set(key, w);
      const set = this.byNode.get(rt.name) ?? new Set<PodWorker>();
      set.add(w);
      this.byNode.set(rt.name, set);
      if (!scheduledByScheduler(pod)) {
        const others = [...set].filter((o) => o !== w && !o.refused).map((o) => o.pod);
        const refusal = admitPod(pod, nodeObj, others);
        if (refusal) {
          w.refuse(refusal.reason, refusal.message);
          return;
        }
      }
      w.begin();
    }
    w.pod = pod;
    if (pod.metadata.deletionTimestamp) {
      if (w.refused) this.ctx.store.remove("Pod", ns, name);
      else w.terminate();
    }
  }

  private syncNode(name: string): void {
    const obj = this.ctx.store.get("Node", undefined, name);
    const workers = this.byNode.get(name) ?? new Set<PodWorker>();
    if (!obj || !kubeletRuns(obj)) {
      for (const w of workers) w.freeze();
      return;
    }
    const known = this.nodes.has(name);
    const rt = this.node(name);
    if (!rt) return;
    const unschedulable = obj.spec?.unschedulable === true;
    if (unschedulable !== rt.unschedulable) {
      rt.unschedulable = unschedulable;
      const status = unschedulable ? "NodeNotSchedulable" : "NodeSchedulable";
      this.ctx.recorder.record(obj, "Normal", status, `Node ${name} status is now: ${status}`, "kubelet", name);
    }
    if (!known) {
      for (const p of this.ctx.store.list("Pod")) {
        if (p.spec?.nodeName === name) this.syncPod(p.metadata.namespace ?? "default", p.metadata.name ?? "");
      }
    }
  }
}

/** Whether the scheduler bound the pod (it sets PodScheduled); pods created with nodeName bypass it. */
function scheduledByScheduler(pod: KubeObject): boolean {
  return (pod.status?.conditions ?? []).some((c: { type: string }) => c.type === "PodScheduled");
}

/** The kubelet controller for every node of the simulated cluster. */
export function createKubelet(): Controller {
  return new Kubelet();
}
