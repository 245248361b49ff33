import { describe, expect, it } from "vitest";
import { parseAction, scheduleAction } from "../../../src/sandbox/actions/index.js";
import { timestampAt } from "../../../src/sandbox/api/server.js";
import type { Cluster } from "../../../src/sandbox/cluster/cluster.js";
import { evictionTime, nodeLifecycleController } from "../../../src/sandbox/controllers/node-lifecycle.js";
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
    ["untolerated taint → now", [], [{ key: "k", effect: "NoExecute" }], 100],
    ["tolerated for ever → never", [{ key: "k", operator: "Exists" }], [{ key: "k", effect: "NoExecute" }], null],
    [
      "tolerationSeconds 60 → added + 60",
      [{ key: "k", operator: "Exists", tolerationSeconds: 60 }],
      [{ key: "k", effect: "NoExecute", timeAdded: timestampAt(10) }],
      70,
    ],
    [
      "unreachable with no toleration → default 300s",
      [],
      [{ key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: timestampAt(50) }],
      350,
    ],
    ["no NoExecute taints → never", [], [], null],
  ])("evictionTime: %s", (_n, tolerations, taints, want) => {
    const p = { apiVersion: "v1", kind: "Pod", metadata: { name: "x" }, spec: { tolerations } };
    expect(evictionTime(p, taints, 100)).toBe(want);
  });
});
