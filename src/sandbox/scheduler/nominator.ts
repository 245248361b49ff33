/**
 * The nominator (pkg/scheduler/backend/queue/nominator.go): which pending pods are nominated to
 * which node after preemption, so that Filter can count them on that node
 * (RunFilterPluginsWithNominatedPods) and preemption can clear weaker nominations.
 */
import type { PodInfo } from "./pod-info.js";

const NONE: readonly PodInfo[] = [];

export class Nominator {
  private readonly byNode = new Map<string, Map<string, PodInfo>>();
  private readonly nodeOf = new Map<string, string>();

  /** Records (or, with "", forgets) a pod's nominated node. */
  set(p: PodInfo, node: string): void {
    this.forget(p.uid);
    if (node === "") return;
    let m = this.byNode.get(node);
    if (!m) {
      m = new Map();
      this.byNode.set(node, m);
    }
    m.set(p.uid, p);
    this.nodeOf.set(p.uid, node);
  }

  forget(uid: string): void {
    const node = this.nodeOf.get(uid);
    if (node === undefined) return;
    this.nodeOf.delete(uid);
    const m = this.byNode.get(node);
    m?.delete(uid);
    if (m && m.size === 0) this.byNode.delete(node);
  }

  /** Whether any pod is nominated anywhere (lets a Filter pass skip per-node look-ups). */
  get isEmpty(): boolean {
    return this.nodeOf.size === 0;
  }

  /** Pods nominated to a node. */
  podsOn(node: string): readonly PodInfo[] {
    const m = this.byNode.get(node);
    return m ? [...m.values()] : NONE;
  }
}
