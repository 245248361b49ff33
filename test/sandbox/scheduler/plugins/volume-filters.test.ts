/**
 * Table-driven PreFilter/Filter tests for VolumeRestrictions and VolumeZone, in the manner of
 * upstream's volume_restrictions_test.go (TestGCEDiskConflicts, TestAWSDiskConflicts,
 * TestRBDDiskConflicts, TestISCSIDiskConflicts, TestAccessModeConflicts) and volume_zone_test.go
 * (TestSingleZone, TestMultiZone, TestWithBinding): pod + nodes + existing pods + storage objects →
 * per-node verdict (a PreFilter rejection under "*") with the upstream reason.
 */
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../../src/sandbox/model/object.js";
import { CycleState } from "../../../../src/sandbox/scheduler/framework.js";
import * as VolumeRestrictions from "../../../../src/sandbox/scheduler/plugins/VolumeRestrictions.js";
import * as VolumeZone from "../../../../src/sandbox/scheduler/plugins/VolumeZone.js";
import { node, pod } from "../builders.js";
import { OK, runFilter, world } from "../plugin-harness.js";

const unschedulable = (reason: string) => ({ code: "Unschedulable", reasons: [reason] });
const unresolvable = (reason: string) => ({ code: "UnschedulableAndUnresolvable", reasons: [reason] });

/** A pod with these volumes (named v0, v1, …), optionally already on a node. */
const withVolumes = (name: string, volumes: Record<string, unknown>[], on?: string) => {
  const p = pod(name).spec({ volumes: volumes.map((v, i) => ({ name: `v${i}`, ...v })) });
  return (on ? p.node(on) : p).build();
};
const claimVolume = (claimName: string) => ({ persistentVolumeClaim: { claimName } });

function pvc(name: string, spec: Record<string, unknown>, namespace = "default"): KubeObject {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name, namespace },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, ...spec },
  };
}

function pv(name: string, labels: Record<string, string>): KubeObject {
  return {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name, labels },
    spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], hostPath: { path: `/d/${name}` } },
  };
}

function storageClass(name: string, volumeBindingMode: string): KubeObject {
  return {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name },
    provisioner: "example.com/disk",
    volumeBindingMode,
  };
}

describe("VolumeRestrictions: in-tree disk conflicts", () => {
  const gce = (pdName: string, readOnly = false) => ({ gcePersistentDisk: { pdName, readOnly } });
  const ebs = (volumeID: string) => ({ awsElasticBlockStore: { volumeID } });
  const iscsi = (iqn: string, readOnly = false) => ({
    iscsi: { targetPortal: "127.0.0.1:3260", iqn, lun: 0, readOnly },
  });
  const rbd = (monitors: string[], image: string, readOnly = false, pool?: string) => ({
    rbd: { monitors, image, readOnly, ...(pool ? { pool } : {}) },
  });
  const conflict = unschedulable(VolumeRestrictions.ERR_REASON_DISK_CONFLICT);
  const cases = [
    { name: "no volumes: skipped", pod: withVolumes("p", []), existing: [], want: OK },
    { name: "GCE PD, nothing on the node", pod: withVolumes("p", [gce("foo")]), existing: [], want: OK },
    {
      name: "GCE PD, same disk read-write on the node",
      pod: withVolumes("p", [gce("foo")]),
      existing: [withVolumes("e", [gce("foo")], "n")],
      want: conflict,
    },
    {
      name: "GCE PD, another disk",
      pod: withVolumes("p", [gce("foo")]),
      existing: [withVolumes("e", [gce("bar")], "n")],
      want: OK,
    },
    {
      name: "GCE PD, same disk read-only on both",
      pod: withVolumes("p", [gce("foo", true)]),
      existing: [withVolumes("e", [gce("foo", true)], "n")],
      want: OK,
    },
    {
      name: "GCE PD, same disk on another node",
      pod: withVolumes("p", [gce("foo")]),
      existing: [withVolumes("e", [gce("foo")], "other")],
      want: OK,
    },
    {
      name: "EBS, same volume ID (even read-only)",
      pod: withVolumes("p", [ebs("vol-1")]),
      existing: [withVolumes("e", [ebs("vol-1")], "n")],
      want: conflict,
    },
    {
      name: "EBS, another volume ID",
      pod: withVolumes("p", [ebs("vol-1")]),
      existing: [withVolumes("e", [ebs("vol-2")], "n")],
      want: OK,
    },
    {
      name: "iSCSI, same IQN read-write",
      pod: withVolumes("p", [iscsi("iqn.2016-12.server:storage.target01")]),
      existing: [withVolumes("e", [iscsi("iqn.2016-12.server:storage.target01")], "n")],
      want: conflict,
    },
    {
      name: "iSCSI, same IQN read-only on both",
      pod: withVolumes("p", [iscsi("iqn.a", true)]),
      existing: [withVolumes("e", [iscsi("iqn.a", true)], "n")],
      want: OK,
    },
    {
      name: "RBD, a shared monitor, same default pool and image",
      pod: withVolumes("p", [rbd(["a", "b"], "foo")]),
      existing: [withVolumes("e", [rbd(["b", "c"], "foo", false, "rbd")], "n")],
      want: conflict,
    },
    {
      name: "RBD, no shared monitor",
      pod: withVolumes("p", [rbd(["a"], "foo")]),
      existing: [withVolumes("e", [rbd(["c"], "foo")], "n")],
      want: OK,
    },
    {
      name: "RBD, another pool",
      pod: withVolumes("p", [rbd(["a"], "foo", false, "p1")]),
      existing: [withVolumes("e", [rbd(["a"], "foo", false, "p2")], "n")],
      want: OK,
    },
    {
      name: "RBD, read-only on both",
      pod: withVolumes("p", [rbd(["a"], "foo", true)]),
      existing: [withVolumes("e", [rbd(["a"], "foo", true)], "n")],
      want: OK,
    },
  ];
  it.each(cases)("$name", (c) => {
    const nodes = [node("n").build(), node("other").build()];
    expect(runFilter(VolumeRestrictions.create, c.pod, nodes, c.existing).n).toEqual(c.want);
  });
  it("uses the upstream text", () =>
    expect(VolumeRestrictions.ERR_REASON_DISK_CONFLICT).toBe("node(s) had no available disk"));
});

