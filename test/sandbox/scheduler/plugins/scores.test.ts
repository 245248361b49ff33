/**
 * Table-driven Score tests (raw and normalised) for TaintToleration, NodeAffinity,
 * NodeResourcesFit (LeastAllocated), NodeResourcesBalancedAllocation and ImageLocality, in the
 * manner of upstream's *_test.go score tables.
 */
import { describe, expect, it } from "vitest";
import * as ImageLocality from "../../../../src/sandbox/scheduler/plugins/ImageLocality.js";
import * as NodeAffinity from "../../../../src/sandbox/scheduler/plugins/NodeAffinity.js";
import * as Balanced from "../../../../src/sandbox/scheduler/plugins/NodeResourcesBalancedAllocation.js";
import * as NodeResourcesFit from "../../../../src/sandbox/scheduler/plugins/NodeResourcesFit.js";
import * as TaintToleration from "../../../../src/sandbox/scheduler/plugins/TaintToleration.js";
import { node, pod } from "../builders.js";
import { runScore } from "../plugin-harness.js";

describe("TaintToleration Score", () => {
  it.each([
    {
      name: "one untolerated PreferNoSchedule taint is penalised, reversed normalisation",
      pod: pod("p"),
      want: { clean: [0, 100], soft: [1, 0] },
    },
    {
      name: "a tolerated PreferNoSchedule taint costs nothing",
      pod: pod("p").tolerations({ key: "spot", operator: "Exists", effect: "PreferNoSchedule" }),
      want: { clean: [0, 100], soft: [0, 100] },
    },
  ])("$name", (c) => {
    const nodes = [node("clean").build(), node("soft").taint("spot", "true", "PreferNoSchedule").build()];
    expect(runScore(TaintToleration.create, c.pod.build(), nodes)).toEqual(c.want);
  });
});

describe("NodeAffinity Score", () => {
  it("sums matching preferred weights, normalised to the best", () => {
    const p = pod("p").affinity({
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 80, preference: { matchExpressions: [{ key: "disk", operator: "In", values: ["ssd"] }] } },
          { weight: 20, preference: { matchExpressions: [{ key: "gpu", operator: "Exists" }] } },
        ],
      },
    });
    const nodes = [
      node("ssd").labels({ disk: "ssd" }).build(),
      node("both").labels({ disk: "ssd", gpu: "1" }).build(),
      node("none").build(),
    ];
    expect(runScore(NodeAffinity.create, p.build(), nodes)).toEqual({ ssd: [80, 80], both: [100, 100], none: [0, 0] });
  });
  it("skips without preferred terms", () =>
    expect(runScore(NodeAffinity.create, pod("p").build(), [node("a").build()])).toBe("skip"));
});

describe("NodeResourcesFit Score (LeastAllocated)", () => {
  it.each([
    { name: "empty node, 1 cpu 2Gi of 4 cpu 8Gi", pod: pod("p").req({ cpu: "1", memory: "2Gi" }), want: 75 },
    {
      name: "no requests count 100m / 200Mi",
      pod: pod("p"),
      want: Math.trunc((97 + Math.trunc(((8192 - 200) * 100) / 8192)) / 2),
    },
  ])("$name", (c) => {
    const got = runScore(NodeResourcesFit.create, c.pod.build(), [node("n").build()]);
    expect(got).toEqual({ n: [c.want, c.want] });
  });
  it("a fuller node scores lower", () => {
    const got = runScore(
      NodeResourcesFit.create,
      pod("p").req({ cpu: "1" }).build(),
      [node("a").build(), node("b").build()],
      [pod("e").node("a").req({ cpu: "2", memory: "4Gi" }).build()],
    );
    if (got === "skip") throw new Error("skipped");
    expect(got.a?.[0]).toBeLessThan(got.b?.[0] ?? 0);
  });
});

describe("NodeResourcesBalancedAllocation Score", () => {
  it.each([
    { name: "equal shares score 100", req: { cpu: "1", memory: "2Gi" }, want: 100 },
    { name: "cpu 50% memory 0%", req: { cpu: "2", memory: "1" }, want: 75 },
  ])("$name", (c) => {
    expect(runScore(Balanced.create, pod("p").req(c.req).build(), [node("n").build()])).toEqual({
      n: [c.want, c.want],
    });
  });
  it("skips pods that request nothing", () =>
    expect(runScore(Balanced.create, pod("p").build(), [node("n").build()])).toBe("skip"));
  it("balancedResourceScore uses the population standard deviation beyond two resources", () => {
    expect(Balanced.balancedResourceScore([1, 2, 3], [4, 4, 4])).toBe(Math.trunc((1 - Math.sqrt(1 / 24)) * 100));
  });
});

describe("ImageLocality Score", () => {
  const mb = 1024 * 1024;
  it("scales image size by spread and clamps to the thresholds", () => {
    const nodes = [
      node("has")
        .images({ names: ["nginx:latest"], sizeBytes: 500 * mb })
        .build(),
      node("small")
        .images({ names: ["nginx:latest"], sizeBytes: 10 * mb })
        .build(),
      node("none").build(),
    ];
    const got = runScore(ImageLocality.create, pod("p").image("nginx").build(), nodes);
    const spread = Math.trunc(500 * mb * (2 / 3));
    expect(got).toEqual({
      has: [ImageLocality.calculatePriority(spread, 1), ImageLocality.calculatePriority(spread, 1)],
      small: [0, 0],
      none: [0, 0],
    });
    expect(ImageLocality.calculatePriority(ImageLocality.MAX_CONTAINER_THRESHOLD * 2, 1)).toBe(100);
  });
});
