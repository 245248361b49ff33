import { describe, expect, it } from "vitest";
import { describeLimit, LIMITS } from "../../../src/core/limits.js";
import { timestampAt } from "../../../src/sandbox/api/server.js";
import { createCluster } from "../../../src/sandbox/cluster/cluster.js";
import { makeNode } from "../../../src/sandbox/cluster/default-cluster.js";
import { rankPodsForDeletion } from "../../../src/sandbox/controllers/pod-ranking.js";
import { replicaSetController } from "../../../src/sandbox/controllers/replicaset.js";
import { replicationControllerController } from "../../../src/sandbox/controllers/replicationcontroller.js";
import type { KubeObject } from "../../../src/sandbox/model/object.js";
import { apply, controllerCluster, messages, podsOf } from "./harness.js";

function rs(name: string, replicas: number, image = "nginx"): Record<string, any> {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, namespace: "default" },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image }] } },
    },
  };
}

interface PodOpts {
  node?: string;
  phase?: string;
  ready?: boolean;
  readySince?: number;
  restarts?: number;
  created?: number;
  cost?: string;
  uid?: string;
}

function pod(name: string, o: PodOpts): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      uid: o.uid ?? name,
      creationTimestamp: timestampAt(o.created ?? 0),
      ...(o.cost ? { annotations: { "controller.kubernetes.io/pod-deletion-cost": o.cost } } : {}),
    },
    spec: o.node ? { nodeName: o.node } : {},
    status: {
      phase: o.phase ?? "Running",
      conditions: [
        {
          type: "Ready",
          status: o.ready === false ? "False" : "True",
          lastTransitionTime: timestampAt(o.readySince ?? 0),
        },
      ],
      containerStatuses: [{ restartCount: o.restarts ?? 0 }],
    },
  };
}

describe("deletion ranking (controller_utils.go ActivePodsWithRanks.Less)", () => {
  const now = 10_000;
  const cases: { name: string; pods: KubeObject[]; first: string }[] = [
    {
      name: "unscheduled before scheduled",
      pods: [pod("a", { node: "n1" }), pod("b", { phase: "Pending" })],
      first: "b",
    },
    {
      name: "Pending < Unknown < Running",
      pods: [
        pod("run", { node: "n1" }),
        pod("unk", { node: "n2", phase: "Unknown" }),
        pod("pen", { node: "n3", phase: "Pending" }),
      ],
      first: "pen",
    },
    {
      name: "not ready before ready",
      pods: [pod("r", { node: "n1" }), pod("nr", { node: "n2", ready: false })],
      first: "nr",
    },
    {
      name: "lower pod-deletion-cost first",
      pods: [pod("cheap", { node: "n1", cost: "-5" }), pod("dear", { node: "n2", cost: "10" })],
      first: "cheap",
    },
    {
      name: "doubled-up node first",
      pods: [pod("solo", { node: "n1" }), pod("pair1", { node: "n2" }), pod("pair2", { node: "n2" })],
      first: "pair",
    },
    {
      name: "ready for a shorter time first (log buckets)",
      pods: [pod("old", { node: "n1", readySince: 10 }), pod("new", { node: "n2", readySince: 9_990 })],
      first: "new",
    },
    {
      name: "more restarts first",
      pods: [pod("calm", { node: "n1" }), pod("crashy", { node: "n2", restarts: 4 })],
      first: "crashy",
    },
    {
      name: "newer creation first",
      pods: [pod("older", { node: "n1", created: 1 }), pod("newer", { node: "n2", created: 9_000 })],
      first: "newer",
    },
  ];
  it.each(cases)("$name", ({ pods, first }) => {
    expect(rankPodsForDeletion(pods, pods, now)[0]?.metadata.name).toMatch(new RegExp(`^${first}`));
    expect(rankPodsForDeletion([...pods].reverse(), pods, now)[0]?.metadata.name).toMatch(new RegExp(`^${first}`));
  });
});

