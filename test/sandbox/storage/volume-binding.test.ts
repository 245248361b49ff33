import { describe, expect, it } from "vitest";
import { ObjectStore } from "../../../src/sandbox/api/store.js";
import type { KubeObject } from "../../../src/sandbox/model/object.js";
import { findBestMatchForClaim, findMatchingVolume } from "../../../src/sandbox/storage/match.js";
import {
  ERR_REASON_BIND_CONFLICT,
  ERR_REASON_NODE_CONFLICT,
  ERR_REASON_PV_NOT_EXIST,
  findPodVolumes,
} from "../../../src/sandbox/storage/volume-binding.js";

const nodeA = { name: "node-a", labels: { "kubernetes.io/hostname": "node-a", zone: "z1" } };

function pv(name: string, size: string, spec: Record<string, any> = {}, phase = "Available"): KubeObject {
  return {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name },
    spec: { capacity: { storage: size }, accessModes: ["ReadWriteOnce"], storageClassName: "local", ...spec },
    status: { phase },
  };
}

function pvc(
  name: string,
  size: string,
  spec: Record<string, any> = {},
  annotations?: Record<string, string>,
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name, namespace: "default", uid: `uid-${name}`, ...(annotations ? { annotations } : {}) },
    spec: {
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: size } },
      storageClassName: "local",
      ...spec,
    },
  };
}

const onNode = (n: string) => ({
  required: {
    nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: [n] }] }],
  },
});

function podWith(...claims: string[]): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "default" },
    spec: { volumes: claims.map((c) => ({ name: c, persistentVolumeClaim: { claimName: c } })) },
  };
}

function store(objects: KubeObject[], provisioner = "kubernetes.io/no-provisioner"): ObjectStore {
  const s = new ObjectStore();
  s.add({
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: "local" },
    provisioner,
    volumeBindingMode: "WaitForFirstConsumer",
  } as KubeObject);
  for (const o of objects) s.add(o);
  return s;
}

describe("findMatchingVolume", () => {
  const claim = pvc("data", "2Gi");
  it.each([
    ["the smallest that fits", [pv("a", "10Gi"), pv("b", "3Gi"), pv("c", "1Gi")], "b"],
    ["not one of another class", [pv("a", "3Gi", { storageClassName: "other" })], undefined],
    ["not one still Pending", [pv("a", "3Gi", {}, "Pending")], undefined],
    ["not one bound elsewhere", [pv("a", "3Gi", { claimRef: { name: "x", namespace: "default" } })], undefined],
    [
      "one pre-bound to it even if larger",
      [pv("a", "3Gi"), pv("b", "9Gi", { claimRef: { name: "data", namespace: "default" } })],
      "b",
    ],
    ["not one whose node affinity excludes the node", [pv("a", "3Gi", { nodeAffinity: onNode("node-b") })], undefined],
  ])("picks %s", (_n, volumes, want) => {
    expect(findMatchingVolume(claim, volumes, nodeA, new Set(), true)?.metadata.name).toBe(want);
  });

  it("the controller path skips unbound PVs for delayed binding", () => {
    expect(findMatchingVolume(claim, [pv("a", "3Gi")], undefined, new Set(), true)).toBeUndefined();
    expect(findMatchingVolume(claim, [pv("a", "3Gi")], undefined, new Set(), false)?.metadata.name).toBe("a");
  });

  it("findBestMatchForClaim prefers PVs with fewer access modes, then size", () => {
    const wide = pv("wide", "2Gi", { accessModes: ["ReadWriteOnce", "ReadWriteMany"] });
    const narrow = pv("narrow", "8Gi");
    expect(findBestMatchForClaim(claim, [wide, narrow], false)?.metadata.name).toBe("narrow");
    expect(
      findBestMatchForClaim(pvc("rwx", "1Gi", { accessModes: ["ReadWriteMany"] }), [wide, narrow], false)?.metadata
        .name,
    ).toBe("wide");
  });
});

describe("findPodVolumes", () => {
  it("binds each claim to its own PV, smallest claims first", () => {
    const s = store([pvc("a", "1Gi"), pvc("b", "5Gi"), pv("v1", "5Gi"), pv("v2", "2Gi")]);
    const got = findPodVolumes(podWith("b", "a"), nodeA, s);
    expect(got.reasons).toEqual([]);
    expect(got.staticBindings.map((b) => [b.claim.metadata.name, b.volume.metadata.name])).toEqual([
      ["a", "v2"],
      ["b", "v1"],
    ]);
  });

  it.each([
    [
      "no PV on this node and no provisioner",
      [pvc("a", "1Gi"), pv("v", "5Gi", { nodeAffinity: onNode("node-b") })],
      [ERR_REASON_BIND_CONFLICT],
    ],
    [
      "a bound PV pinned elsewhere",
      [pvc("a", "1Gi", { volumeName: "v" }), pv("v", "5Gi", { nodeAffinity: onNode("node-b") })],
      [ERR_REASON_NODE_CONFLICT],
    ],
    ["a bound PV that does not exist", [pvc("a", "1Gi", { volumeName: "gone" })], [ERR_REASON_PV_NOT_EXIST]],
    [
      "a claim the scheduler placed on another node",
      [pvc("a", "1Gi", {}, { "volume.kubernetes.io/selected-node": "node-b" })],
      [ERR_REASON_BIND_CONFLICT],
    ],
  ])("rejects the node for %s", (_n, objects, reasons) => {
    expect(findPodVolumes(podWith("a"), nodeA, store(objects)).reasons).toEqual(reasons);
  });

  it("provisions when a class can and its allowedTopologies admit the node", () => {
    const s = store([pvc("a", "1Gi")], "ebs.csi.aws.com");
    expect(findPodVolumes(podWith("a"), nodeA, s).provisions.map((c) => c.metadata.name)).toEqual(["a"]);
    s.patch("StorageClass", undefined, "local", (o) => {
      o.allowedTopologies = [{ matchLabelExpressions: [{ key: "zone", values: ["z2"] }] }];
    });
    expect(findPodVolumes(podWith("a"), nodeA, s).reasons).toEqual([ERR_REASON_BIND_CONFLICT]);
  });
});
