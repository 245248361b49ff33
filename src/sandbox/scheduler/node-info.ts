/**
 * A node as the scheduler sees it (pkg/scheduler/framework/types.go `NodeInfo`): the Node object,
 * its allocatable resources, and running totals over the pods assigned to it — requested and
 * non-zero requested resources, host ports in use — updated incrementally when
 * pods are added or removed, so that a filter is O(1) per node.
 */
import type { KubeObject } from "../model/object.js";
import type { HostPort, PodInfo } from "./pod-info.js";
import {
  addResource,
  copyResource,
  emptyResource,
  type Resource,
  resourceFromList,
  resourceValue,
} from "./resources.js";
import type { Taint } from "./taints.js";

/** One image on a node (status.images), by normalised name. */
export interface ImageState {
  size: number;
}

export class NodeInfo {
  node: KubeObject;
  name: string;
  /** Dense index used by per-node count arrays. */
  readonly slot: number;
  labels: Record<string, string> = {};
  taints: Taint[] = [];
  unschedulable = false;
  allocatable: Resource = emptyResource();
  allowedPodNumber = 0;
  /** Image name → size on this node. */
  images = new Map<string, number>();
  readonly requested: Resource = emptyResource();
  nonZeroCPU = 0;
  nonZeroMemory = 0;
  pods: PodInfo[] = [];
  /** `protocol/port` → host IPs in use. */
  usedPorts = new Map<string, string[]>();

  constructor(node: KubeObject, slot: number) {
    this.node = node;
    this.name = node.metadata.name ?? "";
    this.slot = slot;
    this.setNode(node);
  }

  /** Refreshes everything derived from the Node object. */
  setNode(node: KubeObject): void {
    this.node = node;
    this.labels = node.metadata.labels ?? {};
    this.taints = Array.isArray(node.spec?.taints) ? node.spec.taints : [];
    this.unschedulable = node.spec?.unschedulable === true;
    const list: Record<string, unknown> = node.status?.allocatable ?? node.status?.capacity ?? {};
    this.allocatable = resourceFromList(list);
    this.allowedPodNumber = resourceValue("pods", list.pods ?? 0);
    this.images = new Map();
    for (const img of Array.isArray(node.status?.images) ? node.status.images : []) {
      for (const n of Array.isArray(img?.names) ? img.names : []) {
        if (typeof n === "string") this.images.set(n, Number(img.sizeBytes ?? 0));
      }
    }
  }

  addPod(p: PodInfo): void {
    this.pods.push(p);
    this.account(p, 1);
  }

  /** Removes a pod by uid; returns whether it was there. */
  removePod(p: PodInfo): boolean {
    const i = this.pods.findIndex((x) => x.uid === p.uid);
    if (i < 0) return false;
    const old = this.pods[i] as PodInfo;
    this.pods.splice(i, 1);
    this.account(old, -1);
    return true;
  }

  private account(p: PodInfo, sign: 1 | -1): void {
    addResource(this.requested, p.requests, sign);
    this.nonZeroCPU += sign * p.nonZeroCPU;
    this.nonZeroMemory += sign * p.nonZeroMemory;
    for (const hp of p.hostPorts) {
      const k = `${hp.protocol}/${hp.port}`;
      const ips = this.usedPorts.get(k) ?? [];
      if (sign > 0) ips.push(hp.ip);
      else {
        const j = ips.indexOf(hp.ip);
        if (j >= 0) ips.splice(j, 1);
      }
      if (ips.length > 0) this.usedPorts.set(k, ips);
      else this.usedPorts.delete(k);
    }
  }

  /** Whether a host port conflicts with one in use (framework/types.go HostPortInfo.CheckConflict). */
  portConflicts(hp: HostPort): boolean {
    const ips = this.usedPorts.get(`${hp.protocol}/${hp.port}`);
    if (!ips || ips.length === 0) return false;
    if (hp.ip === "0.0.0.0") return true;
    return ips.some((ip) => ip === "0.0.0.0" || ip === hp.ip);
  }

  /** A what-if copy for preemption and nominated pods (upstream `NodeInfo.Snapshot`). */
  snapshot(): NodeInfo {
    const c = Object.create(NodeInfo.prototype) as NodeInfo;
    Object.assign(c, this);
    (c as { requested: Resource }).requested = copyResource(this.requested);
    c.pods = [...this.pods];
    c.usedPorts = new Map([...this.usedPorts].map(([k, v]) => [k, [...v]]));
    return c;
  }
}
