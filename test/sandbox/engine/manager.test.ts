import { describe, expect, it } from "vitest";
import { createCluster } from "../../../src/sandbox/cluster/cluster.js";
import type { Controller } from "../../../src/sandbox/engine/controller.js";

function configMap(name: string) {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "test" }, data: {} };
}

describe("ControllerManager", () => {
  it("maps watch events to keys, de-duplicates queued keys and reconciles after the writes of the instant", () => {
    const seen: string[] = [];
    const c: Controller = {
      name: "test-controller",
      watches: ["ConfigMap"],
      keysFor: (e) => (e.object.metadata.namespace === "test" ? [`test/${e.object.metadata.name}`] : []),
      reconcile: (key, ctx) => {
        seen.push(`${key}@${ctx.clock.now}:${ctx.store.list("ConfigMap", "test").length}`);
        return undefined;
      },
    };
    const cluster = createCluster({ controllers: [c] });
    cluster.store.add(configMap("a"));
    cluster.store.patch("ConfigMap", "test", "a", (o) => {
      o.data = { x: "1" };
    });
    cluster.store.add(configMap("b"));
    cluster.clock.runUntil(100);
    expect(seen).toEqual(["test/a@0:2", "test/b@0:2"]);
  });

  it("drains first-in first-out across controllers; a key reconciled may be queued again", () => {
    const seen: string[] = [];
    const make = (name: string): Controller => ({
      name,
      watches: ["ConfigMap"],
      keysFor: (e) => (e.object.metadata.namespace === "test" ? [e.object.metadata.name ?? ""] : []),
      reconcile: (key, ctx) => {
        seen.push(`${name}:${key}`);
        // The first reconcile of "a" writes again: "one" queues "a" anew behind what waits, while
        // "two" still has "a" waiting and does not queue it twice.
        if (name === "one" && key === "a" && seen.length === 1)
          ctx.store.patch("ConfigMap", "test", "a", (o) => {
            o.data = { again: "yes" };
          });
        return undefined;
      },
    });
    const cluster = createCluster({ controllers: [make("one"), make("two")] });
    cluster.store.add(configMap("a"));
    cluster.store.add(configMap("b"));
    cluster.store.add(configMap("a-2"));
    cluster.clock.runUntil(100);
    expect(seen).toEqual(["one:a", "two:a", "one:b", "two:b", "one:a-2", "two:a-2", "one:a"]);
  });

  it("requeues after the requested delay", () => {
    const times: number[] = [];
    const c: Controller = {
      name: "requeue",
      watches: ["ConfigMap"],
      keysFor: () => ["k"],
      reconcile: (_k, ctx) => {
        times.push(ctx.clock.now);
        return times.length < 3 ? { requeueAfter: 10 } : undefined;
      },
    };
    const cluster = createCluster({ controllers: [c] });
    cluster.store.add(configMap("a"));
    cluster.clock.runUntil(100);
    expect(times).toEqual([0, 10, 20]);
  });

  it("stops a feedback loop at its own limit and says so in a note", () => {
    const c: Controller = {
      name: "fighter",
      watches: ["ConfigMap"],
      keysFor: () => ["k"],
      reconcile: (_k, ctx) => {
        ctx.store.patch("ConfigMap", "test", "a", (o) => {
          o.data = { n: String(Number((o.data as { n?: string } | undefined)?.n ?? 0) + 1) };
        });
        return undefined;
      },
    };
    const cluster = createCluster({ controllers: [c] });
    cluster.store.add(configMap("a"));
    cluster.clock.runUntil(10);
    expect(cluster.notes.map((n) => n.message).join()).toContain("controller steps at one instant (its own limit)");
  });

  it("creates the system namespaces, their default service accounts and the default nodes", () => {
    const cluster = createCluster();
    expect(cluster.store.list("Namespace").map((n) => n.metadata.name)).toEqual([
      "default",
      "kube-system",
      "kube-public",
      "kube-node-lease",
    ]);
    expect(cluster.store.list("ServiceAccount")).toHaveLength(4);
    expect(cluster.store.list("ConfigMap").map((c) => c.metadata.name)).toEqual(Array(4).fill("kube-root-ca.crt"));
    expect(cluster.store.list("Node").map((n) => n.metadata.name)).toEqual(["node-a", "node-b", "node-c"]);
  });
});
