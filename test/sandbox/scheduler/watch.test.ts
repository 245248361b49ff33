/**
 * The scheduler's watch handling: updates that change nothing a PodInfo is built from (status
 * writes) keep the cached PodInfo and only point it at the new object; others rebuild it.
 */
import { describe, expect, it } from "vitest";
import type { SchedulerCache } from "../../../src/sandbox/scheduler/cache.js";
import type { PodInfo } from "../../../src/sandbox/scheduler/pod-info.js";
import { apply, node, nodeOf, pod, schedulerCluster } from "./builders.js";

/** The scheduler's cache (a private field: read here to observe what the watch handler kept). */
function cacheOf(c: ReturnType<typeof schedulerCluster>): SchedulerCache {
  return (c.scheduler as unknown as { cache: SchedulerCache }).cache;
}

describe("updates of a bound pod", () => {
  it("a status write keeps the PodInfo, with the new object and start time; a label change rebuilds it", () => {
    const c = schedulerCluster([node("n1", { zone: "z1" }).build()]);
    apply(c, pod("web").labels({ app: "web" }).req({ cpu: "100m" }).build());
    c.clock.runUntil(1);
    expect(nodeOf(c, "web")).toBe("n1");
    const bound = c.store.get("Pod", "default", "web");
    const uid = bound?.metadata.uid as string;
    const before = cacheOf(c).assignedPod(uid) as PodInfo;
    expect(before.pod).toBe(bound);

    const running = c.store.replaceStatus("Pod", "default", "web", {
      ...bound?.status,
      phase: "Running",
      startTime: "2026-01-01T00:00:05Z",
    });
    const kept = cacheOf(c).assignedPod(uid) as PodInfo;
    expect(kept).toBe(before);
    expect(kept.pod).toBe(running);
    expect(kept.startTime).toBe(5);

    c.store.patch("Pod", "default", "web", (o) => {
      o.metadata.labels = { app: "api" };
    });
    const rebuilt = cacheOf(c).assignedPod(uid) as PodInfo;
    expect(rebuilt).not.toBe(before);
    expect(rebuilt.labels).toEqual({ app: "api" });
    expect(
      cacheOf(c)
        .nodeInfo("n1")
        ?.pods.map((p) => p.labels.app),
    ).toEqual(["api"]);
  });
});

describe("updates of a pending pod", () => {
  it("the scheduler's own condition write keeps its queued PodInfo's parsed parts", () => {
    const c = schedulerCluster([node("n1", { cpu: "1" }).build()]);
    const queued = () =>
      (c.scheduler as unknown as { queue: { get(k: string): { info: PodInfo } | undefined } }).queue.get("default/big")
        ?.info;
    apply(c, pod("big").req({ cpu: "2" }).build());
    const parsed = queued()?.requests;
    expect(parsed?.milliCPU).toBe(2000);
    c.clock.runUntil(1);
    const p = c.store.get("Pod", "default", "big");
    expect(p?.status.conditions.find((x: { type: string }) => x.type === "PodScheduled")?.reason).toBe("Unschedulable");
    // The condition was written as a status update (spec and labels shared with the version
    // before), so the queued PodInfo points at the new object without re-parsing the spec.
    expect(queued()?.pod).toBe(p);
    expect(queued()?.requests).toBe(parsed);
  });
});
