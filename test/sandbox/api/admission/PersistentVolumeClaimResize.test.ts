import { describe, expect, it } from "vitest";
import { PersistentVolumeClaimResize } from "../../../../src/sandbox/api/admission/PersistentVolumeClaimResize.js";
import type { KubeObject } from "../../../../src/sandbox/model/object.js";
import { attrs, context } from "./fixtures.js";

const RESIZE_MSG =
  'persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize';

function claim(storage: string, phase = "Bound", storageClassName = "fixed"): KubeObject {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "data", namespace: "default" },
    spec: { storageClassName, accessModes: ["ReadWriteOnce"], resources: { requests: { storage } } },
    status: { phase },
  };
}

function contextWithClass(allowVolumeExpansion?: boolean) {
  const ctx = context();
  ctx.store.add({
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: "fixed" },
    provisioner: "rancher.io/local-path",
    ...(allowVolumeExpansion === undefined ? {} : { allowVolumeExpansion }),
  });
  return ctx;
}

function resize(ctx: ReturnType<typeof context>, next: KubeObject, old: KubeObject) {
  return PersistentVolumeClaimResize.validate?.(attrs(next, "UPDATE", old), ctx);
}

describe("PersistentVolumeClaimResize admission", () => {
  it.each([
    ["allowVolumeExpansion unset", undefined],
    ["allowVolumeExpansion false", false],
  ])("GIVEN %s WHEN a bound claim grows THEN it is forbidden", (_n, allow) => {
    expect(resize(contextWithClass(allow), claim("5Gi"), claim("1Gi"))).toEqual({
      reason: "Forbidden",
      message: RESIZE_MSG,
    });
  });

  it("GIVEN allowVolumeExpansion true WHEN a bound claim grows THEN it is admitted", () => {
    expect(resize(contextWithClass(true), claim("5Gi"), claim("1Gi"))).toBeUndefined();
  });

  it("GIVEN a claim without a class WHEN it grows THEN it is forbidden", () => {
    expect(resize(contextWithClass(true), claim("5Gi", "Bound", ""), claim("1Gi", "Bound", ""))?.message).toBe(
      RESIZE_MSG,
    );
  });

  it("GIVEN a pending claim WHEN it grows THEN only bound claims can be expanded", () => {
    expect(resize(contextWithClass(true), claim("5Gi", "Pending"), claim("1Gi", "Pending"))?.message).toBe(
      'persistentvolumeclaims "data" is forbidden: Only bound persistent volume claims can be expanded',
    );
  });

  it("GIVEN a class without expansion WHEN the size is unchanged or shrinks THEN the plugin allows it", () => {
    const ctx = contextWithClass();
    expect(resize(ctx, claim("1Gi"), claim("1Gi"))).toBeUndefined();
    expect(resize(ctx, claim("1Gi"), claim("2Gi"))).toBeUndefined();
  });
});
