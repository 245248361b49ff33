import { describe, expect, it } from "vitest";
import { deploymentController } from "../../../src/sandbox/controllers/deployment.js";
import { garbageCollector } from "../../../src/sandbox/controllers/garbage-collector.js";
import { namespaceController } from "../../../src/sandbox/controllers/namespace.js";
import { replicaSetController } from "../../../src/sandbox/controllers/replicaset.js";
import { apply, controllerCluster, deployment, podsOf } from "./harness.js";

function cluster() {
  const c = controllerCluster([
    deploymentController(),
    replicaSetController(),
    garbageCollector(),
    namespaceController(),
  ]);
  apply(c, { apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
  const web = deployment("web", 2);
  web.metadata.namespace = "team";
  apply(c, web);
  apply(c, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "team" }, data: { a: "b" } });
  c.clock.runUntil(10);
  return c;
}

const configMap = (name: string) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "team" },
  data: { a: "b" },
});

describe("namespace deletion", () => {
  it("a new Namespace carries the kubernetes finalizer", () => {
    const c = cluster();
    expect(c.store.get("Namespace", undefined, "team")?.spec?.finalizers).toEqual(["kubernetes"]);
  });

  it("the first delete only marks the namespace Terminating; creating in it is then refused", () => {
    const c = cluster();
    const out = c.api.delete("Namespace", undefined, "team");
    expect(out.ok && out.changed).toBe(true);
    const ns = c.store.get("Namespace", undefined, "team");
    expect(ns?.status?.phase).toBe("Terminating");
    expect(ns?.metadata.deletionTimestamp).toBe("2026-01-01T00:00:10Z");
    const late = c.api.create(configMap("late"), { origin: "user" });
    expect(late.ok ? "" : late.message).toBe(
      'configmaps "late" is forbidden: unable to create new content in namespace team because it is being terminated',
    );
    const again = c.api.delete("Namespace", undefined, "team");
    expect(again.ok && !again.changed).toBe(true);
  });

  it("re-applying a terminating namespace keeps it terminating", () => {
    const c = cluster();
    c.api.delete("Namespace", undefined, "team");
    c.api.apply(
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "team", labels: { a: "b" } } },
      { origin: "user" },
    );
    const ns = c.store.get("Namespace", undefined, "team");
    expect(ns?.status?.phase).toBe("Terminating");
    expect(ns?.metadata.deletionTimestamp).toBeDefined();
    expect(ns?.spec?.finalizers).toEqual(["kubernetes"]);
  });

  it("the controller waits 5 s, empties the namespace, then the namespace goes", () => {
    const c = cluster();
    c.api.delete("Namespace", undefined, "team");
    c.clock.runUntil(14);
    expect(c.store.get("ConfigMap", "team", "cfg")).toBeDefined();
    c.clock.runUntil(15);
    expect(c.store.get("ConfigMap", "team", "cfg")).toBeUndefined();
    expect(c.store.list("Deployment", "team")).toHaveLength(0);
    const pods = podsOf(c, "web-", "team");
    expect(pods).toHaveLength(2);
    for (const p of pods) expect(p.metadata.deletionTimestamp).toBeDefined();
    // The pods leave at 16 s (stand-in kubelet); the controller looks again after
    // 30 / 2 + 1 = 16 s (the default grace period is its estimate).
    c.clock.runUntil(30);
    expect(podsOf(c, "web-", "team")).toHaveLength(0);
    expect(c.store.get("Namespace", undefined, "team")).toBeDefined();
    c.clock.runUntil(31);
    expect(c.store.get("Namespace", undefined, "team")).toBeUndefined();
  });

  it("a namespace without finalizers goes at once", () => {
    const c = cluster();
    c.store.patch("Namespace", undefined, "team", (o) => {
      o.spec.finalizers = [];
    });
    c.api.delete("Namespace", undefined, "team");
    expect(c.store.get("Namespace", undefined, "team")).toBeUndefined();
  });

  it("the immortal namespaces may not be deleted", () => {
    const c = cluster();
    const out = c.api.delete("Namespace", undefined, "default");
    expect(out.ok ? "" : out.message).toBe('namespaces "default" is forbidden: this namespace may not be deleted');
    expect(c.store.get("Namespace", undefined, "default")?.metadata.deletionTimestamp).toBeUndefined();
  });
});
