import { describe, expect, it } from "vitest";
import { deploymentController } from "../../../src/sandbox/controllers/deployment.js";
import { garbageCollector, orphanDependents } from "../../../src/sandbox/controllers/garbage-collector.js";
import { replicaSetController } from "../../../src/sandbox/controllers/replicaset.js";
import { apply, controllerCluster, deployment, podsOf } from "./harness.js";

function cluster() {
  return controllerCluster([deploymentController(), replicaSetController(), garbageCollector()]);
}

describe("garbage collector", () => {
  it("deleting a Deployment removes its ReplicaSet and, gracefully, its pods", () => {
    const c = cluster();
    apply(c, deployment("web", 2));
    c.clock.runUntil(30);
    c.api.delete("Deployment", "default", "web");
    c.clock.runUntil(c.clock.now);
    expect(c.store.list("ReplicaSet", "default")).toHaveLength(0);
    const pods = podsOf(c, "web-");
    expect(pods).toHaveLength(2);
    for (const p of pods) expect(p.metadata.deletionTimestamp).toBeDefined();
    c.clock.runUntil(120);
    expect(podsOf(c, "web-")).toHaveLength(0);
  });

  it("--cascade=orphan leaves the dependents running without an owner", () => {
    const c = cluster();
    const rs = apply(c, {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: "solo" },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "solo" } },
        template: { metadata: { labels: { app: "solo" } }, spec: { containers: [{ name: "c", image: "nginx" }] } },
      },
    });
    c.clock.runUntil(30);
    orphanDependents(c.ctx, rs);
    c.api.delete("ReplicaSet", "default", "solo");
    c.clock.runUntil(60);
    const pods = podsOf(c, "solo-");
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(p.metadata.deletionTimestamp).toBeUndefined();
      expect(p.metadata.ownerReferences).toBeUndefined();
    }
  });

  it("a dependent with another live owner only loses the dangling reference", () => {
    const c = controllerCluster([garbageCollector()]);
    const cm = apply(c, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } });
    const cm2 = apply(c, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "b" } });
    const ref = (o: typeof cm) => ({
      apiVersion: "v1",
      kind: "ConfigMap",
      name: o.metadata.name ?? "",
      uid: o.metadata.uid ?? "",
    });
    apply(c, {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", ownerReferences: [ref(cm), ref(cm2)] },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    });
    c.api.delete("ConfigMap", "default", "a");
    c.clock.runUntil(c.clock.now);
    expect(c.store.get("Pod", "default", "p")?.metadata.ownerReferences).toEqual([ref(cm2)]);
  });
});
