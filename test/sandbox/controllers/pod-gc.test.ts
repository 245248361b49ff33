import { describe, expect, it } from "vitest";
import { podGcController } from "../../../src/sandbox/controllers/pod-gc.js";
import type { Controller } from "../../../src/sandbox/engine/controller.js";
import type { KubeObject } from "../../../src/sandbox/model/object.js";
import { apply, controllerCluster } from "./harness.js";

/** Keeps every version of the pods it sees, so the status written just before a deletion shows. */
function podHistory(): { seen: KubeObject[]; controller: Controller } {
  const seen: KubeObject[] = [];
  return {
    seen,
    controller: {
      name: "pod-history",
      watches: ["Pod"],
      keysFor(event) {
        seen.push(structuredClone(event.object));
        return [];
      },
      reconcile: () => undefined,
    },
  };
}

const ghost = (nodeName: string) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "ghost" },
  spec: { nodeName, containers: [{ name: "c", image: "nginx:1.25" }] },
});

describe("pod garbage collector (orphaned pods)", () => {
  it("force-deletes a pod bound to a missing node after the 40 s quarantine, Failed with DisruptionTarget", () => {
    const history = podHistory();
    const c = controllerCluster([podGcController(), history.controller]);
    apply(c, ghost("node-z"));
    c.clock.runUntil(39);
    expect(c.store.get("Pod", "default", "ghost")).toBeDefined();
    expect(c.notes).toContainEqual(
      expect.objectContaining({
        object: "Pod/ghost",
        message: expect.stringContaining("bound to node node-z, which does not exist"),
      }),
    );
    c.clock.runUntil(40);
    expect(c.store.get("Pod", "default", "ghost")).toBeUndefined();
    const last = history.seen.filter((p) => p.metadata.name === "ghost").at(-1);
    expect(last?.status?.phase).toBe("Failed");
    expect(last?.status?.conditions).toContainEqual(
      expect.objectContaining({
        type: "DisruptionTarget",
        status: "True",
        reason: "DeletionByPodGC",
        message: "PodGC: node no longer exists",
      }),
    );
  });

  it("sweeps every 20 s: a pod bound at 5 s is noticed at 20 s and deleted at 60 s", () => {
    const c = controllerCluster([podGcController()]);
    c.clock.at(5, "bind ghost", () => apply(c, ghost("node-z")));
    c.clock.runUntil(59);
    expect(c.store.get("Pod", "default", "ghost")).toBeDefined();
    c.clock.runUntil(60);
    expect(c.store.get("Pod", "default", "ghost")).toBeUndefined();
  });

  it("leaves pods on existing nodes, and spares a node that registers during the quarantine", () => {
    const c = controllerCluster([podGcController()]);
    const node = structuredClone(c.store.get("Node", undefined, "node-a") as KubeObject);
    apply(c, ghost("node-late"));
    apply(c, { ...ghost("node-a"), metadata: { name: "real" } });
    c.clock.runUntil(10);
    node.metadata = { name: "node-late", labels: { "kubernetes.io/hostname": "node-late" } };
    c.store.add(node);
    c.clock.runUntil(120);
    expect(c.store.get("Pod", "default", "ghost")).toBeDefined();
    expect(c.store.get("Pod", "default", "real")).toBeDefined();
  });
});