describe("VolumeRestrictions: ReadWriteOncePod", () => {
  const rwop = pvc("rwop", { accessModes: ["ReadWriteOncePod"] });
  const rwo = pvc("rwo", {});
  const conflict = unschedulable(VolumeRestrictions.ERR_REASON_RWOP_CONFLICT);
  const cases = [
    {
      name: "RWOP claim nobody uses: skipped",
      pod: withVolumes("p", [claimVolume("rwop")]),
      existing: [],
      want: { a: OK, b: OK },
    },
    {
      name: "RWOP claim used by a pod on a: every node rejects, preemption may help",
      pod: withVolumes("p", [claimVolume("rwop")]),
      existing: [withVolumes("holder", [claimVolume("rwop")], "a")],
      want: { a: conflict, b: conflict },
    },
    {
      name: "RWOP claim of the same name in another namespace",
      pod: withVolumes("p", [claimVolume("rwop")]),
      existing: [
        pod("holder", "other")
          .spec({ volumes: [{ name: "v", ...claimVolume("rwop") }] })
          .node("a")
          .build(),
      ],
      want: { a: OK, b: OK },
    },
    {
      name: "RWO claim used by a pod on a",
      pod: withVolumes("p", [claimVolume("rwo")]),
      existing: [withVolumes("holder", [claimVolume("rwo")], "a")],
      want: { a: OK, b: OK },
    },
    {
      name: "a claim that does not exist rejects the pod at PreFilter",
      pod: withVolumes("p", [claimVolume("rwo"), claimVolume("gone")]),
      existing: [],
      want: { "*": unresolvable('persistentvolumeclaim "gone" not found') },
    },
    {
      name: "generic ephemeral volumes are not looked up",
      pod: withVolumes("p", [{ ephemeral: { volumeClaimTemplate: { spec: {} } } }]),
      existing: [],
      want: { a: OK, b: OK },
    },
  ];
  it.each(cases)("$name", (c) => {
    const nodes = [node("a").build(), node("b").build()];
    expect(runFilter(VolumeRestrictions.create, c.pod, nodes, c.existing, [rwop, rwo])).toEqual(c.want);
  });

  it("AddPod/RemovePod: removing the holder (a preemption victim) lifts the conflict, in the clone only", () => {
    const w = world([node("a").build()], [withVolumes("holder", [claimVolume("rwop")], "a")], [rwop]);
    const plugin = VolumeRestrictions.create(undefined, w.handle);
    const state = new CycleState();
    const incoming = w.info(withVolumes("p", [claimVolume("rwop")]));
    expect(plugin.preFilter(state, incoming, w.cache.nodes()).status).toBeNull();
    const n = w.cache.nodes()[0];
    if (!n) throw new Error("no node");
    const holder = n.pods[0];
    if (!holder) throw new Error("no holder");
    const dryRun = state.clone();
    plugin.removePod?.(dryRun, incoming, holder, n);
    expect(plugin.filter(dryRun, incoming, n)).toBeNull();
    expect(plugin.filter(state, incoming, n)?.reasons).toEqual([VolumeRestrictions.ERR_REASON_RWOP_CONFLICT]);
    plugin.addPod?.(dryRun, incoming, holder, n);
    expect(plugin.filter(dryRun, incoming, n)?.reasons).toEqual([VolumeRestrictions.ERR_REASON_RWOP_CONFLICT]);
  });

  it("uses the upstream text", () =>
    expect(VolumeRestrictions.ERR_REASON_RWOP_CONFLICT).toBe(
      "node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode",
    ));
});

