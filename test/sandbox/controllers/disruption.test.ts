import { describe, expect, it } from "vitest";
import { deploymentController } from "../../../src/sandbox/controllers/deployment.js";
import {
  canEvict,
  disruptionController,
  EVICTION_REFUSED,
  recordEviction,
} from "../../../src/sandbox/controllers/disruption.js";
import { replicaSetController } from "../../../src/sandbox/controllers/replicaset.js";
import { apply, controllerCluster, deployment, messages, podsOf } from "./harness.js";

function pdb(spec: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: "web-pdb", namespace: "default" },
    spec: { selector: { matchLabels: { app: "web" } }, ...spec },
  };
}

function cluster() {
  return controllerCluster([deploymentController(), replicaSetController(), disruptionController()]);
}

describe("disruption controller", () => {
  it.each([
    [{ minAvailable: 2 }, { currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1, expectedPods: 3 }],
    [{ minAvailable: 3 }, { currentHealthy: 3, desiredHealthy: 3, disruptionsAllowed: 0, expectedPods: 3 }],
    [{ minAvailable: "50%" }, { currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1, expectedPods: 3 }],
    [{ maxUnavailable: 1 }, { currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1, expectedPods: 3 }],
    [{ maxUnavailable: "10%" }, { currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1, expectedPods: 3 }],
  ])("%o over 3 ready replicas → %o", (spec, want) => {
    const c = cluster();
    apply(c, deployment("web", 3));
    apply(c, pdb(spec));
    c.clock.runUntil(30);
    const st = c.store.get("PodDisruptionBudget", "default", "web-pdb")?.status;
    expect(st).toMatchObject(want);
    expect(st.conditions[0]).toMatchObject({
      type: "DisruptionAllowed",
      status: want.disruptionsAllowed > 0 ? "True" : "False",
      reason: want.disruptionsAllowed > 0 ? "SufficientPods" : "InsufficientPods",
    });
  });

  it("the Eviction API refuses once the budget is spent", () => {
    const c = cluster();
    apply(c, deployment("web", 3));
    apply(c, pdb({ minAvailable: 2 }));
    c.clock.runUntil(30);
    const [a, b] = podsOf(c, "web-");
    if (!a || !b) throw new Error("pods missing");
    expect(canEvict(c.store, a)).toEqual({ allowed: true });
    recordEviction(c.ctx, a);
    c.api.delete("Pod", "default", a.metadata.name ?? "");
    expect(canEvict(c.store, b)).toEqual({
      allowed: false,
      message: EVICTION_REFUSED,
      cause: "The disruption budget web-pdb needs 2 healthy pods and has 3 currently",
    });
    expect(EVICTION_REFUSED).toBe("Cannot evict pod as it would violate the pod's disruption budget.");
  });

  it("reports NoPods when the selector matches nothing", () => {
    const c = cluster();
    apply(c, pdb({ minAvailable: 1 }));
    c.clock.runUntil(5);
    expect(messages(c, "NoPods", "PodDisruptionBudget/web-pdb")).toEqual(["No matching pods found"]);
    expect(c.store.get("PodDisruptionBudget", "default", "web-pdb")?.status).toMatchObject({
      disruptionsAllowed: 0,
      expectedPods: 0,
    });
  });
});
