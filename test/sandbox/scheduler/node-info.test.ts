import { describe, expect, it } from "vitest";
import {
  HOT_ALLOC_CPU,
  HOT_ALLOC_MEM,
  HOT_ALLOWED_PODS,
  HOT_NONZERO_CPU,
  HOT_NONZERO_MEM,
  HOT_PODS,
  HOT_REQ_CPU,
  HOT_REQ_MEM,
  NodeInfo,
} from "../../../src/sandbox/scheduler/node-info.js";
import { newPodInfo } from "../../../src/sandbox/scheduler/pod-info.js";
import { node, pod } from "./builders.js";

function mirrors(n: NodeInfo) {
  return {
    allocCPU: [n.hot[HOT_ALLOC_CPU], n.allocatable.milliCPU],
    allocMem: [n.hot[HOT_ALLOC_MEM], n.allocatable.memory],
    reqCPU: [n.hot[HOT_REQ_CPU], n.requested.milliCPU],
    reqMem: [n.hot[HOT_REQ_MEM], n.requested.memory],
    pods: [n.hot[HOT_PODS], n.pods.length],
    allowed: [n.hot[HOT_ALLOWED_PODS], n.allowedPodNumber],
  };
}

const same = (m: Record<string, (number | undefined)[]>) => Object.values(m).every(([a, b]) => a === b);

describe("NodeInfo running totals", () => {
  const a = newPodInfo(
    { ...pod("a").req({ cpu: "250m", memory: "1Gi" }).build(), metadata: { name: "a", uid: "a" } },
    0,
    0,
  );
  const b = newPodInfo({ ...pod("b").build(), metadata: { name: "b", uid: "b" } }, 0, 0);

  it("keeps the hot mirrors equal to the resources through adds, removes and node updates", () => {
    const n = new NodeInfo(node("n", { cpu: "4", memory: "8Gi", pods: "3" }).build(), 0);
    expect(same(mirrors(n))).toBe(true);
    n.addPod(a);
    n.addPod(b);
    expect(mirrors(n).reqCPU).toEqual([250, 250]);
    expect(n.nonZeroCPU).toBe(350); // b counts 100m for scoring
    expect(n.nonZeroMemory).toBe(2 ** 30 + 200 * 2 ** 20);
    expect(n.hot[HOT_NONZERO_CPU]).toBe(350);
    expect(same(mirrors(n))).toBe(true);
    n.removePod(a);
    expect(mirrors(n).pods).toEqual([1, 1]);
    expect(n.hot[HOT_NONZERO_MEM]).toBe(200 * 2 ** 20);
    n.setNode(node("n", { cpu: "8", memory: "16Gi", pods: "10" }).build());
    expect(mirrors(n).allocCPU).toEqual([8000, 8000]);
    expect(same(mirrors(n))).toBe(true);
  });

  it("a snapshot has its own totals", () => {
    const n = new NodeInfo(node("n").build(), 0);
    const s = n.snapshot();
    s.addPod(a);
    expect(s.hot[HOT_REQ_CPU]).toBe(250);
    expect(n.hot[HOT_REQ_CPU]).toBe(0);
    expect(n.pods).toHaveLength(0);
  });

  it.each([
    { name: "no taints", taints: [] as [string, string][], want: false },
    { name: "PreferNoSchedule only", taints: [["soft", "PreferNoSchedule"]] as [string, string][], want: false },
    { name: "NoSchedule", taints: [["hard", "NoSchedule"]] as [string, string][], want: true },
    {
      name: "NoExecute after a soft one",
      taints: [
        ["s", "PreferNoSchedule"],
        ["x", "NoExecute"],
      ] as [string, string][],
      want: true,
    },
  ])("hasHardTaint: $name", ({ taints, want }) => {
    const w = node("n");
    for (const [k, e] of taints) w.taint(k, undefined, e);
    expect(new NodeInfo(w.build(), 0).hasHardTaint).toBe(want);
  });
});
