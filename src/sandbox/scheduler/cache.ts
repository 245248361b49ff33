/**
 * The scheduler's cache and snapshot (pkg/scheduler/backend/cache): NodeInfos kept current from
 * watch events, listed in NodeTree order (pkg/scheduler/backend/cache/node_tree.go: nodes grouped by
 * zone and listed round-robin across zones), the assigned pods, how many nodes hold each image, and
 * the pod/term indexes. Terminal pods are not assigned pods here: the scheduler's pod informer
 * excludes Succeeded and Failed pods (pkg/scheduler/scheduler.go NewInformerFactory field selector).
 */
import type { KubeObject } from "../model/object.js";
import { type CountEntry, CountIndex, type CountRule, type DomainCounted, domainCounts, TermIndex } from "./indexes.js";
import { NodeInfo } from "./node-info.js";
import type { PodInfo } from "./pod-info.js";

/** The zone key of a node (k8s.io/component-helpers/node/topology GetZoneKey). */
export function zoneKey(labels: Record<string, string>): string {
  const region = labels["topology.kubernetes.io/region"] ?? labels["failure-domain.beta.kubernetes.io/region"] ?? "";
  const zone = labels["topology.kubernetes.io/zone"] ?? labels["failure-domain.beta.kubernetes.io/zone"] ?? "";
  return region === "" && zone === "" ? "" : `${region}:\u0000:${zone}`;
}

/** How many node requirements keep remembered verdicts at once. */
const MAX_VERDICT_SIGNATURES = 256;

/** Node slot → domain id (−1: the node lacks the key), and the domain value of each id. */
export interface DomainIndex {
  ids: Int32Array;
  values: string[];
}

export class SchedulerCache {
  private readonly byName = new Map<string, NodeInfo>();
  private readonly bySlot: (NodeInfo | undefined)[] = [];
  private readonly zones = new Map<string, string[]>();
  private list: NodeInfo[] = [];
  private listDirty = false;
  /** uid → assigned pod and its node name. */
  private readonly assigned = new Map<string, { info: PodInfo; node: string }>();
  /** Normalised image name → number of nodes having it. */
  readonly imageNodes = new Map<string, number>();
  readonly counts = new CountIndex();
  readonly terms = new TermIndex();
  /** Topology key → value → number of nodes with it (rebuilt after node changes). */
  private readonly domains = new Map<string, Map<string, number>>();
  /** Topology key → each node slot's domain as a small integer (rebuilt after node changes). */
  private readonly domainIds = new Map<string, DomainIndex>();
  /** Assigned pods that carry any (anti-)affinity term. */
  affinityPods = 0;
  /** `namespace/claim` → volumes of pods on nodes using it (the snapshot's usedPVCSet, as counts). */
  private readonly claimRefs = new Map<string, number>();
  /** Node requirement signature → verdict per node slot (dropped when nodes or their labels change). */
  private readonly verdicts = new Map<string, Uint8Array>();

  /** Every node, in NodeTree order. */
  nodes(): readonly NodeInfo[] {
    if (this.listDirty) this.rebuildList();
    return this.list;
  }

  nodeInfo(name: string): NodeInfo | undefined {
    return this.byName.get(name);
  }

  nodeBySlot(slot: number): NodeInfo | undefined {
    return this.bySlot[slot];
  }

  get nodeCount(): number {
    return this.byName.size;
  }

  addNode(node: KubeObject): NodeInfo {
    const name = node.metadata.name ?? "";
    const existing = this.byName.get(name);
    if (existing) {
      this.updateNode(node);
      return existing;
    }
    const info = new NodeInfo(node, this.bySlot.length);
    this.bySlot.push(info);
    this.byName.set(name, info);
    this.countImages(info, 1);
    this.nodesChanged();
    const zk = zoneKey(info.labels);
    const z = this.zones.get(zk) ?? [];
    z.push(name);
    this.zones.set(zk, z);
    this.listDirty = true;
    // Pods bound to this node before it existed (pods with spec.nodeName) now count on it.
    for (const a of this.assigned.values()) if (a.node === name) this.placePod(a.info, info, 1);
    return info;
  }

  updateNode(node: KubeObject): void {
    const info = this.byName.get(node.metadata.name ?? "");
    if (!info) {
      this.addNode(node);
      return;
    }
    const oldZone = zoneKey(info.labels);
    const oldLabels = JSON.stringify(info.labels);
    this.countImages(info, -1);
    info.setNode(node);
    if (JSON.stringify(info.labels) !== oldLabels) {
      this.nodesChanged();
      this.counts.invalidateDomains();
      this.terms.invalidateDomains();
    }
    this.countImages(info, 1);
    const newZone = zoneKey(info.labels);
    if (oldZone !== newZone) {
      this.removeFromZone(oldZone, info.name);
      const z = this.zones.get(newZone) ?? [];
      z.push(info.name);
      this.zones.set(newZone, z);
      this.listDirty = true;
    }
  }

  removeNode(name: string): void {
    const info = this.byName.get(name);
    if (!info) return;
    for (const p of [...info.pods]) this.placePod(p, info, -1);
    this.countImages(info, -1);
    this.removeFromZone(zoneKey(info.labels), name);
    this.byName.delete(name);
    this.bySlot[info.slot] = undefined;
    this.counts.dropSlot(info.slot);
    this.counts.invalidateDomains();
    this.terms.dropSlot(info.slot);
    this.terms.invalidateDomains();
    this.nodesChanged();
    this.listDirty = true;
  }

