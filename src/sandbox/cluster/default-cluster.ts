/**
 * The default simulated cluster (README "The default cluster"): three Ready worker nodes in three
 * zones, each 4 CPU, 8 GiB and 110 pods, no taints — the shape of a small managed cluster.
 */
import type { KubeObject } from "../model/object.js";

/** Builds a Ready v1 Node. */
export function makeNode(
  name: string,
  opts: { cpu?: string; memory?: string; pods?: string; zone?: string; labels?: Record<string, string> } = {},
): KubeObject {
  const allocatable = {
    cpu: opts.cpu ?? "4",
    memory: opts.memory ?? "8Gi",
    pods: opts.pods ?? "110",
    "ephemeral-storage": "100Gi",
  };
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      labels: {
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        ...(opts.zone ? { "topology.kubernetes.io/zone": opts.zone } : {}),
        ...opts.labels,
      },
    },
    spec: {},
    status: {
      capacity: { ...allocatable },
      allocatable,
      conditions: [
        { type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status" },
      ],
      images: [],
    },
  };
}

/** node-a, node-b, node-c in zone-a, zone-b, zone-c. */
export function defaultClusterNodes(): KubeObject[] {
  return [
    makeNode("node-a", { zone: "zone-a" }),
    makeNode("node-b", { zone: "zone-b" }),
    makeNode("node-c", { zone: "zone-c" }),
  ];
}