describe("ReplicaSet controller", () => {
  it("creates missing pods as <rs>-<5 chars> and reports status", () => {
    const c = controllerCluster([replicaSetController()]);
    apply(c, rs("web", 3));
    c.clock.runUntil(30);
    const pods = podsOf(c, "web-");
    expect(pods).toHaveLength(3);
    expect(messages(c, "SuccessfulCreate", "ReplicaSet/web")).toEqual(
      pods.map((p) => `Created pod: ${p.metadata.name}`),
    );
    expect(c.store.get("ReplicaSet", "default", "web")?.status).toMatchObject({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
  });

  it("scale-down deletes the not-ready pod first", () => {
    const c = controllerCluster([replicaSetController()]);
    apply(c, rs("web", 3));
    c.clock.runUntil(30);
    const victim = podsOf(c, "web-")[1];
    c.store.patch("Pod", "default", victim?.metadata.name ?? "", (p) => {
      p.status.conditions = [{ type: "Ready", status: "False" }];
    });
    c.store.patch("ReplicaSet", "default", "web", (r) => {
      r.spec.replicas = 2;
    });
    c.clock.runUntil(60);
    expect(messages(c, "SuccessfulDelete", "ReplicaSet/web")).toEqual([`Deleted pod: ${victim?.metadata.name}`]);
    expect(podsOf(c, "web-").map((p) => p.metadata.name)).not.toContain(victim?.metadata.name);
  });

  it("adopts a matching orphan pod instead of creating one", () => {
    const c = controllerCluster([replicaSetController()]);
    apply(c, {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "stray", labels: { app: "web" } },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    });
    apply(c, rs("web", 2));
    c.clock.runUntil(30);
    expect(messages(c, "SuccessfulCreate", "ReplicaSet/web")).toHaveLength(1);
    expect(c.store.get("Pod", "default", "stray")?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "ReplicaSet",
      name: "web",
    });
  });

  it("records FailedCreate with the API error, creates in slow-start batches and sets ReplicaFailure", () => {
    const c = controllerCluster([replicaSetController()]);
    const create = c.api.create.bind(c.api);
    let attempts = 0;
    c.api.create = (input, opts) => {
      if ((input as KubeObject).kind !== "Pod") return create(input, opts);
      attempts++;
      return {
        ok: false,
        reason: "Forbidden",
        message: 'pods "web-x" is forbidden: exceeded quota: q',
        kind: "Pod",
        name: "web-x",
        namespace: "default",
      };
    };
    apply(c, rs("web", 5));
    c.clock.runUntil(0);
    // Slow start: each sync tries one pod, not five, while creations fail.
    expect(attempts).toBeLessThan(5);
    expect(messages(c, "FailedCreate", "ReplicaSet/web")).toEqual([
      'Error creating: pods "web-x" is forbidden: exceeded quota: q',
    ]);
    c.clock.runUntil(600);
    // Retried with the workqueue back-off: a few dozen attempts in ten minutes, not thousands.
    expect(attempts).toBeGreaterThan(10);
    expect(attempts).toBeLessThan(60);
    const failure = c.store.get("ReplicaSet", "default", "web")?.status.conditions[0];
    expect(failure).toMatchObject({ type: "ReplicaFailure", status: "True", reason: "FailedCreate" });
  });

  function hugeReplicaSet(nodes?: KubeObject[]) {
    const c = createCluster({ controllers: [replicaSetController()], ...(nodes ? { nodes } : {}) });
    c.api.discovery.register({
      group: "apps",
      version: "v1",
      kind: "ReplicaSet",
      resource: "replicasets",
      namespaced: true,
    });
    apply(c, rs("huge", 1_000_000_000));
    // Pods go straight to the store here: this test measures the controller, not admission.
    let n = 0;
    c.api.create = (input) => {
      const p = input as KubeObject;
      p.metadata.name = `${p.metadata.generateName}${n}`;
      p.metadata.uid = `uid-${n++}`;
      return { ok: true, object: c.store.add(p), warnings: [], changed: true };
    };
    c.clock.runUntil(10);
    return c;
  }

  it("stops a billion replicas a thousand pods past what the nodes hold, with one note naming that limit", () => {
    const c = hugeReplicaSet();
    expect(c.store.count("Pod")).toBe(3 * 110 + LIMITS.podsBeyondCapacity);
    const notes = c.notes.filter((n) => n.message.includes(describeLimit("podsBeyondCapacity")));
    expect(notes).toHaveLength(1);
    expect(notes[0]?.object).toBe("ReplicaSet/huge");
  });

  it("stops at the simulator's pods per simulation limit on a cluster that could hold more", () => {
    const nodes = Array.from({ length: 600 }, (_, i) => makeNode(`n-${i}`));
    const c = hugeReplicaSet(nodes);
    expect(c.store.count("Pod")).toBe(LIMITS.pods);
    const notes = c.notes.filter((n) => n.message.includes(describeLimit("pods")));
    expect(notes).toHaveLength(1);
    expect(notes[0]?.object).toBe("ReplicaSet/huge");
  }, 60_000);

  it("runs ReplicationControllers with a map selector", () => {
    const c = controllerCluster([replicationControllerController()]);
    apply(c, {
      apiVersion: "v1",
      kind: "ReplicationController",
      metadata: { name: "rc" },
      spec: {
        replicas: 2,
        selector: { app: "rc" },
        template: { metadata: { labels: { app: "rc" } }, spec: { containers: [{ name: "c", image: "nginx" }] } },
      },
    });
    c.clock.runUntil(30);
    expect(podsOf(c, "rc-")).toHaveLength(2);
    expect(c.recorder.list().find((e) => e.reason === "SuccessfulCreate")?.source).toBe("replication-controller");
  });
});
