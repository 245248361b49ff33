/**
 * The scheduler end to end on a simulated cluster: binding and events, FailedScheduling with the
 * preemption suffix, PreFilter rejections, scheduling gates, other schedulers, preemption victims
 * and nomination, queue back-off and move-on-event, explain records, determinism.
 */
import { describe, expect, it } from "vitest";
import { createCluster } from "../../../src/sandbox/cluster/cluster.js";
import { makeNode } from "../../../src/sandbox/cluster/default-cluster.js";
import { createScheduler } from "../../../src/sandbox/scheduler/index.js";
import { apply, eventMessages, node, nodeOf, pod, priorityClass, schedulerCluster } from "./builders.js";

const POSTFILTER = "no new claims to deallocate, preemption:";

describe("binding", () => {
  it("binds with spec.nodeName, PodScheduled=True and the Scheduled event", () => {
    const c = schedulerCluster();
    apply(c, pod("web").req({ cpu: "1" }).build());
    c.clock.runUntil(1);
    const n = nodeOf(c, "web");
    expect(n).toMatch(/^node-[abc]$/);
    const p = c.store.get("Pod", "default", "web");
    expect(p?.status.conditions.find((x: { type: string }) => x.type === "PodScheduled")?.status).toBe("True");
    expect(eventMessages(c, "web", "Scheduled")).toEqual([`Successfully assigned default/web to ${n}`]);
  });

  it("spreads identical replicas over identical nodes (LeastAllocated + BalancedAllocation)", () => {
    const c = schedulerCluster();
    apply(c, ...[1, 2, 3].map((i) => pod(`r${i}`).req({ cpu: "1", memory: "1Gi" }).build()));
    c.clock.runUntil(1);
    expect(new Set([1, 2, 3].map((i) => nodeOf(c, `r${i}`))).size).toBe(3);
  });

  it("leaves pods of another scheduler alone, without events", () => {
    const c = schedulerCluster();
    apply(c, pod("x").spec({ schedulerName: "my-scheduler" }).build());
    c.clock.runUntil(60);
    expect(nodeOf(c, "x")).toBeNull();
    expect(c.recorder.list().filter((e) => e.object === "Pod/x")).toEqual([]);
  });

  it("pods with spec.nodeName bypass the scheduler but count on their node", () => {
    const c = schedulerCluster([makeNode("only", { cpu: "2" })]);
    apply(c, pod("fixed").node("only").req({ cpu: "1500m" }).build(), pod("late").req({ cpu: "1" }).build());
    c.clock.runUntil(1);
    expect(eventMessages(c, "fixed", "Scheduled")).toEqual([]);
    expect(eventMessages(c, "late", "FailedScheduling")[0]).toBe(
      `0/1 nodes are available: 1 Insufficient cpu. ${POSTFILTER} 0/1 nodes are available: 1 No preemption victims found for incoming pod.`,
    );
  });
});

