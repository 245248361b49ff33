import { describe, expect, it } from "vitest";
import { DefaultStorageClass } from "../../../../src/sandbox/api/admission/DefaultStorageClass.js";
import type { KubeObject } from "../../../../src/sandbox/model/object.js";
import { defaultStorageClass } from "../../../../src/sandbox/storage/storage-class.js";
import { attrs, context } from "./fixtures.js";

function claim(spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "data", namespace: "default" },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, ...spec },
  };
}

describe("DefaultStorageClass admission", () => {
  it.each([
    ["no class → the default", {}, "standard"],
    ["an explicit class stays", { storageClassName: "fast" }, "fast"],
    ['an explicit "" opts out', { storageClassName: "" }, ""],
  ])("%s", (_n, spec, want) => {
    const ctx = context();
    ctx.store.add(defaultStorageClass());
    const c = claim(spec);
    expect(DefaultStorageClass.mutate?.(attrs(c), ctx)).toBeUndefined();
    expect(c.spec.storageClassName).toBe(want);
  });

  it("without a default class the claim keeps no class", () => {
    const c = claim({});
    DefaultStorageClass.mutate?.(attrs(c), context());
    expect(c.spec.storageClassName).toBeUndefined();
  });

  it("only new claims are defaulted", () => {
    const ctx = context();
    ctx.store.add(defaultStorageClass());
    const c = claim({});
    DefaultStorageClass.mutate?.(attrs(c, "UPDATE", claim({})), ctx);
    expect(c.spec.storageClassName).toBeUndefined();
  });
});
