import { describe, expect, it } from "vitest";
import { makeNode } from "../../../src/sandbox/cluster/default-cluster.js";
import { daemonSetController } from "../../../src/sandbox/controllers/daemonset.js";
import {
  DAEMON_TOLERATIONS,
  nodeShouldRunDaemonPod,
  targetNodeName,
} from "../../../src/sandbox/controllers/daemonset-util.js";
import type { KubeObject } from "../../../src/sandbox/model/object.js";
import { apply, controllerCluster, podsOf } from "./harness.js";

function ds(spec: Record<string, any> = {}): Record<string, any> {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "agent", namespace: "default" },
    spec: {
      selector: { matchLabels: { app: "agent" } },
      template: {
        metadata: { labels: { app: "agent" } },
        spec: { containers: [{ name: "a", image: "fluentd" }], ...spec },
      },
    },
  };
}

function tainted(name: string, key: string, effect: string): KubeObject {
  const n = makeNode(name);
  n.spec = { taints: [{ key, effect }] };
  return n;
}

describe("nodeShouldRunDaemonPod (daemon_controller.go)", () => {
  const cases: { name: string; node: KubeObject; spec: Record<string, any>; want: [boolean, boolean] }[] = [
    { name: "plain node", node: makeNode("n"), spec: {}, want: [true, true] },
    {
      name: "nodeSelector mismatch",
      node: makeNode("n"),
      spec: { nodeSelector: { gpu: "yes" } },
      want: [false, false],
    },
    {
      name: "nodeSelector match",
      node: makeNode("n", { labels: { gpu: "yes" } }),
      spec: { nodeSelector: { gpu: "yes" } },
      want: [true, true],
    },
    {
      name: "untolerated NoSchedule keeps running pods",
      node: tainted("n", "dedicated", "NoSchedule"),
      spec: {},
      want: [false, true],
    },
    {
      name: "untolerated NoExecute evicts",
      node: tainted("n", "dedicated", "NoExecute"),
      spec: {},
      want: [false, false],
    },
    {
      name: "cordon taint is tolerated",
      node: tainted("n", "node.kubernetes.io/unschedulable", "NoSchedule"),
      spec: {},
      want: [true, true],
    },
    {
      name: "control-plane taint needs its own toleration",
      node: tainted("n", "node-role.kubernetes.io/control-plane", "NoSchedule"),
      spec: {
        tolerations: [{ key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule" }],
      },
      want: [true, true],
    },
  ];
  it.each(cases)("$name", ({ node, spec, want }) => {
    const r = nodeShouldRunDaemonPod(node, ds(spec) as KubeObject);
    expect([r.shouldRun, r.shouldContinueRunning]).toEqual(want);
  });
});

describe("DaemonSet controller", () => {
  it("creates one pinned pod per eligible node with the daemon tolerations, none on a tainted node", () => {
    const nodes = [
      makeNode("node-a"),
      makeNode("node-b"),
      tainted("cp", "node-role.kubernetes.io/control-plane", "NoSchedule"),
    ];
    const c = controllerCluster([daemonSetController()], { nodes });
    apply(c, ds());
    c.clock.runUntil(30);
    const pods = podsOf(c, "agent-");
    expect(pods.map((p) => targetNodeName(p)).sort()).toEqual(["node-a", "node-b"]);
    for (const p of pods) {
      expect(p.spec.tolerations).toEqual(DAEMON_TOLERATIONS);
      expect(p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
        { matchFields: [{ key: "metadata.name", operator: "In", values: [targetNodeName(p)] }] },
      ]);
    }
    expect(c.store.get("DaemonSet", "default", "agent")?.status).toMatchObject({
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
      numberReady: 2,
      numberMisscheduled: 0,
    });
  });

  it("adds network-unavailable for hostNetwork pods and follows new nodes", () => {
    const c = controllerCluster([daemonSetController()], { nodes: [makeNode("node-a")] });
    apply(c, ds({ hostNetwork: true }));
    c.clock.runUntil(10);
    expect(podsOf(c, "agent-")[0]?.spec.tolerations.at(-1)).toEqual({
      key: "node.kubernetes.io/network-unavailable",
      operator: "Exists",
      effect: "NoSchedule",
    });
    c.store.add(makeNode("node-z"));
    c.clock.runUntil(20);
    expect(
      podsOf(c, "agent-")
        .map((p) => targetNodeName(p))
        .sort(),
    ).toEqual(["node-a", "node-z"]);
  });

  it("rolls a template change node by node within maxUnavailable 1", () => {
    const c = controllerCluster([daemonSetController()]);
    apply(c, ds());
    c.clock.runUntil(30);
    c.store.patch("DaemonSet", "default", "agent", (d) => {
      d.spec.template.spec.containers[0].image = "fluentd:2";
      d.metadata.generation = 2;
    });
    c.clock.runUntil(c.clock.now);
    const deleting = podsOf(c, "agent-").filter((p) => p.metadata.deletionTimestamp);
    expect(deleting).toHaveLength(1);
    c.clock.runUntil(120);
    expect(podsOf(c, "agent-").map((p) => p.spec.containers[0].image)).toEqual(["fluentd:2", "fluentd:2", "fluentd:2"]);
    expect(c.store.get("DaemonSet", "default", "agent")?.status.updatedNumberScheduled).toBe(3);
  });
});
