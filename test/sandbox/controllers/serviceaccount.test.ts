import { describe, expect, it } from "vitest";
import { serviceAccountController } from "../../../src/sandbox/controllers/serviceaccount.js";
import { apply, controllerCluster } from "./harness.js";

describe("service account controller", () => {
  it("gives a new Namespace its default ServiceAccount", () => {
    const c = controllerCluster([serviceAccountController()]);
    apply(c, { apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
    expect(c.store.get("ServiceAccount", "team", "default")).toBeUndefined();
    c.clock.runUntil(c.clock.now);
    expect(c.store.get("ServiceAccount", "team", "default")?.metadata.namespace).toBe("team");
  });
});