describe("FailedScheduling", () => {
  it("mixes reasons and prints the preemption suffix, also as the PodScheduled condition", () => {
    const nodes = [
      node("a", { zone: "z" }).taint("dedicated", "gpu", "NoSchedule").build(),
      node("b", { zone: "z", cpu: "1" }).build(),
      node("c", { zone: "z" }).unschedulable().build(),
    ];
    const c = schedulerCluster(nodes);
    apply(c, pod("p").req({ cpu: "2" }).build());
    c.clock.runUntil(1);
    const want =
      `0/3 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable. ` +
      `${POSTFILTER} 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`;
    expect(eventMessages(c, "p", "FailedScheduling")).toEqual([want]);
    const cond = c.store
      .get("Pod", "default", "p")
      ?.status.conditions.find((x: { type: string }) => x.type === "PodScheduled");
    expect(cond).toMatchObject({ status: "False", reason: "Unschedulable", message: want });
  });

  it("preemptionPolicy Never", () => {
    const c = schedulerCluster([makeNode("n", { cpu: "1" })]);
    apply(c, priorityClass(5, "Never"), pod("p").req({ cpu: "2" }).priority(5).build());
    c.clock.runUntil(1);
    expect(eventMessages(c, "p", "FailedScheduling")[0]).toBe(
      "0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: not eligible due to preemptionPolicy=Never.",
    );
  });

  it("PreFilter rejections: missing claim and unbound immediate claim", () => {
    const c = schedulerCluster();
    const withClaim = (name: string, claim: string) =>
      pod(name)
        .spec({ volumes: [{ name: "data", persistentVolumeClaim: { claimName: claim } }] })
        .build();
    apply(c, {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "pending", namespace: "default" },
      spec: { storageClassName: "", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
      status: { phase: "Pending" },
    });
    apply(c, withClaim("missing", "data"), withClaim("unbound", "pending"));
    c.clock.runUntil(1);
    expect(eventMessages(c, "missing", "FailedScheduling")).toEqual([
      '0/3 nodes are available: persistentvolumeclaim "data" not found. not found',
    ]);
    expect(eventMessages(c, "unbound", "FailedScheduling")).toEqual([
      "0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. not found",
    ]);
  });

  it("DaemonSet-style matchFields pods count the other nodes as not satisfying NodeAffinity", () => {
    const c = schedulerCluster();
    apply(
      c,
      pod("ds")
        .req({ cpu: "5" })
        .affinity({
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: ["node-a"] }] }],
            },
          },
        })
        .build(),
    );
    c.clock.runUntil(1);
    expect(eventMessages(c, "ds", "FailedScheduling")[0]).toMatch(
      /^0\/3 nodes are available: 1 Insufficient cpu, 2 node\(s\) didn't satisfy plugin\(s\) \[NodeAffinity\]\. /,
    );
  });

  it("no nodes at all", () => {
    const c = schedulerCluster([]);
    apply(c, pod("p").build());
    c.clock.runUntil(1);
    expect(eventMessages(c, "p", "FailedScheduling")).toEqual(["no nodes available to schedule pods"]);
  });
});

describe("scheduling gates", () => {
  it("a gated pod stays Pending with SchedulingGated, and is scheduled once the gate is removed", () => {
    const c = schedulerCluster();
    apply(
      c,
      pod("g")
        .spec({ schedulingGates: [{ name: "example.com/wait" }] })
        .build(),
    );
    c.clock.runUntil(30);
    const p = c.store.get("Pod", "default", "g");
    expect(p?.spec.nodeName).toBeUndefined();
    expect(p?.status.conditions.find((x: { type: string }) => x.type === "PodScheduled")).toMatchObject({
      status: "False",
      reason: "SchedulingGated",
      message: "Scheduling is blocked due to non-empty scheduling gates",
    });
    expect(eventMessages(c, "g", "FailedScheduling")).toEqual([]);
    c.store.patch("Pod", "default", "g", (o) => {
      delete o.spec.schedulingGates;
    });
    c.clock.runUntil(31);
    expect(nodeOf(c, "g")).not.toBeNull();
  });
});

