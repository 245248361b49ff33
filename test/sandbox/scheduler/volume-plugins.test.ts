/**
 * VolumeRestrictions and VolumeZone in the whole scheduler: the FailedScheduling texts with their
 * preemption suffix, preemption of the pod holding a ReadWriteOncePod claim (PreFilter
 * extensions), the queue moving a waiting pod when the holder goes, and zone-pinned placement.
 */
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/sandbox/model/object.js";
import { apply, eventMessages, node, nodeOf, pod, priorityClass, schedulerCluster } from "./builders.js";

const RWOP_REASON = "node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode";

function volume(name: string, labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name, labels },
    spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOncePod"], hostPath: { path: `/d/${name}` } },
  };
}

/** A claim already bound to `volumeName` (only the scheduler runs in these clusters). */
function boundClaim(name: string, volumeName: string, accessModes = ["ReadWriteOncePod"]): KubeObject {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name, namespace: "default" },
    spec: { storageClassName: "", volumeName, accessModes, resources: { requests: { storage: "1Gi" } } },
    status: { phase: "Bound" },
  };
}

const using = (name: string, claim: string) =>
  pod(name).spec({ volumes: [{ name: "data", persistentVolumeClaim: { claimName: claim } }] });

describe("VolumeRestrictions: ReadWriteOncePod", () => {
  it("a second pod of the claim is rejected on every node; it is scheduled once the holder is deleted", () => {
    const c = schedulerCluster();
    apply(c, volume("pv1"), boundClaim("data", "pv1"), using("first", "data").build());
    c.clock.runUntil(1);
    apply(c, using("second", "data").build());
    c.clock.runUntil(2);
    expect(nodeOf(c, "second")).toBeNull();
    expect(eventMessages(c, "second", "FailedScheduling")).toEqual([
      `0/3 nodes are available: 3 ${RWOP_REASON}. no new claims to deallocate, preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.`,
    ]);
    c.store.remove("Pod", "default", "first");
    c.clock.runUntil(30);
    expect(nodeOf(c, "second")).toMatch(/^node-[abc]$/);
  });

  it("a higher-priority pod preempts the holder on the holder's node only", () => {
    const c = schedulerCluster();
    apply(c, priorityClass(10), priorityClass(1000), volume("pv1"), boundClaim("data", "pv1"));
    apply(c, using("holder", "data").priority(10).build(), pod("bystander").priority(10).build());
    c.clock.runUntil(1);
    const holderNode = nodeOf(c, "holder");
    apply(c, using("urgent", "data").priority(1000).build());
    c.clock.runUntil(2);
    const urgent = c.store.get("Pod", "default", "urgent");
    expect(urgent?.status.nominatedNodeName).toBe(holderNode);
    expect(c.store.get("Pod", "default", "holder")?.metadata.deletionTimestamp).toBeDefined();
    expect(c.store.get("Pod", "default", "bystander")?.metadata.deletionTimestamp).toBeUndefined();
    expect(eventMessages(c, "urgent", "FailedScheduling")).toEqual([`0/3 nodes are available: 3 ${RWOP_REASON}.`]);
    c.store.remove("Pod", "default", "holder");
    c.clock.runUntil(5);
    expect(nodeOf(c, "urgent")).toBe(holderNode);
  });

  it("a ReadWriteOnce claim may be shared", () => {
    const c = schedulerCluster();
    apply(c, volume("pv1"), boundClaim("data", "pv1", ["ReadWriteOnce"]));
    apply(c, using("first", "data").build(), using("second", "data").build());
    c.clock.runUntil(1);
    expect(nodeOf(c, "first")).not.toBeNull();
    expect(nodeOf(c, "second")).not.toBeNull();
  });
});

describe("VolumeZone", () => {
  it("places the pod in its volume's zone", () => {
    const c = schedulerCluster();
    apply(c, volume("pv-c", { "topology.kubernetes.io/zone": "zone-c" }), boundClaim("data", "pv-c"));
    apply(c, using("db", "data").build());
    c.clock.runUntil(1);
    expect(nodeOf(c, "db")).toBe("node-c");
  });

  it("nodes without zone labels pass; zoned nodes elsewhere do not", () => {
    const c = schedulerCluster([node("zoned", { zone: "zone-a" }).build(), node("plain").build()]);
    apply(c, volume("pv-x", { "topology.kubernetes.io/zone": "zone-x" }), boundClaim("data", "pv-x"));
    apply(c, using("db", "data").build());
    c.clock.runUntil(1);
    expect(nodeOf(c, "db")).toBe("plain");
  });

  it("a volume in no node's zone: unresolvable on every node", () => {
    const c = schedulerCluster();
    apply(c, volume("pv-x", { "topology.kubernetes.io/zone": "zone-x" }), boundClaim("data", "pv-x"));
    apply(c, using("db", "data").build());
    c.clock.runUntil(1);
    expect(eventMessages(c, "db", "FailedScheduling")).toEqual([
      "0/3 nodes are available: 3 node(s) had no available volume zone. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    ]);
  });
});
