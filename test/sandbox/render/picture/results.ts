/**
 * Fixed simulation results for the picture tests: a typical paste on the default three nodes
 * (one node cordoned, a crash-looping pod, a pending pod with a real FailedScheduling message,
 * a finished Job pod, a terminating pod) and a large cluster of 50 nodes and 500 pods.
 */

import type { NodeRequests } from "../../../../src/sandbox/render/picture/node-usage.js";
import type { NodeSummary, PodSummary, SimulationResult } from "../../../../src/sandbox/result.js";

/** A pod summary with kubectl-like defaults for a running, ready pod. */
export function podSummary(fields: Partial<PodSummary> & { name: string }): PodSummary {
  return {
    namespace: "default",
    owner: null,
    node: "node-a",
    phase: "Running",
    ready: true,
    restarts: 0,
    reason: null,
    message: null,
    deleted: false,
    ip: "10.244.0.10",
    status: "Running",
    readyContainers: "1/1",
    lastTerminationReason: null,
    ...fields,
  };
}

/** A node summary of the default cluster's shape (4 cpu, 8Gi, 110 pods). */
export function nodeSummary(name: string, fields: Partial<NodeSummary> = {}): NodeSummary {
  return {
    name,
    ready: true,
    unschedulable: false,
    allocatable: { cpu: "4", memory: "8Gi", pods: "110", "ephemeral-storage": "100Gi" },
    ...fields,
  };
}

/** An otherwise empty result holding these nodes and pods. */
export function resultOf(nodes: NodeSummary[], pods: PodSummary[], horizonSeconds = 600): SimulationResult {
  return {
    apiVersion: "podsensei/v1",
    horizonSeconds,
    cluster: { nodes },
    rejected: [],
    objects: [],
    pods,
    events: [],
    findings: [],
    autoscaling: [],
  };
}

/** The FailedScheduling text of kube-scheduler for a pod that asks for 8 cpus on 4-cpu nodes. */
export const INSUFFICIENT_CPU =
  "0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.";

/** The typical paste at 10m. */
export function typicalResult(): SimulationResult {
  const web = (suffix: string, node: string, extra: Partial<PodSummary> = {}) =>
    podSummary({ name: `web-7d4b9c8f6-${suffix}`, owner: "Deployment/web", node, ...extra });
  return resultOf(
    [nodeSummary("node-a"), nodeSummary("node-b", { unschedulable: true }), nodeSummary("node-c")],
    [
      web("x2x7q", "node-a"),
      web("k8d2m", "node-c"),
      web("p9w4z", "node-a", {
        ready: false,
        restarts: 5,
        reason: "CrashLoopBackOff",
        message: "back-off 2m40s restarting failed container=web pod=web-7d4b9c8f6-p9w4z_default(…)",
        status: "CrashLoopBackOff",
        readyContainers: "0/1",
        lastTerminationReason: "Error",
      }),
      podSummary({ name: "db-0", owner: "StatefulSet/db", node: "node-b", ready: false, readyContainers: "0/1" }),
      podSummary({
        name: "migrate-4xk2p",
        owner: "Job/migrate",
        node: "node-c",
        phase: "Succeeded",
        ready: false,
        status: "Completed",
        reason: "Completed",
        readyContainers: "0/1",
      }),
      podSummary({ name: "old-web-5c7d9-abcde", node: "node-c", status: "Terminating", reason: "Terminating" }),
      podSummary({
        name: "big",
        node: null,
        phase: "Pending",
        ready: false,
        ip: null,
        reason: "Unschedulable",
        message: INSUFFICIENT_CPU,
        status: "Pending",
        readyContainers: "0/1",
      }),
      podSummary({ name: "gone-1", node: "node-a", deleted: true }),
    ],
  );
}

/** Requests per node matching `typicalResult` (500m/256Mi per web pod, 1/1Gi for db-0). */
export function typicalRequests(): NodeRequests {
  return {
    "node-a": { cpuMilli: 1000, memoryBytes: 512 * 2 ** 20 },
    "node-b": { cpuMilli: 1000, memoryBytes: 2 ** 30 },
    "node-c": { cpuMilli: 3500, memoryBytes: 7 * 2 ** 30 },
  };
}

const STATES: Partial<PodSummary>[] = [
  {},
  {},
  {},
  {},
  {},
  {},
  { ready: false, readyContainers: "0/1" },
  { ready: false, restarts: 12, status: "CrashLoopBackOff", reason: "CrashLoopBackOff", readyContainers: "0/1" },
  { phase: "Pending", ready: false, status: "ContainerCreating", reason: "ContainerCreating", ip: null },
  { phase: "Pending", ready: false, status: "ImagePullBackOff", reason: "ImagePullBackOff", ip: null },
];

/**
 * `nodes` nodes and `pods` pods of a few microservices spread unevenly (some nodes crowded past
 * what a card shows), every tenth pod unscheduled, two nodes NotReady and one cordoned.
 */
export function largeResult(nodes = 50, pods = 500): { result: SimulationResult; requests: NodeRequests } {
  const nodeList: NodeSummary[] = [];
  const requests: NodeRequests = {};
  for (let i = 0; i < nodes; i++) {
    const name = `ip-10-0-${Math.floor(i / 10)}-${100 + i}.ec2.internal`;
    nodeList.push(nodeSummary(name, { ready: i !== 7 && i !== 31, unschedulable: i === 12 }));
    requests[name] = { cpuMilli: 0, memoryBytes: 0 };
  }
  const services = ["checkoutservice", "frontend", "cartservice", "productcatalogservice", "recommendationservice"];
  const podList: PodSummary[] = [];
  for (let i = 0; i < pods; i++) {
    const svc = services[i % services.length] as string;
    const suffix = (i * 7919).toString(36).padStart(5, "x").slice(-5);
    // Crowd the first nodes: node index grows like a square root.
    const nodeIndex = Math.floor(Math.sqrt((i * 37) % (nodes * nodes)));
    const node = nodeList[nodeIndex % nodes] as NodeSummary;
    const unscheduled = i % 10 === 9;
    const pod = podSummary({
      name: `${svc}-6d9f8b7c5-${suffix}`,
      owner: `Deployment/${svc}`,
      node: unscheduled ? null : node.name,
      ...(unscheduled
        ? {
            phase: "Pending" as const,
            ready: false,
            ip: null,
            status: "Pending",
            reason: "Unschedulable",
            message: `0/${nodes} nodes are available: 2 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 1 node(s) were unschedulable, ${nodes - 3} Insufficient memory. preemption: 0/${nodes} nodes are available: 3 Preemption is not helpful for scheduling, ${nodes - 3} No preemption victims found for incoming pod.`,
          }
        : STATES[i % STATES.length]),
    });
    podList.push(pod);
    if (!unscheduled) {
      const r = requests[node.name] as { cpuMilli: number; memoryBytes: number };
      r.cpuMilli += 250;
      r.memoryBytes += 512 * 2 ** 20;
    }
  }
  return { result: resultOf(nodeList, podList, 1800), requests };
}
