/**
 * Per-node runtime facts the kubelet keeps: the node's index (for its pod CIDR
 * `10.244.<index>.0/24`, as kubeadm-style clusters allocate with --cluster-cidr 10.244.0.0/16),
 * the next pod IP, the serialised image-pull queue (the kubelet's default
 * `serializeImagePulls: true`), and whether its kubelet has stopped (`node-down`).
 */

import type { KubeObject } from "../model/object.js";
import { fnv1a32 } from "../model/random.js";
import { parseImageRef } from "./image-ref.js";

/** Annotation a `node-down` action puts on the Node: simulated second at which its kubelet stopped. */
export const NODE_DOWN_ANNOTATION = "podsensei.dev/kubelet-stopped-at";

/** Seconds at which the node's kubelet stopped, if it has. */
export function nodeDownSince(node: KubeObject): number | undefined {
  const v = node.metadata.annotations?.[NODE_DOWN_ANNOTATION];
  return v === undefined ? undefined : Number(v);
}

/** Whether the node's kubelet runs pods: it has not stopped and the node does not report NotReady. */
export function kubeletRuns(node: KubeObject): boolean {
  if (nodeDownSince(node) !== undefined) return false;
  const ready = (node.status?.conditions ?? []).find((c: { type: string }) => c.type === "Ready");
  return ready === undefined || ready.status === "True";
}

export class NodeRuntime {
  private nextHost = 2;
  /** Simulated second at which the node's image puller is free again. */
  pullFreeAt = 0;
  /** Images (normalised) whose pull is in flight, and when it completes. */
  readonly pulling = new Map<string, number>();
  /** Last `spec.unschedulable` seen, for NodeSchedulable / NodeNotSchedulable events. */
  unschedulable: boolean;

  constructor(
    readonly name: string,
    readonly index: number,
    node: KubeObject,
  ) {
    this.unschedulable = node.spec?.unschedulable === true;
  }

  /** The node's InternalIP, or one derived from its index. */
  hostIP(node: KubeObject): string {
    const internal = (node.status?.addresses ?? []).find((a: { type: string }) => a.type === "InternalIP");
    if (internal?.address) return String(internal.address);
    return ipFromInt(ipToInt("172.18.0.2") + this.index);
  }

  /** Next pod IP in the node's /24. */
  allocatePodIP(): string {
    const n = this.nextHost;
    this.nextHost = this.nextHost >= 254 ? 2 : this.nextHost + 1;
    return ipFromInt(ipToInt("10.244.0.0") + this.index * 256 + n);
  }
}

function ipToInt(ip: string): number {
  return ip.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}

function ipFromInt(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

/** Hash states of `0:` … `7:`: each eighth of `hex64` is the hash of `<i>:<seed>`, continued from these. */
const HEX64_PREFIXES = Array.from({ length: 8 }, (_, i) => fnv1a32(`${i}:`));

/** 64 deterministic hex digits derived from `seed` (container and image ids). */
export function hex64(seed: string): string {
  // Each hash as 8 zero-padded hex digits, the digits gathered as char codes into one string.
  for (let i = 0; i < HEX64_PREFIXES.length; i++) {
    const h = fnv1a32(seed, HEX64_PREFIXES[i]);
    for (let d = 0; d < 8; d++) hex64Codes[i * 8 + d] = HEX_CODES[(h >>> (28 - 4 * d)) & 15] as number;
  }
  return String.fromCharCode.apply(null, hex64Codes);
}

const HEX_CODES = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
const hex64Codes: number[] = new Array<number>(64).fill(0);

/** Whether the node reports the image in `status.images` (names compared after normalisation). */
export function nodeHasImage(node: KubeObject, full: string): boolean {
  for (const img of node.status?.images ?? []) {
    for (const name of img.names ?? []) {
      const parsed = parseImageRef(String(name));
      if (parsed.ok && (parsed.ref.full === full || name === full)) return true;
    }
  }
  return false;
}
