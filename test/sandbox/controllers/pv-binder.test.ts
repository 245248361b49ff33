import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../src/sandbox/cluster/cluster.js";
import { persistentVolumeController } from "../../../src/sandbox/controllers/pv-binder.js";
import { defaultStorageClass } from "../../../src/sandbox/storage/storage-class.js";
import { apply, controllerCluster, messages } from "./harness.js";

/** A cluster with the bootstrap default StorageClass, or with it taken away. */
function cluster(withDefault = true): Cluster {
  const c = controllerCluster([persistentVolumeController()]);
  if (!withDefault) c.store.remove("StorageClass", undefined, "standard");
  return c;
}

function pv(name: string, size: string, extra: Record<string, any> = {}): Record<string, any> {
  const { labels, ...spec } = extra;
  return {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name, ...(labels ? { labels } : {}) },
    spec: { capacity: { storage: size }, accessModes: ["ReadWriteOnce"], nfs: { server: "nfs", path: "/x" }, ...spec },
  };
}

function pvc(name: string, size: string, spec: Record<string, any> = {}): Record<string, any> {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name, namespace: "default" },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: size } }, ...spec },
  };
}

function pod(name: string, claim: string): Record<string, any> {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default" },
    spec: {
      containers: [{ name: "app", image: "nginx:1.27" }],
      volumes: [{ name: "data", persistentVolumeClaim: { claimName: claim } }],
    },
  };
}

const claimOf = (c: Cluster, name: string) => c.store.get("PersistentVolumeClaim", "default", name);
const volumeOf = (c: Cluster, name: string) => c.store.get("PersistentVolume", undefined, name);

describe("persistentVolumeController: static binding", () => {
  it("binds a class-less claim to the smallest PV that fits, both Bound", () => {
    const c = cluster(false);
    apply(c, pvc("data", "2Gi", { storageClassName: "" }));
    apply(c, pv("big", "10Gi"));
    apply(c, pv("small", "1Gi"));
    apply(c, pv("fits", "5Gi"));
    c.clock.runUntil(5);
    const claim = claimOf(c, "data");
    expect(claim?.spec.volumeName).toBe("fits");
    expect(claim?.status).toMatchObject({ phase: "Bound", capacity: { storage: "5Gi" } });
    expect(claim?.metadata.annotations?.["pv.kubernetes.io/bind-completed"]).toBe("yes");
    expect(volumeOf(c, "fits")?.status.phase).toBe("Bound");
    expect(volumeOf(c, "fits")?.spec.claimRef).toMatchObject({ name: "data", uid: claim?.metadata.uid });
    expect(volumeOf(c, "big")?.status.phase).toBe("Available");
  });

  it.each([
    ["access modes", pv("a", "5Gi"), { accessModes: ["ReadWriteMany"] }],
    ["volumeMode", pv("a", "5Gi"), { volumeMode: "Block" }],
    ["selector", pv("a", "5Gi", { labels: { tier: "slow" } }), { selector: { matchLabels: { tier: "fast" } } }],
    ["capacity", pv("a", "1Gi"), {}],
  ])("does not bind when %s differ: FailedBinding with the upstream text", (_name, volume, spec) => {
    const c = cluster(false);
    apply(c, volume);
    apply(c, pvc("data", "2Gi", { storageClassName: "", ...spec }));
    c.clock.runUntil(5);
    expect(claimOf(c, "data")?.status.phase).toBe("Pending");
    expect(messages(c, "FailedBinding", "PersistentVolumeClaim/data")).toEqual([
      "no persistent volumes available for this claim and no storage class is set",
    ]);
  });

  it("honours a PV pre-bound to another claim and a claim naming its volume", () => {
    const c = cluster(false);
    apply(c, pv("reserved", "5Gi", { claimRef: { namespace: "default", name: "other" } }));
    apply(c, pv("named", "5Gi"));
    apply(c, pvc("data", "1Gi", { storageClassName: "", volumeName: "named" }));
    apply(c, pvc("other", "1Gi", { storageClassName: "" }));
    c.clock.runUntil(5);
    expect(claimOf(c, "data")?.spec.volumeName).toBe("named");
    expect(claimOf(c, "other")?.spec.volumeName).toBe("reserved");
  });

  it("refuses a named volume that does not satisfy the claim (VolumeMismatch)", () => {
    const c = cluster(false);
    apply(c, pv("tiny", "1Gi"));
    apply(c, pvc("data", "5Gi", { storageClassName: "", volumeName: "tiny" }));
    c.clock.runUntil(5);
    expect(messages(c, "VolumeMismatch", "PersistentVolumeClaim/data")).toEqual([
      'Cannot bind to requested volume "tiny": requested PV is too small',
    ]);
  });
});

