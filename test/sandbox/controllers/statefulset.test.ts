import { describe, expect, it } from "vitest";
import { statefulSetController } from "../../../src/sandbox/controllers/statefulset.js";
import { apply, controllerCluster, messages } from "./harness.js";

function sts(replicas: number, extra: Record<string, any> = {}): Record<string, any> {
  const { image = "postgres:16", ...spec } = extra;
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "db", namespace: "default" },
    spec: {
      replicas,
      serviceName: "db",
      selector: { matchLabels: { app: "db" } },
      template: { metadata: { labels: { app: "db" } }, spec: { containers: [{ name: "pg", image }] } },
      volumeClaimTemplates: [
        {
          metadata: { name: "data" },
          spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
        },
      ],
      ...spec,
    },
  };
}

function createdAt(c: ReturnType<typeof controllerCluster>, pod: string): number | undefined {
  return c.recorder.list().find((e) => e.message === `create Pod ${pod} in StatefulSet db successful`)?.time;
}

describe("StatefulSet controller", () => {
  it("OrderedReady creates each claim, then its pod, one ordinal after the previous is Ready", () => {
    const c = controllerCluster([statefulSetController()], { readyAfter: 5 });
    apply(c, sts(3));
    c.clock.runUntil(120);
    expect(messages(c, "SuccessfulCreate", "StatefulSet/db")).toEqual([
      "create Claim data-db-0 Pod db-0 in StatefulSet db success",
      "create Pod db-0 in StatefulSet db successful",
      "create Claim data-db-1 Pod db-1 in StatefulSet db success",
      "create Pod db-1 in StatefulSet db successful",
      "create Claim data-db-2 Pod db-2 in StatefulSet db success",
      "create Pod db-2 in StatefulSet db successful",
    ]);
    expect(createdAt(c, "db-1")).toBeGreaterThanOrEqual((createdAt(c, "db-0") ?? 0) + 5);
    const pod = c.store.get("Pod", "default", "db-1");
    expect(pod?.spec).toMatchObject({ hostname: "db-1", subdomain: "db" });
    expect(pod?.metadata.labels).toMatchObject({
      "statefulset.kubernetes.io/pod-name": "db-1",
      "apps.kubernetes.io/pod-index": "1",
    });
    expect(pod?.spec.volumes.filter((v: { name: string }) => v.name === "data")).toEqual([
      { name: "data", persistentVolumeClaim: { claimName: "data-db-1" } },
    ]);
    expect(c.store.get("StatefulSet", "default", "db")?.status).toMatchObject({ replicas: 3, readyReplicas: 3 });
  });

  it("a pod that never becomes Ready blocks higher ordinals", () => {
    const c = controllerCluster([statefulSetController()]);
    apply(c, sts(3, { image: "broken:1" }));
    c.clock.runUntil(300);
    expect(c.store.get("Pod", "default", "db-0")).toBeDefined();
    expect(c.store.get("Pod", "default", "db-1")).toBeUndefined();
  });

  it("Parallel creates every ordinal at once", () => {
    const c = controllerCluster([statefulSetController()], { readyAfter: 5 });
    apply(c, sts(3, { podManagementPolicy: "Parallel" }));
    c.clock.runUntil(60);
    expect([0, 1, 2].map((i) => createdAt(c, `db-${i}`))).toEqual([0, 0, 0]);
  });

  it("scales down from the highest ordinal, one at a time, and keeps the claims", () => {
    const c = controllerCluster([statefulSetController()]);
    apply(c, sts(3));
    c.clock.runUntil(60);
    c.store.patch("StatefulSet", "default", "db", (s) => {
      s.spec.replicas = 1;
    });
    c.clock.runUntil(120);
    expect(messages(c, "SuccessfulDelete", "StatefulSet/db")).toEqual([
      "delete Pod db-2 in StatefulSet db successful",
      "delete Pod db-1 in StatefulSet db successful",
    ]);
    const times = c.recorder
      .list()
      .filter((e) => e.reason === "SuccessfulDelete")
      .map((e) => e.time);
    expect(times[1]).toBeGreaterThan(times[0] ?? 0);
    expect(c.store.list("PersistentVolumeClaim", "default").map((p) => p.metadata.name)).toEqual([
      "data-db-0",
      "data-db-1",
      "data-db-2",
    ]);
  });

  it("rolls a template change out from the highest ordinal down to the partition", () => {
    const c = controllerCluster([statefulSetController()]);
    apply(c, sts(3, { updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 1 } } }));
    c.clock.runUntil(60);
    c.store.patch("StatefulSet", "default", "db", (s) => {
      s.spec.template.spec.containers[0].image = "postgres:17";
      s.metadata.generation = 2;
    });
    c.clock.runUntil(200);
    expect(messages(c, "SuccessfulDelete", "StatefulSet/db")).toEqual([
      "delete Pod db-2 in StatefulSet db successful",
      "delete Pod db-1 in StatefulSet db successful",
    ]);
    const image = (n: number) => c.store.get("Pod", "default", `db-${n}`)?.spec.containers[0].image;
    expect([image(0), image(1), image(2)]).toEqual(["postgres:16", "postgres:17", "postgres:17"]);
    expect(c.store.get("StatefulSet", "default", "db")?.status.updatedReplicas).toBe(2);
  });
});
