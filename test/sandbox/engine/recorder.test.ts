import { describe, expect, it } from "vitest";
import { EventRecorder } from "../../../src/sandbox/engine/recorder.js";

describe("EventRecorder", () => {
  it("folds identical events into one with a count and keeps first and last time", () => {
    let now = 0;
    const r = new EventRecorder(() => now);
    const pod = { kind: "Pod", metadata: { name: "web", namespace: "default" } };
    r.record(pod, "Warning", "BackOff", "Back-off restarting failed container web", "kubelet");
    now = 30;
    r.record(pod, "Warning", "BackOff", "Back-off restarting failed container web", "kubelet");
    now = 40;
    r.record(pod, "Normal", "Pulled", "other", "kubelet");
    expect(r.list()).toEqual([
      {
        time: 0,
        lastTime: 30,
        type: "Warning",
        reason: "BackOff",
        object: "Pod/web",
        namespace: "default",
        source: "kubelet",
        message: "Back-off restarting failed container web",
        count: 2,
      },
      {
        time: 40,
        lastTime: 40,
        type: "Normal",
        reason: "Pulled",
        object: "Pod/web",
        namespace: "default",
        source: "kubelet",
        message: "other",
        count: 1,
      },
    ]);
    expect(r.about("Pod/web", "default")).toHaveLength(2);
  });

  it("keeps events with different messages apart", () => {
    const r = new EventRecorder(() => 0);
    const pod = { kind: "Pod", metadata: { name: "web", namespace: "default" } };
    r.record(pod, "Warning", "FailedScheduling", "a", "default-scheduler");
    r.record(pod, "Warning", "FailedScheduling", "b", "default-scheduler");
    expect(r.list().map((e) => e.count)).toEqual([1, 1]);
  });
});
