import { describe, expect, it } from "vitest";
import { ApiServer } from "../../../src/sandbox/api/server.js";
import { ObjectStore } from "../../../src/sandbox/api/store.js";
import { SeededRandom } from "../../../src/sandbox/model/random.js";

const deployment = (image: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web" },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "web" } },
    template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image }] } },
    ...extra,
  },
});

function server() {
  return new ApiServer({ store: new ObjectStore(), random: new SeededRandom(1), now: () => 0 });
}

describe("kubectl apply on an existing object", () => {
  it("reports a second apply of the same manifest as unchanged", () => {
    const api = server();
    expect(api.apply(deployment("nginx:1.27"), { origin: "user" })).toMatchObject({ ok: true, changed: true });
    const again = api.apply(deployment("nginx:1.27"), { origin: "user" });
    expect(again).toMatchObject({ ok: true, changed: false });
    expect(api.store.get("Deployment", "default", "web")?.metadata.generation).toBe(1);
  });

  it("changes what the manifest changed, bumps the generation and keeps what the cluster filled in", () => {
    const api = server();
    api.apply(deployment("nginx:1.27"), { origin: "user" });
    api.store.patch("Deployment", "default", "web", (o) => {
      o.status = { replicas: 2 };
    });
    const out = api.apply(deployment("nginx:1.28"), { origin: "user" });
    expect(out.ok).toBe(true);
    const live = api.store.get("Deployment", "default", "web")!;
    expect(live.spec.template.spec.containers[0].image).toBe("nginx:1.28");
    expect(live.metadata.generation).toBe(2);
    expect(live.spec.strategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" },
    });
    expect(live.status).toEqual({ replicas: 2 });
  });

  it("removes a field the last apply set and this one does not", () => {
    const api = server();
    api.apply(deployment("nginx:1.27", { minReadySeconds: 5 }), { origin: "user" });
    api.apply(deployment("nginx:1.27"), { origin: "user" });
    expect(api.store.get("Deployment", "default", "web")?.spec.minReadySeconds).toBeUndefined();
  });

  it("refuses a changed selector as an immutable field", () => {
    const api = server();
    api.apply(deployment("nginx:1.27"), { origin: "user" });
    const changed = deployment("nginx:1.27");
    changed.spec.selector = { matchLabels: { app: "api" } };
    changed.spec.template.metadata.labels = { app: "api" };
    const out = api.apply(changed, { origin: "user" });
    expect(out.ok).toBe(false);
    expect(out.ok ? "" : out.message).toContain("spec.selector: Invalid value:");
    expect(out.ok ? "" : out.message).toContain("field is immutable");
  });
});
