import { describe, expect, it } from "vitest";
import { workloadControllers } from "../../../src/sandbox/controllers/index.js";
import { apply, controllerCluster, deployment } from "./harness.js";

function run(seed: number): string {
  const c = controllerCluster(workloadControllers(), { seed });
  for (let i = 0; i < 20; i++) apply(c, deployment(`web${i}`, 5));
  apply(c, {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "agent" },
    spec: {
      selector: { matchLabels: { app: "agent" } },
      template: { metadata: { labels: { app: "agent" } }, spec: { containers: [{ name: "a", image: "fluentd" }] } },
    },
  });
  c.clock.runUntil(60);
  for (let i = 0; i < 20; i += 2) {
    c.store.patch("Deployment", "default", `web${i}`, (d) => {
      d.spec.template.spec.containers[0].image = "nginx:2";
    });
  }
  c.clock.runUntil(600);
  const objects = c.store.kinds().flatMap((k) => c.store.list(k));
  return JSON.stringify({ objects, events: c.recorder.list() });
}

describe("determinism", () => {
  it("the same input and seed give byte-identical objects and events", () => {
    const a = run(7);
    expect(a.length).toBeGreaterThan(10_000);
    expect(run(7)).toBe(a);
    expect(run(8)).not.toBe(a);
  });
});
