import { describe, expect, it } from "vitest";
import { daemonSetController } from "../../../src/sandbox/controllers/daemonset.js";
import { allowsSurge } from "../../../src/sandbox/controllers/daemonset-surge.js";
import { targetNodeName } from "../../../src/sandbox/controllers/daemonset-util.js";
import { apply, controllerCluster, podsOf } from "./harness.js";

function ds(rollingUpdate: Record<string, unknown>, minReadySeconds = 0): Record<string, any> {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "agent", namespace: "default" },
    spec: {
      selector: { matchLabels: { app: "agent" } },
      minReadySeconds,
      updateStrategy: { type: "RollingUpdate", rollingUpdate },
      template: { metadata: { labels: { app: "agent" } }, spec: { containers: [{ name: "a", image: "fluentd" }] } },
    },
  };
}

function bumpImage(c: ReturnType<typeof controllerCluster>): void {
  c.store.patch("DaemonSet", "default", "agent", (d) => {
    d.spec.template.spec.containers[0].image = "fluentd:2";
    d.metadata.generation = 2;
  });
}

/** Pods on each node, as image lists, live ones only. */
function byNode(c: ReturnType<typeof controllerCluster>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of podsOf(c, "agent-")) {
    if (p.metadata.deletionTimestamp) continue;
    const n = targetNodeName(p) ?? "";
    out[n] = [...(out[n] ?? []), p.spec.containers[0].image].sort();
  }
  return out;
}

describe("DaemonSet maxSurge (update.go rollingUpdate, surge branch)", () => {
  it("allowsSurge: maxSurge scaled against one node must be above 0", () => {
    expect(allowsSurge(ds({ maxSurge: 1, maxUnavailable: 0 }) as never)).toBe(true);
    expect(allowsSurge(ds({ maxSurge: "10%", maxUnavailable: 0 }) as never)).toBe(true);
    expect(allowsSurge(ds({ maxSurge: 0, maxUnavailable: 1 }) as never)).toBe(false);
    const onDelete = ds({ maxSurge: 1 });
    onDelete.spec.updateStrategy = { type: "OnDelete" };
    expect(allowsSurge(onDelete as never)).toBe(false);
  });

  it("maxSurge 1: the new pod starts next to the old one, which goes once the new one is available", () => {
    const c = controllerCluster([daemonSetController()]);
    apply(c, ds({ maxSurge: 1, maxUnavailable: 0 }));
    c.clock.runUntil(30);
    bumpImage(c);
    c.clock.runUntil(c.clock.now);
    // One surge pod, on the first node in name order; no old pod is deleted yet.
    expect(byNode(c)).toEqual({
      "node-a": ["fluentd", "fluentd:2"],
      "node-b": ["fluentd"],
      "node-c": ["fluentd"],
    });
    expect(podsOf(c, "agent-").filter((p) => p.metadata.deletionTimestamp)).toHaveLength(0);
    // The new pod becomes Ready 1 s later (harness kubelet): then the old one on node-a goes and node-b surges.
    c.clock.runUntil(c.clock.now + 1);
    expect(byNode(c)).toEqual({
      "node-a": ["fluentd:2"],
      "node-b": ["fluentd", "fluentd:2"],
      "node-c": ["fluentd"],
    });
    c.clock.runUntil(120);
    expect(byNode(c)).toEqual({ "node-a": ["fluentd:2"], "node-b": ["fluentd:2"], "node-c": ["fluentd:2"] });
    expect(c.store.get("DaemonSet", "default", "agent")?.status).toMatchObject({
      updatedNumberScheduled: 3,
      numberAvailable: 3,
    });
  });

  it("maxSurge 100% starts every new pod at once; minReadySeconds holds the old ones until then", () => {
    const c = controllerCluster([daemonSetController()]);
    apply(c, ds({ maxSurge: "100%", maxUnavailable: 0 }, 10));
    c.clock.runUntil(30);
    bumpImage(c);
    c.clock.runUntil(c.clock.now);
    const start = c.clock.now;
    expect(Object.values(byNode(c)).map((l) => l.length)).toEqual([2, 2, 2]);
    // Ready after 1 s, available 10 s later: old pods stay until then.
    c.clock.runUntil(start + 10);
    expect(Object.values(byNode(c)).map((l) => l.length)).toEqual([2, 2, 2]);
    c.clock.runUntil(start + 12);
    expect(byNode(c)).toEqual({ "node-a": ["fluentd:2"], "node-b": ["fluentd:2"], "node-c": ["fluentd:2"] });
  });
});
