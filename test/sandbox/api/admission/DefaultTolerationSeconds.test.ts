import { describe, expect, it } from "vitest";
import { DefaultTolerationSeconds } from "../../../../src/sandbox/api/admission/DefaultTolerationSeconds.js";
import { attrs, context, pod } from "./fixtures.js";

const notReady = {
  key: "node.kubernetes.io/not-ready",
  operator: "Exists",
  effect: "NoExecute",
  tolerationSeconds: 300,
};
const unreachable = {
  key: "node.kubernetes.io/unreachable",
  operator: "Exists",
  effect: "NoExecute",
  tolerationSeconds: 300,
};

describe("DefaultTolerationSeconds", () => {
  it.each([
    ["no tolerations", [], [notReady, unreachable]],
    [
      "a not-ready toleration of its own",
      [{ key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 10 }],
      [
        { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 10 },
        unreachable,
      ],
    ],
    ["a wildcard toleration", [{ operator: "Exists" }], [{ operator: "Exists" }]],
    [
      "an unrelated NoSchedule toleration",
      [{ key: "gpu", operator: "Exists", effect: "NoSchedule" }],
      [{ key: "gpu", operator: "Exists", effect: "NoSchedule" }, notReady, unreachable],
    ],
    [
      "a key-only unreachable toleration (any effect)",
      [{ key: "node.kubernetes.io/unreachable", operator: "Exists" }],
      [{ key: "node.kubernetes.io/unreachable", operator: "Exists" }, notReady],
    ],
  ])("GIVEN %s THEN tolerations become the expected list", (_name, given, want) => {
    const p = pod("web", undefined, { tolerations: given });
    expect(DefaultTolerationSeconds.mutate?.(attrs(p), context())).toBeUndefined();
    expect(p.spec.tolerations).toEqual(want);
  });

  it("GIVEN a Deployment THEN its template is not touched", () => {
    const d = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" }, spec: { template: { spec: {} } } };
    DefaultTolerationSeconds.mutate?.(attrs(d), context());
    expect(d.spec.template.spec).toEqual({});
  });
});
