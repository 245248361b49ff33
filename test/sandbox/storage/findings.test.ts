import { describe, expect, it } from "vitest";
import { persistentVolumeController } from "../../../src/sandbox/controllers/pv-binder.js";
import { storageFindings } from "../../../src/sandbox/storage/findings.js";
import { apply, controllerCluster } from "../controllers/harness.js";

describe("storageFindings", () => {
  it("explains a Pending claim with the PVs that came close, and a Released PV", () => {
    const c = controllerCluster([persistentVolumeController()]);
    apply(c, {
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name: "small" },
      spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], nfs: { server: "s", path: "/" } },
    });
    apply(c, {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "big", namespace: "default" },
      spec: { storageClassName: "", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "5Gi" } } },
    });
    apply(c, {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "agent", namespace: "default" },
      spec: {
        containers: [{ name: "a", image: "busybox" }],
        volumes: [{ name: "logs", hostPath: { path: "/var/log" } }],
      },
    });
    c.clock.runUntil(2);
    const findings = storageFindings(c);
    const claim = findings.find((f) => f.object === "PersistentVolumeClaim/big");
    expect(claim?.severity).toBe("error");
    expect(claim?.message).toContain("no persistent volumes available for this claim and no storage class is set");
    expect(claim?.message).toContain("PersistentVolume small: requested PV is too small");
    expect(findings.find((f) => f.object === "Pod/agent")?.message).toContain("hostPath /var/log");
  });

  it("flags a Retain volume left Released by its deleted claim", () => {
    const c = controllerCluster([persistentVolumeController()]);
    apply(c, {
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name: "vol" },
      spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], nfs: { server: "s", path: "/" } },
    });
    apply(c, {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "data", namespace: "default" },
      spec: { storageClassName: "", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
    });
    c.clock.runUntil(1);
    c.api.delete("PersistentVolumeClaim", "default", "data");
    c.clock.runUntil(2);
    const f = storageFindings(c).find((x) => x.object === "PersistentVolume/vol");
    expect(f).toMatchObject({ severity: "warning", layer: "storage" });
    expect(f?.message).toContain("is Released");
  });
});