describe("persistentVolumeController: classes and provisioning", () => {
  it("a missing class fails provisioning with the API's NotFound text", () => {
    const c = cluster();
    apply(c, pvc("data", "1Gi", { storageClassName: "gp2" }));
    c.clock.runUntil(5);
    expect(messages(c, "ProvisioningFailed", "PersistentVolumeClaim/data")).toEqual([
      'storageclass.storage.k8s.io "gp2" not found',
    ]);
  });

  it("WaitForFirstConsumer waits, then provisions pvc-<uid> pinned to the pod's node", () => {
    const c = cluster();
    apply(c, pvc("data", "1Gi"));
    c.clock.runUntil(5);
    const claim = claimOf(c, "data");
    expect(claim?.spec.storageClassName).toBe("standard");
    expect(claim?.status.phase).toBe("Pending");
    expect(messages(c, "WaitForFirstConsumer", "PersistentVolumeClaim/data")).toEqual([
      "waiting for first consumer to be created before binding",
    ]);
    apply(c, pod("app", "data"));
    c.clock.runUntil(10);
    const bound = claimOf(c, "data");
    const name = `pvc-${claim?.metadata.uid}`;
    expect(bound?.spec.volumeName).toBe(name);
    expect(bound?.metadata.annotations?.["volume.kubernetes.io/selected-node"]).toBe(
      c.store.get("Pod", "default", "app")?.spec.nodeName,
    );
    const volume = volumeOf(c, name);
    expect(volume?.spec.persistentVolumeReclaimPolicy).toBe("Delete");
    expect(volume?.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values).toEqual([
      c.store.get("Pod", "default", "app")?.spec.nodeName,
    ]);
    expect(messages(c, "ProvisioningSucceeded", "PersistentVolumeClaim/data")).toEqual([
      `Successfully provisioned volume ${name}`,
    ]);
    expect(messages(c, "Provisioning", "PersistentVolumeClaim/data")).toEqual([
      'External provisioner is provisioning volume for claim "default/data"',
    ]);
  });

  it("an Immediate class provisions at once; kubernetes.io/no-provisioner waits forever", () => {
    const c = cluster();
    apply(c, {
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      metadata: { name: "fast" },
      provisioner: "ebs.csi.aws.com",
    });
    apply(c, {
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      metadata: { name: "local" },
      provisioner: "kubernetes.io/no-provisioner",
    });
    apply(c, pvc("a", "1Gi", { storageClassName: "fast" }));
    apply(c, pvc("b", "1Gi", { storageClassName: "local" }));
    c.clock.runUntil(5);
    expect(claimOf(c, "a")?.status.phase).toBe("Bound");
    expect(claimOf(c, "b")?.status.phase).toBe("Pending");
    // findProvisionablePlugin: a kubernetes.io/ name without an in-tree plugin is an error, reported
    // on every 15 s resync, never an external provisioner.
    expect(messages(c, "ExternalProvisioning", "PersistentVolumeClaim/b")).toEqual([]);
    expect(messages(c, "ProvisioningFailed", "PersistentVolumeClaim/b")[0]).toBe(
      "no volume plugin matched name: kubernetes.io/no-provisioner",
    );
    c.clock.runUntil(60);
    const failed = c.recorder
      .list()
      .find((e) => e.reason === "ProvisioningFailed" && e.object === "PersistentVolumeClaim/b");
    expect(failed?.count).toBeGreaterThanOrEqual(4);
  });

  it("a claim created before any default class gets one retroactively", () => {
    const c = cluster(false);
    apply(c, pvc("data", "1Gi"));
    c.clock.runUntil(1);
    expect(claimOf(c, "data")?.spec.storageClassName).toBeUndefined();
    apply(c, defaultStorageClass());
    c.clock.runUntil(2);
    expect(claimOf(c, "data")?.spec.storageClassName).toBe("standard");
  });
});

describe("persistentVolumeController: reclaim and protection", () => {
  function boundPair(policy: string): Cluster {
    const c = cluster(false);
    apply(c, pv("vol", "1Gi", { persistentVolumeReclaimPolicy: policy }));
    apply(c, pvc("data", "1Gi", { storageClassName: "" }));
    c.clock.runUntil(1);
    expect(claimOf(c, "data")?.status.phase).toBe("Bound");
    return c;
  }

  it("Retain: deleting the claim leaves the PV Released", () => {
    const c = boundPair("Retain");
    c.api.delete("PersistentVolumeClaim", "default", "data");
    c.clock.runUntil(2);
    expect(volumeOf(c, "vol")?.status.phase).toBe("Released");
  });

  it("Delete on a hand-made PV: Failed with VolumeFailedDelete", () => {
    const c = boundPair("Delete");
    c.api.delete("PersistentVolumeClaim", "default", "data");
    c.clock.runUntil(2);
    expect(volumeOf(c, "vol")?.status.phase).toBe("Failed");
    expect(messages(c, "VolumeFailedDelete")).toEqual([
      'error getting deleter volume plugin for volume "vol": no deletable volume plugin matched',
    ]);
  });

  it("Delete on a provisioned PV removes it with its claim", () => {
    const c = cluster();
    apply(c, pvc("data", "1Gi"));
    apply(c, pod("app", "data"));
    c.clock.runUntil(2);
    const name = claimOf(c, "data")?.spec.volumeName;
    expect(volumeOf(c, name)).toBeDefined();
    c.api.delete("Pod", "default", "app", 0);
    c.api.delete("PersistentVolumeClaim", "default", "data");
    c.clock.runUntil(4);
    expect(volumeOf(c, name)).toBeUndefined();
  });

  it("pvc-protection: a claim being deleted stays while a pod uses it", () => {
    const c = cluster();
    apply(c, pvc("data", "1Gi"));
    apply(c, pod("app", "data"));
    c.clock.runUntil(2);
    expect(claimOf(c, "data")?.metadata.finalizers).toEqual(["kubernetes.io/pvc-protection"]);
    // What the API server does for an object with finalizers: it only marks it.
    c.store.patch("PersistentVolumeClaim", "default", "data", (o) => {
      o.metadata.deletionTimestamp = "2026-01-01T00:00:02Z";
    });
    c.clock.runUntil(3);
    expect(claimOf(c, "data")).toBeDefined();
    c.api.delete("Pod", "default", "app", 0);
    c.clock.runUntil(4);
    expect(claimOf(c, "data")).toBeUndefined();
  });
});
