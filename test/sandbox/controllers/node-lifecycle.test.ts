import { describe, expect, it } from "vitest";
import { parseAction, scheduleAction } from "../../../src/sandbox/actions/index.js";
import type { Cluster } from "../../../src/sandbox/cluster/cluster.js";
import { nodeLifecycleController } from "../../../src/sandbox/controllers/node-lifecycle.js";
import { noExecuteVerdict } from "../../../src/sandbox/controllers/taint-eviction.js";
import { boundPod, create, events, kubeletCluster, pod } from "../kubelet/harness.js";

/** Schedules `text` at `at` seconds. */
function act(c: Cluster, text: string, at: number): void {
  const parsed = parseAction(`${at}s: ${text}`);
  if (!parsed.ok) throw new Error(parsed.message);
  scheduleAction(parsed.action, c.ctx);
}

function cluster(): Cluster {
  return kubeletCluster([nodeLifecycleController()]);
}

const taintKeys = (c: Cluster, node: string) =>
  (c.store.get("Node", undefined, node)?.spec?.taints ?? []).map(
    (t: { key: string; effect: string }) => `${t.key}:${t.effect}`,
  );

describe("node lifecycle", () => {
  it("node-down: Ready Unknown after the 50s grace period, unreachable taints, pods not ready", () => {
    const c = cluster();
    create(c, boundPod("p", { containers: [{ name: "w", image: "nginx:1.27" }] }, "node-b"));
    act(c, "node-down node-b", 10);
    c.clock.runUntil(59);
    const ready = () =>
      c.store.get("Node", undefined, "node-b")?.status.conditions.find((x: { type: string }) => x.type === "Ready");
    expect(ready().status).toBe("True");
    c.clock.runUntil(61);
    expect(ready()).toMatchObject({
      status: "Unknown",
      reason: "NodeStatusUnknown",
      message: "Kubelet stopped posting node status.",
    });
    expect(taintKeys(c, "node-b")).toEqual([
      "node.kubernetes.io/unreachable:NoSchedule",
      "node.kubernetes.io/unreachable:NoExecute",
    ]);
    expect(events(c, "NodeNotReady", "Node/node-b")[0]?.message).toBe("Node node-b status is now: NodeNotReady");
    expect(events(c, "NodeNotReady", "Pod/p")[0]?.message).toBe("Node is not ready");
    expect(pod(c, "p").status.conditions.find((x: { type: string }) => x.type === "Ready").status).toBe("False");
  });

  it("evicts after the default 300s toleration (about 5m50s after the kubelet stops); the pod stays Terminating", () => {
    const c = cluster();
    create(c, boundPod("p", { containers: [{ name: "w", image: "nginx:1.27" }] }, "node-b"));
    act(c, "node-down node-b", 0);
    c.clock.runUntil(349);
    expect(pod(c, "p").metadata.deletionTimestamp).toBeUndefined();
    c.clock.runUntil(351);
    expect(events(c, "TaintManagerEviction")[0]?.message).toBe("Marking for deletion Pod default/p");
    expect(events(c, "TaintManagerEviction")[0]?.time).toBe(350);
    c.clock.runUntil(600);
    const p = pod(c, "p");
    expect(p.metadata.deletionTimestamp).toBeDefined();
    expect(p.status.conditions.find((x: { type: string }) => x.type === "DisruptionTarget").reason).toBe(
      "DeletionByTaintManager",
    );
  });

  it("a NoExecute taint evicts untolerating pods at once; the kubelet then removes them", () => {
    const c = cluster();
    create(c, boundPod("p", { containers: [{ name: "w", image: "nginx:1.27" }] }, "node-a"));
    create(
      c,
      boundPod(
        "t",
        {
          containers: [{ name: "w", image: "nginx:1.27" }],
          tolerations: [{ key: "maintenance", operator: "Exists", effect: "NoExecute" }],
        },
        "node-a",
      ),
    );
    act(c, "kubectl taint nodes node-a maintenance=true:NoExecute", 10);
    c.clock.runUntil(20);
    expect(c.store.get("Pod", "default", "p")).toBeUndefined();
    expect(c.store.get("Pod", "default", "t")).toBeDefined();
  });

  it("removing the NoExecute taint cancels a pending eviction, also after many unrelated bindings", () => {
    const c = cluster();
    create(
      c,
      boundPod(
        "t",
        {
          containers: [{ name: "w", image: "nginx:1.27" }],
          tolerations: [{ key: "maintenance", operator: "Exists", effect: "NoExecute", tolerationSeconds: 60 }],
        },
        "node-a",
      ),
    );
    act(c, "kubectl taint nodes node-a maintenance=true:NoExecute", 10);
    c.clock.runUntil(20);
    // Pods bound to other nodes reconcile those nodes, which have no NoExecute taint and nothing pending.
    for (let i = 0; i < 5; i++) {
      create(c, boundPod(`other-${i}`, { containers: [{ name: "w", image: "nginx:1.27" }] }, "node-b"));
    }
    act(c, "kubectl taint nodes node-a maintenance:NoExecute-", 30);
    c.clock.runUntil(200);
    expect(events(c, "TaintManagerEviction").map((e) => e.message)).toEqual(["Cancelling deletion of Pod default/t"]);
    expect(pod(c, "t").metadata.deletionTimestamp).toBeUndefined();
  });

  /** A pod on `node` tolerating `maintenance:NoExecute` for `seconds`. */
  const tolerating = (name: string, seconds: number, node = "node-a") =>
    boundPod(
      name,
      {
        containers: [{ name: "w", image: "nginx:1.27" }],
        tolerations: [{ key: "maintenance", operator: "Exists", effect: "NoExecute", tolerationSeconds: seconds }],
      },
      node,
    );
  const evictions = (c: Cluster) => events(c, "TaintManagerEviction").map((e) => `${e.time} ${e.message}`);

  it("times tolerationSeconds from when the pod reaches the tainted node, not from when the taint was added", () => {
    const c = cluster();
    create(c, tolerating("early", 60));
    act(c, "kubectl taint nodes node-a maintenance=true:NoExecute", 10);
    c.clock.runUntil(50);
    create(c, tolerating("late", 60));
    c.clock.runUntil(200);
    expect(evictions(c)).toEqual([
      "70 Marking for deletion Pod default/early",
      "110 Marking for deletion Pod default/late",
    ]);
  });

  it("a pod bound straight to an unreachable node gets the default 300s from its binding", () => {
    const c = cluster();
    create(c, boundPod("old", { containers: [{ name: "w", image: "nginx:1.27" }] }, "node-b"));
    act(c, "node-down node-b", 0);
    c.clock.runUntil(100);
    create(c, boundPod("new", { containers: [{ name: "w", image: "nginx:1.27" }] }, "node-b"));
    c.clock.runUntil(500);
    expect(evictions(c)).toEqual([
      "350 Marking for deletion Pod default/old",
      "400 Marking for deletion Pod default/new",
    ]);
  });

  it("a taint removed and added again starts the timer afresh", () => {
    const c = cluster();
    create(c, tolerating("t", 60));
    act(c, "kubectl taint nodes node-a maintenance=true:NoExecute", 10);
    act(c, "kubectl taint nodes node-a maintenance:NoExecute-", 40);
    act(c, "kubectl taint nodes node-a maintenance=true:NoExecute", 50);
    c.clock.runUntil(200);
    expect(evictions(c)).toEqual(["40 Cancelling deletion of Pod default/t", "110 Marking for deletion Pod default/t"]);
  });

  it("a second NoExecute taint keeps the eviction already queued (processPodOnNode keeps the earlier work)", () => {
    const c = cluster();
    create(
      c,
      boundPod("t", {
        containers: [{ name: "w", image: "nginx:1.27" }],
        tolerations: [
          { key: "a", operator: "Exists", effect: "NoExecute", tolerationSeconds: 60 },
          { key: "b", operator: "Exists", effect: "NoExecute", tolerationSeconds: 10 },
        ],
      }),
    );
    act(c, "kubectl taint nodes node-a a=1:NoExecute", 10);
    act(c, "kubectl taint nodes node-a b=1:NoExecute", 20);
    c.clock.runUntil(200);
    expect(evictions(c)).toEqual(["70 Marking for deletion Pod default/t"]);
  });

  it("an untolerated taint on top of a tolerated one cancels the timer and deletes at once", () => {
    const c = cluster();
    create(c, tolerating("t", 60));
    act(c, "kubectl taint nodes node-a maintenance=true:NoExecute", 10);
    act(c, "kubectl taint nodes node-a other=1:NoExecute", 20);
    c.clock.runUntil(200);
    expect(evictions(c)).toEqual(["20 Cancelling deletion of Pod default/t", "20 Marking for deletion Pod default/t"]);
  });

  it("a pod deleted while its eviction is pending cancels it once the pod is gone", () => {
    const c = cluster();
    create(c, tolerating("t", 120));
    act(c, "kubectl taint nodes node-a maintenance=true:NoExecute", 10);
    act(c, "kubectl delete pod t", 20);
    c.clock.runUntil(300);
    expect(c.store.get("Pod", "default", "t")).toBeUndefined();
    const [cancel, ...rest] = evictions(c);
    expect(cancel).toMatch(/^[\d.]+ Cancelling deletion of Pod default\/t$/);
    expect(Number(cancel?.split(" ")[0])).toBeGreaterThan(20);
    expect(rest).toEqual([]);
  });

  it("cordon adds the unschedulable taint and uncordon removes it", () => {
    const c = cluster();
    act(c, "kubectl cordon node-c", 1);
    c.clock.runUntil(2);
    expect(taintKeys(c, "node-c")).toEqual(["node.kubernetes.io/unschedulable:NoSchedule"]);
    expect(events(c, "NodeNotSchedulable")[0]?.message).toBe("Node node-c status is now: NodeNotSchedulable");
    act(c, "kubectl uncordon node-c", 3);
    c.clock.runUntil(4);
    expect(taintKeys(c, "node-c")).toEqual([]);
  });

  it.each([
    ["untolerated taint → now", [], [{ key: "k", effect: "NoExecute" }], { evict: "now" }],
    [
      "tolerated for ever → never",
      [{ key: "k", operator: "Exists" }],
      [{ key: "k", effect: "NoExecute" }],
      { evict: "never" },
    ],
    [
      "two matching tolerations → the smaller tolerationSeconds",
      [
        { key: "k", operator: "Exists", tolerationSeconds: 60 },
        { operator: "Exists", effect: "NoExecute", tolerationSeconds: 30 },
      ],
      [{ key: "k", effect: "NoExecute" }],
      { evict: "after", seconds: 30 },
    ],
    [
      "one toleration for ever, another with seconds → the seconds",
      [
        { key: "a", operator: "Exists" },
        { key: "b", operator: "Exists", tolerationSeconds: 60 },
      ],
      [
        { key: "a", effect: "NoExecute" },
        { key: "b", effect: "NoExecute" },
      ],
      { evict: "after", seconds: 60 },
    ],
    [
      "unreachable with no toleration → the admission default of 300s",
      [],
      [{ key: "node.kubernetes.io/unreachable", effect: "NoExecute" }],
      { evict: "after", seconds: 300 },
    ],
    ["no NoExecute taints → never", [], [], { evict: "never" }],
  ])("noExecuteVerdict: %s", (_n, tolerations, taints, want) => {
    const p = { apiVersion: "v1", kind: "Pod", metadata: { name: "x" }, spec: { tolerations } };
    expect(noExecuteVerdict(p, taints)).toEqual(want);
  });
});
