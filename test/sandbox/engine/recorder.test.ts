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

describe("EventRecorder aggregation (events_cache.go EventAggregate)", () => {
  const rs = { kind: "ReplicaSet", metadata: { name: "web-1", namespace: "default" } };
  const failed = (i: number) => `Error creating: pods "web-1-${i}" is forbidden: exceeded quota`;

  it("turns the 10th distinct message of a group into one combined event whose count grows", () => {
    let now = 0;
    const r = new EventRecorder(() => now);
    for (let i = 1; i <= 12; i++) {
      now = i;
      r.record(rs, "Warning", "FailedCreate", failed(i), "replicaset-controller");
    }
    const events = r.list();
    expect(events).toHaveLength(10);
    expect(events.slice(0, 9).map((e) => [e.message, e.count])).toEqual(
      Array.from({ length: 9 }, (_, i) => [failed(i + 1), 1]),
    );
    expect(events[9]).toMatchObject({
      time: 10,
      lastTime: 12,
      count: 3,
      message: `(combined from similar events): ${failed(12)}`,
    });
  });

  it("keeps folding a repeat of one of the first nine messages into its own event", () => {
    let now = 0;
    const r = new EventRecorder(() => now);
    for (let i = 1; i <= 10; i++) r.record(rs, "Warning", "FailedCreate", failed(i), "replicaset-controller");
    now = 5;
    r.record(rs, "Warning", "FailedCreate", failed(3), "replicaset-controller");
    expect(r.list()[2]).toMatchObject({ message: failed(3), count: 2, lastTime: 5 });
    expect(r.list()[9]?.count).toBe(1);
  });

  it("starts a group over after 600 s without a similar event", () => {
    let now = 0;
    const r = new EventRecorder(() => now);
    for (let i = 1; i <= 9; i++) r.record(rs, "Warning", "FailedCreate", failed(i), "replicaset-controller");
    now = 601;
    r.record(rs, "Warning", "FailedCreate", failed(10), "replicaset-controller");
    expect(r.list().map((e) => e.message)).not.toContain(`(combined from similar events): ${failed(10)}`);
    expect(r.list()).toHaveLength(10);
  });

  it("groups by reason and type, not across them", () => {
    const r = new EventRecorder(() => 0);
    for (let i = 1; i <= 5; i++) r.record(rs, "Warning", "FailedCreate", failed(i), "replicaset-controller");
    for (let i = 1; i <= 5; i++)
      r.record(rs, "Normal", "SuccessfulCreate", `Created pod: web-1-${i}`, "replicaset-controller");
    expect(r.list().every((e) => !e.message.startsWith("(combined"))).toBe(true);
  });

  it("leaves scheduler events (events.k8s.io/v1) and kubectl lines unaggregated", () => {
    const r = new EventRecorder(() => 0);
    const pod = { kind: "Pod", metadata: { name: "web", namespace: "default" } };
    for (let i = 1; i <= 12; i++) r.record(pod, "Warning", "FailedScheduling", `0/${i} nodes`, "default-scheduler");
    expect(r.list()).toHaveLength(12);
    expect(r.list().every((e) => e.count === 1 && !e.message.startsWith("(combined"))).toBe(true);
  });
});

describe("EventRecorder spam filter (events_cache.go EventSourceObjectSpamFilter)", () => {
  const pod = { kind: "Pod", metadata: { name: "web", namespace: "default" } };

  it("writes 25 events per source and object, then one every 300 s carrying the full count", () => {
    let now = 0;
    const r = new EventRecorder(() => now);
    for (let i = 0; i < 40; i++) {
      now = i;
      r.record(pod, "Warning", "BackOff", "Back-off restarting failed container web", "kubelet", "node-a");
    }
    r.record(pod, "Normal", "Pulled", "dropped: the bucket is empty", "kubelet", "node-a");
    expect(r.list()).toHaveLength(1);
    expect(r.list()[0]).toMatchObject({ count: 25, time: 0, lastTime: 24 });
    now = 300;
    r.record(pod, "Warning", "BackOff", "Back-off restarting failed container web", "kubelet", "node-a");
    expect(r.list()[0]).toMatchObject({ count: 41, time: 0, lastTime: 300 });
  });

  it("creates an event first dropped by the filter later, at its first time, in timeline order", () => {
    let now = 0;
    const r = new EventRecorder(() => now);
    for (let i = 0; i < 25; i++) r.record(pod, "Warning", "Unhealthy", "probe failed", "kubelet", "node-a");
    now = 10;
    r.record(pod, "Normal", "Killing", "will be restarted", "kubelet", "node-a");
    now = 20;
    r.record({ kind: "Pod", metadata: { name: "other", namespace: "default" } }, "Normal", "Started", "x", "kubelet");
    now = 400;
    r.record(pod, "Normal", "Killing", "will be restarted", "kubelet", "node-a");
    expect(r.list().map((e) => [e.reason, e.time, e.lastTime, e.count])).toEqual([
      ["Unhealthy", 0, 0, 25],
      ["Killing", 10, 400, 2],
      ["Started", 20, 20, 1],
    ]);
  });

  it("does not filter scheduler events or kubectl lines", () => {
    const r = new EventRecorder(() => 0);
    const node = { kind: "Node", metadata: { name: "node-b" } };
    for (let i = 0; i < 30; i++) r.record(node, "Warning", "Kubectl", `retry ${i}`, "kubectl");
    expect(r.list()).toHaveLength(30);
  });
});
