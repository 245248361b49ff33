/**
 * A small cluster with only the kubelet (and optionally the node lifecycle controller) running;
 * pods are bound by hand as the scheduler would bind them.
 */
import { type Cluster, createCluster } from "../../../src/sandbox/cluster/cluster.js";
import type { Controller } from "../../../src/sandbox/engine/controller.js";
import { createKubelet } from "../../../src/sandbox/kubelet/index.js";
import type { KubeObject } from "../../../src/sandbox/model/object.js";

/** A cluster running the kubelet plus `extra` controllers. */
export function kubeletCluster(extra: Controller[] = [], nodes?: KubeObject[]): Cluster {
  return createCluster({ controllers: [createKubelet(), ...extra], ...(nodes ? { nodes } : {}) });
}

/** A pod bound to `node` (PodScheduled=True, as the scheduler's bind writes it). */
export function boundPod(name: string, spec: Record<string, unknown>, node = "node-a", ns = "default"): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: ns, labels: { app: name } },
    spec: { ...spec, nodeName: node },
    status: { phase: "Pending", conditions: [{ type: "PodScheduled", status: "True" }] },
  };
}

/** Creates the object through the API server and fails the test if it is rejected. */
export function create(c: Cluster, obj: KubeObject): KubeObject {
  const out = c.api.create(obj, { origin: "user" });
  if (!out.ok) throw new Error(out.message);
  return out.object;
}

/** The stored pod. */
export function pod(c: Cluster, name: string, ns = "default"): KubeObject {
  const p = c.store.get("Pod", ns, name);
  if (!p) throw new Error(`pod ${name} not found`);
  return p;
}

/** The first container status of a pod (or an init container's). */
export function cs(c: Cluster, name: string, init = false): any {
  return (init ? pod(c, name).status?.initContainerStatuses : pod(c, name).status?.containerStatuses)?.[0];
}

/** Messages of events with a reason about a pod. */
export function events(
  c: Cluster,
  reason: string,
  object?: string,
): { message: string; count: number; time: number; type: string }[] {
  return c.recorder.list().filter((e) => e.reason === reason && (object === undefined || e.object === object));
}