describe("VolumeZone", () => {
  const ZONE = "topology.kubernetes.io/zone";
  const REGION = "topology.kubernetes.io/region";
  const BETA_ZONE = "failure-domain.beta.kubernetes.io/zone";
  const nodes = () => [
    node("a", { zone: "zone-a" })
      .labels({ [REGION]: "r1" })
      .build(),
    node("b", { zone: "zone-b" })
      .labels({ [REGION]: "r1" })
      .build(),
    node("c", { zone: "zone-c" })
      .labels({ [REGION]: "r2" })
      .build(),
    node("plain").build(),
  ];
  const bound = (claim: string, volume: string) => pvc(claim, { storageClassName: "", volumeName: volume });
  const no = unresolvable(VolumeZone.ERR_REASON_CONFLICT);
  const objects = [
    pv("pv-a", { [ZONE]: "zone-a" }),
    pv("pv-ab", { [ZONE]: "zone-a__zone-b" }),
    pv("pv-beta-b", { [BETA_ZONE]: "zone-b" }),
    pv("pv-r1", { [REGION]: "r1" }),
    pv("pv-a-r2", { [ZONE]: "zone-a", [REGION]: "r2" }),
    pv("pv-bad", { [ZONE]: "zone-a__" }),
    pv("pv-none", {}),
    bound("claim-a", "pv-a"),
    bound("claim-ab", "pv-ab"),
    bound("claim-beta-b", "pv-beta-b"),
    bound("claim-r1", "pv-r1"),
    bound("claim-a-r2", "pv-a-r2"),
    bound("claim-bad", "pv-bad"),
    bound("claim-none", "pv-none"),
    bound("claim-lost-pv", "pv-gone"),
    storageClass("wffc", "WaitForFirstConsumer"),
    storageClass("immediate", "Immediate"),
    pvc("claim-wffc", { storageClassName: "wffc" }),
    pvc("claim-immediate", { storageClassName: "immediate" }),
    pvc("claim-no-class", { storageClassName: "" }),
    pvc("claim-missing-class", { storageClassName: "nope" }),
  ];
  const cases = [
    { name: "pod without volumes: skipped", claims: [], want: { a: OK, b: OK, c: OK, plain: OK } },
    { name: "PV in zone-a", claims: ["claim-a"], want: { a: OK, b: no, c: no, plain: OK } },
    { name: "PV in zone-a or zone-b (`__`)", claims: ["claim-ab"], want: { a: OK, b: OK, c: no, plain: OK } },
    {
      name: "beta zone label on the PV matches the node's GA label",
      claims: ["claim-beta-b"],
      want: { a: no, b: OK, c: no, plain: OK },
    },
    { name: "region label", claims: ["claim-r1"], want: { a: OK, b: OK, c: no, plain: OK } },
    { name: "zone and region must both match", claims: ["claim-a-r2"], want: { a: no, b: no, c: no, plain: OK } },
    { name: "every claim's PV must match", claims: ["claim-a", "claim-ab"], want: { a: OK, b: no, c: no, plain: OK } },
    { name: "an unparseable label is ignored", claims: ["claim-bad"], want: { a: OK, b: OK, c: OK, plain: OK } },
    { name: "PV without topology labels: skipped", claims: ["claim-none"], want: { a: OK, b: OK, c: OK, plain: OK } },
    {
      name: "unbound WaitForFirstConsumer claim: skipped",
      claims: ["claim-wffc"],
      want: { a: OK, b: OK, c: OK, plain: OK },
    },
    {
      name: "unbound Immediate claim",
      claims: ["claim-immediate"],
      want: { "*": unresolvable("PersistentVolume had no name") },
    },
    {
      name: "unbound claim without a class",
      claims: ["claim-no-class"],
      want: { "*": unresolvable("PersistentVolumeClaim had no pv name and storageClass name") },
    },
    {
      name: "unbound claim of a missing class",
      claims: ["claim-missing-class"],
      want: { "*": unresolvable('storageclass.storage.k8s.io "nope" not found') },
    },
    { name: "missing claim", claims: ["nope"], want: { "*": unresolvable('persistentvolumeclaim "nope" not found') } },
    {
      name: "claim bound to a missing PV",
      claims: ["claim-lost-pv"],
      want: { "*": unresolvable('persistentvolume "pv-gone" not found') },
    },
    { name: "claim without a name", claims: [""], want: { "*": unresolvable("PersistentVolumeClaim had no name") } },
  ];
  it.each(cases)("$name", (c) => {
    const p = withVolumes("p", c.claims.map(claimVolume));
    expect(runFilter(VolumeZone.create, p, nodes(), [], objects)).toEqual(c.want);
  });
  it("uses the upstream text", () =>
    expect(VolumeZone.ERR_REASON_CONFLICT).toBe("node(s) had no available volume zone"));
});