describe("preemption", () => {
  it("evicts the lowest-priority pods, records Preempted, nominates, then binds when they are gone", () => {
    const c = schedulerCluster([makeNode("n", { cpu: "2" })]);
    apply(c, priorityClass(10), priorityClass(1000));
    apply(c, pod("low").req({ cpu: "1500m" }).priority(10).build());
    c.clock.runUntil(1);
    apply(c, pod("high").req({ cpu: "1" }).priority(1000).build());
    c.clock.runUntil(2);
    const high = c.store.get("Pod", "default", "high");
    expect(high?.status.nominatedNodeName).toBe("n");
    const low = c.store.get("Pod", "default", "low");
    expect(low?.metadata.deletionTimestamp).toBeDefined();
    expect(low?.status.conditions.find((x: { type: string }) => x.type === "DisruptionTarget")).toMatchObject({
      reason: "PreemptionByScheduler",
      message: "default-scheduler: preempting to accommodate a higher priority pod",
    });
    expect(eventMessages(c, "low", "Preempted")).toEqual([`Preempted by pod ${high?.metadata.uid} on node n`]);
    // The preemptor's own cycle failed without a preemption suffix.
    expect(eventMessages(c, "high", "FailedScheduling")).toEqual(["0/1 nodes are available: 1 Insufficient cpu."]);
    // The kubelet would remove the victim after its grace period; do it here.
    c.store.remove("Pod", "default", "low");
    c.clock.runUntil(5);
    expect(nodeOf(c, "high")).toBe("n");
  });

  it("chooses the node whose victims have the lowest priority, and only as many as needed", () => {
    const c = schedulerCluster([makeNode("a", { cpu: "2" }), makeNode("b", { cpu: "2" })]);
    apply(c, priorityClass(5), priorityClass(50), priorityClass(100), priorityClass(1000));
    apply(
      c,
      pod("a1").node("a").req({ cpu: "1" }).priority(100).build(),
      pod("a2").node("a").req({ cpu: "1" }).priority(100).build(),
      pod("b1").node("b").req({ cpu: "1" }).priority(5).build(),
      pod("b2").node("b").req({ cpu: "1" }).priority(50).build(),
    );
    apply(c, pod("p").req({ cpu: "1" }).priority(1000).build());
    c.clock.runUntil(1);
    expect(c.store.get("Pod", "default", "p")?.status.nominatedNodeName).toBe("b");
    expect(c.store.get("Pod", "default", "b1")?.metadata.deletionTimestamp).toBeDefined();
    expect(c.store.get("Pod", "default", "b2")?.metadata.deletionTimestamp).toBeUndefined();
    expect(c.store.get("Pod", "default", "a1")?.metadata.deletionTimestamp).toBeUndefined();
  });

  it("prefers victims that violate no PodDisruptionBudget", () => {
    const c = schedulerCluster([makeNode("a", { cpu: "1" }), makeNode("b", { cpu: "1" })]);
    apply(c, priorityClass(1), priorityClass(100));
    apply(c, {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: "guard", namespace: "default" },
      spec: { maxUnavailable: 0, selector: { matchLabels: { app: "guarded" } } },
    });
    apply(
      c,
      pod("ga").node("a").labels({ app: "guarded" }).req({ cpu: "1" }).priority(1).build(),
      pod("fb").node("b").labels({ app: "free" }).req({ cpu: "1" }).priority(1).build(),
    );
    apply(c, pod("p").req({ cpu: "1" }).priority(100).build());
    c.clock.runUntil(1);
    expect(c.store.get("Pod", "default", "p")?.status.nominatedNodeName).toBe("b");
    expect(c.store.get("Pod", "default", "ga")?.metadata.deletionTimestamp).toBeUndefined();
  });

  it("lower priority pods find no victims", () => {
    const c = schedulerCluster([makeNode("n", { cpu: "1" })]);
    apply(c, priorityClass(100));
    apply(c, pod("big").node("n").req({ cpu: "1" }).priority(100).build(), pod("small").req({ cpu: "1" }).build());
    c.clock.runUntil(1);
    expect(eventMessages(c, "small", "FailedScheduling")[0]).toBe(
      `0/1 nodes are available: 1 Insufficient cpu. ${POSTFILTER} 0/1 nodes are available: 1 No preemption victims found for incoming pod.`,
    );
  });
});

