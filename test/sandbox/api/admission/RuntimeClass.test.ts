import { describe, expect, it } from "vitest";
import { RuntimeClass } from "../../../../src/sandbox/api/admission/RuntimeClass.js";
import type { KubeObject } from "../../../../src/sandbox/model/object.js";
import { attrs, context, pod } from "./fixtures.js";

function runtimeClass(name: string, fields: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: "node.k8s.io/v1", kind: "RuntimeClass", metadata: { name }, handler: name, ...fields };
}

const KATA = runtimeClass("kata", {
  overhead: { podFixed: { cpu: "250m", memory: "160Mi" } },
  scheduling: {
    nodeSelector: { sandbox: "kata" },
    tolerations: [{ key: "sandbox", operator: "Equal", value: "kata", effect: "NoSchedule" }],
  },
});

function withClasses(...classes: KubeObject[]) {
  const ctx = context();
  for (const rc of classes) ctx.store.add(rc);
  return ctx;
}

describe("RuntimeClass admission", () => {
  it("GIVEN a runtimeClassName with no RuntimeClass THEN the pod is forbidden", () => {
    const denial = RuntimeClass.mutate?.(attrs(pod("x", undefined, { runtimeClassName: "gvisor" })), context());
    expect(denial).toEqual({
      reason: "Forbidden",
      message: 'pods "x" is forbidden: pod rejected: RuntimeClass "gvisor" not found',
    });
  });

  it("GIVEN an existing class THEN its overhead, nodeSelector and tolerations are merged into the pod", () => {
    const p = pod("x", undefined, {
      runtimeClassName: "kata",
      nodeSelector: { zone: "a" },
      tolerations: [
        { key: "sandbox", operator: "Exists", effect: "NoSchedule" },
        { key: "gpu", operator: "Exists" },
      ],
    });
    const ctx = withClasses(KATA);
    expect(RuntimeClass.mutate?.(attrs(p), ctx)).toBeUndefined();
    expect(p.spec).toMatchObject({
      overhead: { cpu: "250m", memory: "160Mi" },
      nodeSelector: { zone: "a", sandbox: "kata" },
      tolerations: [
        { key: "sandbox", operator: "Equal", value: "kata", effect: "NoSchedule" },
        { key: "gpu", operator: "Exists" },
      ],
    });
    expect(RuntimeClass.validate?.(attrs(p), ctx)).toBeUndefined();
  });

  it("GIVEN an explicit overhead equal by value THEN it is accepted", () => {
    const p = pod("x", undefined, { runtimeClassName: "kata", overhead: { cpu: "0.25", memory: "160Mi" } });
    expect(RuntimeClass.mutate?.(attrs(p), withClasses(KATA))).toBeUndefined();
  });

  it.each([
    [
      "a conflicting nodeSelector",
      { runtimeClassName: "kata", nodeSelector: { sandbox: "gvisor" } },
      [KATA],
      'pods "x" is forbidden: conflict: runtimeClass.scheduling.nodeSelector[sandbox] = kata; pod.spec.nodeSelector[sandbox] = gvisor',
    ],
    [
      "a different overhead",
      { runtimeClassName: "kata", overhead: { cpu: "100m" } },
      [KATA],
      "pods \"x\" is forbidden: pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead",
    ],
  ])("GIVEN %s THEN mutation refuses the pod", (_name, spec, classes, message) => {
    expect(RuntimeClass.mutate?.(attrs(pod("x", undefined, spec)), withClasses(...classes))).toEqual({
      reason: "Forbidden",
      message,
    });
  });

  it.each([
    [{ overhead: { cpu: "100m" } }, []],
    [{ runtimeClassName: "runc", overhead: { cpu: "100m" } }, [runtimeClass("runc")]],
  ])("GIVEN an overhead %j and no class overhead THEN validation refuses it", (spec, classes) => {
    expect(RuntimeClass.validate?.(attrs(pod("x", undefined, spec)), withClasses(...classes))).toEqual({
      reason: "Forbidden",
      message:
        'pods "x" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead',
    });
  });

  it("GIVEN an update of a pod naming a missing class THEN it is not checked (CREATE only)", () => {
    const p = pod("x", undefined, { runtimeClassName: "gvisor" });
    expect(RuntimeClass.mutate?.(attrs(p, "UPDATE", p), context())).toBeUndefined();
  });
});