  /** Forgets everything derived from the set of nodes and their labels. */
  private nodesChanged(): void {
    this.domains.clear();
    this.domainIds.clear();
    this.verdicts.clear();
  }

  /**
   * Remembered verdicts of a requirement that depends only on a node's name and labels (e.g. a
   * nodeSelector), by node slot: 0 not yet known, 1 match, 2 no match. Kept until nodes or their
   * labels change, so pods with the same requirement share them.
   */
  nodeVerdicts(signature: string): Uint8Array {
    let v = this.verdicts.get(signature);
    if (!v) {
      // Bounded: a paste with many distinct requirements starts over rather than growing.
      if (this.verdicts.size >= MAX_VERDICT_SIGNATURES) this.verdicts.clear();
      v = new Uint8Array(this.bySlot.length);
      this.verdicts.set(signature, v);
    }
    return v;
  }

  /** Whether a pod (by uid) is assigned in the cache. */
  isAssigned(uid: string): boolean {
    return this.assigned.has(uid);
  }

  assignedPod(uid: string): PodInfo | undefined {
    return this.assigned.get(uid)?.info;
  }

  /** Adds or replaces an assigned pod. */
  setAssignedPod(p: PodInfo): void {
    this.removeAssignedPod(p.uid);
    this.assigned.set(p.uid, { info: p, node: p.nodeName });
    const n = this.byName.get(p.nodeName);
    if (n) this.placePod(p, n, 1);
  }

  /** Removes an assigned pod; returns it when it was there. */
  removeAssignedPod(uid: string): PodInfo | undefined {
    const a = this.assigned.get(uid);
    if (!a) return undefined;
    this.assigned.delete(uid);
    const n = this.byName.get(a.node);
    if (n) this.placePod(a.info, n, -1);
    return a.info;
  }

  /**
   * Whether a pod on some node uses the claim `namespace/name` (backend/cache/snapshot.go
   * StorageInfos().IsPVCUsedByPods).
   */
  isPVCUsedByPods(key: string): boolean {
    return this.claimRefs.has(key);
  }

  /** Every node's domain of a topology key as an integer id, for per-node checks without label look-ups. */
  domainIndex(key: string): DomainIndex {
    let d = this.domainIds.get(key);
    if (!d) {
      const ids = new Int32Array(this.bySlot.length).fill(-1);
      const values: string[] = [];
      const idOf = new Map<string, number>();
      for (const n of this.bySlot) {
        const v = n?.labels[key];
        if (!n || v === undefined) continue;
        let id = idOf.get(v);
        if (id === undefined) {
          id = values.length;
          idOf.set(v, id);
          values.push(v);
        }
        ids[n.slot] = id;
      }
      d = { ids, values };
      this.domainIds.set(key, d);
    }
    return d;
  }

  /** Values of a topology key over all nodes, with how many nodes carry each. */
  topologyDomains(key: string): Map<string, number> {
    let m = this.domains.get(key);
    if (!m) {
      m = new Map();
      for (const n of this.byName.values()) {
        const v = n.labels[key];
        if (v !== undefined) m.set(v, (m.get(v) ?? 0) + 1);
      }
      this.domains.set(key, m);
    }
    return m;
  }

  /** An entry's pods per value of a topology key (kept current as pods come and go). */
  domainCounts(entry: DomainCounted, key: string): Map<string, number> {
    return domainCounts(entry, key, (slot) => this.bySlot[slot]?.labels);
  }

  /** Per-node counts of assigned pods matching a rule. */
  countEntry(rule: CountRule): CountEntry {
    return this.counts.get(rule, () => this.assignedWithSlots());
  }

  private *assignedWithSlots(): Iterable<[PodInfo, number]> {
    for (const n of this.bySlot) {
      if (!n) continue;
      for (const p of n.pods) yield [p, n.slot];
    }
  }

  private placePod(p: PodInfo, n: NodeInfo, d: 1 | -1): void {
    if (d > 0) n.addPod(p);
    else if (!n.removePod(p)) return;
    this.counts.update(p, n.slot, d, n.labels);
    this.terms.update(p, n.slot, d, n.labels);
    if (p.hasAffinity) this.affinityPods += d;
    for (const k of p.pvcKeys) {
      const v = (this.claimRefs.get(k) ?? 0) + d;
      if (v <= 0) this.claimRefs.delete(k);
      else this.claimRefs.set(k, v);
    }
  }

  private countImages(n: NodeInfo, d: 1 | -1): void {
    for (const img of n.images.keys()) {
      const v = (this.imageNodes.get(img) ?? 0) + d;
      if (v <= 0) this.imageNodes.delete(img);
      else this.imageNodes.set(img, v);
    }
  }

  private removeFromZone(zk: string, name: string): void {
    const z = this.zones.get(zk);
    if (!z) return;
    const i = z.indexOf(name);
    if (i >= 0) z.splice(i, 1);
    if (z.length === 0) this.zones.delete(zk);
    this.listDirty = true;
  }

  private rebuildList(): void {
    const zones = [...this.zones.values()];
    const out: NodeInfo[] = [];
    const longest = zones.reduce((m, z) => Math.max(m, z.length), 0);
    for (let i = 0; i < longest; i++) {
      for (const z of zones) {
        const name = z[i];
        if (name === undefined) continue;
        const info = this.byName.get(name);
        if (info) out.push(info);
      }
    }
    this.list = out;
    this.listDirty = false;
  }
}
