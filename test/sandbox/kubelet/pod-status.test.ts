import { describe, expect, it } from "vitest";
import { timestampAt } from "../../../src/sandbox/api/server.js";
import { mergeConditions } from "../../../src/sandbox/kubelet/pod-status.js";

const scheduled = { type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: timestampAt(0) };

describe("mergeConditions", () => {
  it("orders kubelet conditions first, keeps key order, and stamps new transitions now", () => {
    const out = mergeConditions(
      [scheduled],
      [
        {
          type: "Ready",
          status: "False",
          reason: "ContainersNotReady",
          message: "containers with unready status: [web]",
        },
        { type: "Initialized", status: "True" },
      ],
      7,
    );
    expect(out.map((c) => c.type)).toEqual(["Initialized", "Ready", "PodScheduled"]);
    expect(Object.keys(out[1])).toEqual(["type", "status", "reason", "message", "lastProbeTime", "lastTransitionTime"]);
    expect(out[1].lastTransitionTime).toBe(timestampAt(7));
    expect(out[2]).toBe(scheduled);
  });

  it("keeps the transition time of a condition whose status did not change", () => {
    const first = mergeConditions([scheduled], [{ type: "Ready", status: "True" }], 3);
    const second = mergeConditions(first, [{ type: "Ready", status: "True" }], 50);
    const third = mergeConditions(second, [{ type: "Ready", status: "False", reason: "PodCompleted" }], 90);
    expect(second.find((c) => c.type === "Ready").lastTransitionTime).toBe(timestampAt(3));
    expect(third.find((c) => c.type === "Ready").lastTransitionTime).toBe(timestampAt(90));
  });

  it("puts conditions it does not know last", () => {
    const out = mergeConditions(
      [{ type: "Custom", status: "True" }, scheduled],
      [{ type: "Ready", status: "True" }],
      1,
    );
    expect(out.map((c) => c.type)).toEqual(["Ready", "PodScheduled", "Custom"]);
  });

  it("adds PodScheduled when missing and keeps others' conditions of equal rank in their order", () => {
    const target = { type: "DisruptionTarget", status: "True" };
    const out = mergeConditions(
      [{ type: "B", status: "True" }, target, { type: "A", status: "False" }],
      [
        { type: "PodReadyToStartContainers", status: "True" },
        { type: "Initialized", status: "True" },
      ],
      4,
    );
    expect(out.map((c) => c.type)).toEqual([
      "PodReadyToStartContainers",
      "Initialized",
      "PodScheduled",
      "DisruptionTarget",
      "B",
      "A",
    ]);
    expect(out[2].lastTransitionTime).toBe(timestampAt(4));
    expect(out[3]).toBe(target);
  });
});
