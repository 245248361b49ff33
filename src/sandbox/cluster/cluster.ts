/**
 * A simulated cluster: store, API server, clock, event recorder and controller manager wired
 * together, with the namespaces every cluster has and its nodes stored. `simulate()` and the
 * tests build clusters through this one function.
 */
import { ApiServer } from "../api/server.js";
import { ObjectStore } from "../api/store.js";
import type { SchedulingExplainer } from "../components.js";
import { SimClock } from "../engine/clock.js";
import type { Controller, ControllerContext, SimulationNote } from "../engine/controller.js";
import { ControllerManager } from "../engine/manager.js";
import { EventRecorder } from "../engine/recorder.js";
import { clone, type KubeObject } from "../model/object.js";
import { SeededRandom } from "../model/random.js";
import { defaultStorageClass } from "../storage/storage-class.js";
import { defaultClusterNodes } from "./default-cluster.js";

/** Namespaces that exist in every cluster. */
export const SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"] as const;

export interface Cluster {
  ctx: ControllerContext;
  /** The scheduler's per-pod records, when the cluster runs one (see components.ts). */
  scheduling?: SchedulingExplainer;
  manager: ControllerManager;
  api: ApiServer;
  store: ObjectStore;
  clock: SimClock;
  recorder: EventRecorder;
  notes: SimulationNote[];
}

export interface ClusterOptions {
  seed?: number;
  /** v1 Node objects; the default cluster when absent. */
  nodes?: KubeObject[];
  /** Controllers to run, in registration order. */
  controllers?: Controller[];
}

export function createCluster(opts: ClusterOptions = {}): Cluster {
  const clock = new SimClock();
  const store = new ObjectStore();
  const random = new SeededRandom(opts.seed ?? 1);
  const api = new ApiServer({ store, random, now: () => clock.now });
  const recorder = new EventRecorder(() => clock.now);
  const notes: SimulationNote[] = [];
  const ctx: ControllerContext = { api, store, clock, recorder, random, notes };
  const manager = new ControllerManager(ctx);
  for (const c of opts.controllers ?? []) manager.register(c);

  for (const ns of SYSTEM_NAMESPACES) {
    store.add({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: ns, uid: random.uuid(), labels: { "kubernetes.io/metadata.name": ns } },
      spec: { finalizers: ["kubernetes"] },
      status: { phase: "Active" },
    });
    store.add({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "default", namespace: ns, uid: random.uuid() },
    });
    store.add(rootCaConfigMap(ns, random.uuid()));
  }
  // A real cluster comes with a default StorageClass; so does the simulated one.
  const storageClass = defaultStorageClass();
  storageClass.metadata.uid = random.uuid();
  storageClass.metadata.creationTimestamp = "2026-01-01T00:00:00Z";
  store.add(storageClass);
  for (const node of opts.nodes ?? defaultClusterNodes()) {
    const n = clone(node);
    n.metadata.uid = n.metadata.uid ?? random.uuid();
    store.add(n);
  }
  return { ctx, manager, api, store, clock, recorder, notes };
}

/**
 * The `kube-root-ca.crt` ConfigMap the root-ca-cert-publisher puts in every namespace
 * (pkg/controller/certificates/rootcacertpublisher); service account token volumes read it.
 */
export function rootCaConfigMap(namespace: string, uid: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "kube-root-ca.crt", namespace, uid },
    data: { "ca.crt": "-----BEGIN CERTIFICATE-----\n(simulated cluster CA)\n-----END CERTIFICATE-----\n" },
  };
}
