import { describe, expect, it } from "vitest";
import { ObjectStore } from "../../../src/sandbox/api/store.js";
import type { KubeObject } from "../../../src/sandbox/model/object.js";
import {
  claimClass,
  defaultStorageClass,
  getDefaultClass,
  isDelayBinding,
} from "../../../src/sandbox/storage/storage-class.js";

function sc(name: string, created: string, isDefault = true): KubeObject {
  return {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: {
      name,
      creationTimestamp: created,
      annotations: { "storageclass.kubernetes.io/is-default-class": isDefault ? "true" : "false" },
    },
    provisioner: "x",
  };
}

describe("storage classes", () => {
  it("the simulated default class is marked default, delays binding and deletes", () => {
    const s = defaultStorageClass();
    expect(s.metadata.annotations?.["storageclass.kubernetes.io/is-default-class"]).toBe("true");
    expect([s.volumeBindingMode, s.reclaimPolicy, s.provisioner]).toEqual([
      "WaitForFirstConsumer",
      "Delete",
      "simulated.podsensei.dev/hostpath",
    ]);
  });

  it("of several defaults the newest wins; in the same second the later write", () => {
    const s = new ObjectStore();
    s.add(sc("old", "2026-01-01T00:00:00Z"));
    s.add(sc("new", "2026-01-01T00:01:00Z"));
    s.add(sc("not-default", "2026-01-01T00:02:00Z", false));
    expect(getDefaultClass(s)?.metadata.name).toBe("new");
    s.add(sc("same-second", "2026-01-01T00:01:00Z"));
    expect(getDefaultClass(s)?.metadata.name).toBe("same-second");
  });

  it("the beta annotation names a claim's class; a missing class binds immediately", () => {
    const claim = {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "c", annotations: { "volume.beta.kubernetes.io/storage-class": "old" } },
      spec: { storageClassName: "new" },
    } as KubeObject;
    expect(claimClass(claim)).toBe("old");
    expect(isDelayBinding(claim, new ObjectStore())).toBe(false);
  });
});