describe("queue", () => {
  it("an unschedulable pod is retried when a node is added", () => {
    const c = schedulerCluster([makeNode("small", { cpu: "1" })]);
    apply(c, pod("p").req({ cpu: "2" }).build());
    c.clock.runUntil(5);
    expect(nodeOf(c, "p")).toBeNull();
    c.clock.at(20, "add node", () => c.store.add(makeNode("big", { cpu: "4" })));
    c.clock.runUntil(25);
    expect(nodeOf(c, "p")).toBe("big");
  });

  it("an unschedulable pod is retried when an assigned pod is deleted (after its back-off)", () => {
    const c = schedulerCluster([makeNode("n", { cpu: "2" })]);
    apply(c, pod("hog").node("n").req({ cpu: "2" }).build(), pod("p").req({ cpu: "1" }).build());
    c.clock.runUntil(0.5);
    c.store.remove("Pod", "default", "hog");
    c.clock.runUntil(0.9);
    expect(nodeOf(c, "p")).toBeNull();
    c.clock.runUntil(1);
    expect(nodeOf(c, "p")).toBe("n");
  });

  it("without events, unschedulable pods are flushed after 5 minutes and the event count grows", () => {
    const c = schedulerCluster([makeNode("n", { cpu: "1" })]);
    apply(c, pod("p").req({ cpu: "2" }).build());
    c.clock.runUntil(329);
    expect(c.recorder.list().find((e) => e.reason === "FailedScheduling")?.count).toBe(1);
    c.clock.runUntil(331);
    expect(c.recorder.list().find((e) => e.reason === "FailedScheduling")?.count).toBe(2);
  });

  it("pops higher priority first", () => {
    const c = schedulerCluster([makeNode("n", { cpu: "1" })]);
    const scheduler = createScheduler();
    const c2 = createCluster({ nodes: [makeNode("n", { cpu: "1" })], controllers: [scheduler] });
    for (const cl of [c, c2]) {
      cl.store.add({
        ...pod("low").req({ cpu: "1" }).spec({ priority: 1 }).build(),
        metadata: { name: "low", namespace: "default", uid: "l" },
      });
      cl.store.add({
        ...pod("high").req({ cpu: "1" }).spec({ priority: 9 }).build(),
        metadata: { name: "high", namespace: "default", uid: "h" },
      });
      cl.clock.runUntil(0);
      expect(nodeOf(cl, "high")).toBe("n");
      expect(nodeOf(cl, "low")).toBeNull();
    }
  });
});

describe("explain", () => {
  it("keeps per-node verdicts and every plugin's raw, normalised and weighted scores", () => {
    const nodes = [
      makeNode("a", { zone: "z" }),
      makeNode("b", { zone: "z" }),
      node("t", { zone: "z" }).taint("k", "v", "NoSchedule").build(),
    ];
    const c = schedulerCluster(nodes);
    apply(c, pod("p").req({ cpu: "1" }).build());
    c.clock.runUntil(1);
    const r = c.scheduler.explain("default/p");
    expect(r?.attempts).toBe(1);
    expect(r?.scheduledNode).toBe(nodeOf(c, "p"));
    expect(r?.last.rejected).toEqual([
      {
        node: "t",
        plugin: "TaintToleration",
        code: "UnschedulableAndUnresolvable",
        reasons: ["node(s) had untolerated taint(s)"],
      },
    ]);
    expect([...(r?.last.feasible ?? [])].sort()).toEqual(["a", "b"]);
    const fit = r?.last.scores?.plugins.find((p) => p.plugin === "NodeResourcesFit");
    expect(fit?.weight).toBe(1);
    expect(fit?.normalized).toEqual([75, 75].map((_, i) => fit?.raw[i]));
    expect(r?.last.scores?.plugins.find((p) => p.plugin === "TaintToleration")?.weight).toBe(3);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe("determinism", () => {
  it("the same input gives the same placements, events and records", () => {
    const runOnce = () => {
      const nodes = Array.from({ length: 30 }, (_, i) =>
        makeNode(`n${i}`, { zone: `z${i % 3}`, cpu: "8", memory: "16Gi" }),
      );
      const c = schedulerCluster(nodes, 7);
      for (let i = 0; i < 300; i++) {
        const p = pod(`p${i}`)
          .labels({ app: `a${i % 7}` })
          .req({ cpu: "100m" });
        if (i % 3 === 0) p.spread("topology.kubernetes.io/zone", 1, { app: `a${i % 7}` });
        if (i % 5 === 0) p.podAntiAffinityRequired("kubernetes.io/hostname", { app: "a0" });
        apply(c, p.build());
      }
      c.clock.runUntil(600);
      return JSON.stringify({
        pods: c.store.list("Pod").map((p) => [p.metadata.name, p.spec.nodeName ?? null]),
        events: c.recorder.list(),
        records: c.scheduler.explain("default/p42"),
      });
    };
    const first = runOnce();
    expect(runOnce()).toBe(first);
    expect(first).toContain("Successfully assigned");
  });
});
