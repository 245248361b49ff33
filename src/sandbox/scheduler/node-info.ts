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
import { isDoNotSchedule, type Taint } from "./taints.js";

/**
 * Indexes into `NodeInfo.hot`: the numbers every Filter and Score reads, kept together in one small
 * typed array (unboxed, one cache line) instead of spread over several objects.
 */
export const HOT_ALLOC_CPU = 0;
export const HOT_ALLOC_MEM = 1;
export const HOT_REQ_CPU = 2;
export const HOT_REQ_MEM = 3;
export const HOT_NONZERO_CPU = 4;
export const HOT_NONZERO_MEM = 5;
export const HOT_PODS = 6;
export const HOT_ALLOWED_PODS = 7;
const HOT_SIZE = 8;

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
  /** Mirrors of allocatable and requested cpu/memory, non-zero requests and pod counts (HOT_*). */
  readonly hot = new Float64Array(HOT_SIZE);
  /** Whether the node has a NoSchedule or NoExecute taint (the only ones Filter looks at). */
  hasHardTaint = false;
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
    this.hasHardTaint = this.taints.some(isDoNotSchedule);
    this.allocatable = resourceFromList(list);
    this.allowedPodNumber = resourceValue("pods", list.pods ?? 0);
    this.hot[HOT_ALLOC_CPU] = this.allocatable.milliCPU;
    this.hot[HOT_ALLOC_MEM] = this.allocatable.memory;
    this.hot[HOT_ALLOWED_PODS] = this.allowedPodNumber;
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

  /** Σ non-zero cpu requests of the node's pods (scoring). */
  get nonZeroCPU(): number {
    return this.hot[HOT_NONZERO_CPU] as number;
  }

  /** Σ non-zero memory requests of the node's pods (scoring). */
  get nonZeroMemory(): number {
    return this.hot[HOT_NONZERO_MEM] as number;
  }

  private account(p: PodInfo, sign: 1 | -1): void {
    addResource(this.requested, p.requests, sign);
    const hot = this.hot;
    hot[HOT_REQ_CPU] = this.requested.milliCPU;
    hot[HOT_REQ_MEM] = this.requested.memory;
    hot[HOT_NONZERO_CPU] = (hot[HOT_NONZERO_CPU] as number) + sign * p.nonZeroCPU;
    hot[HOT_NONZERO_MEM] = (hot[HOT_NONZERO_MEM] as number) + sign * p.nonZeroMemory;
    hot[HOT_PODS] = this.pods.length;
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
    (c as { hot: Float64Array }).hot = this.hot.slice();
    c.pods = [...this.pods];
    c.usedPorts = new Map([...this.usedPorts].map(([k, v]) => [k, [...v]]));
    return c;
  }
}
