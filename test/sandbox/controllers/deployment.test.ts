import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../src/sandbox/cluster/cluster.js";
import { deploymentController } from "../../../src/sandbox/controllers/deployment.js";
import { rolloutUndo } from "../../../src/sandbox/controllers/deployment-undo.js";
import {
  computeHash,
  POD_TEMPLATE_HASH,
  REVISION,
  resolveFenceposts,
  safeEncodeString,
} from "../../../src/sandbox/controllers/deployment-util.js";
import { garbageCollector } from "../../../src/sandbox/controllers/garbage-collector.js";
import { replicaSetController } from "../../../src/sandbox/controllers/replicaset.js";
import { NAME_ALPHABET } from "../../../src/sandbox/model/random.js";
import { apply, controllerCluster, deployment, messages, podsOf } from "./harness.js";

function cluster(): Cluster {
  return controllerCluster([deploymentController(), replicaSetController(), garbageCollector()]);
}

function setImage(c: Cluster, name: string, image: string): void {
  c.store.patch("Deployment", "default", name, (d) => {
    d.spec.template.spec.containers[0].image = image;
    d.metadata.generation = (d.metadata.generation ?? 1) + 1;
  });
}

function replicaSets(c: Cluster) {
  return c.store.list("ReplicaSet", "default");
}

function cond(obj: { status?: any } | undefined, type: string) {
  return obj?.status?.conditions?.find((x: { type: string }) => x.type === type);
}

describe("fenceposts (deployment_util.go ResolveFenceposts)", () => {
  it.each([
    [1, 1, 0],
    [2, 1, 0],
    [3, 1, 0],
    [4, 1, 1],
    [10, 3, 2],
  ])("replicas %i with 25%%/25%% → surge %i, unavailable %i", (replicas, surge, unavailable) => {
    expect(resolveFenceposts(deployment("d", replicas) as never)).toEqual({ surge, unavailable });
  });

  it("both zero after rounding → maxUnavailable 1", () => {
    const d = deployment("d", 2, {
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "10%", maxUnavailable: "10%" } },
    });
    expect(resolveFenceposts(d as never)).toEqual({ surge: 1, unavailable: 0 });
    const z = deployment("d", 2, {
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: "10%" } },
    });
    expect(resolveFenceposts(z as never)).toEqual({ surge: 0, unavailable: 1 });
  });
});

describe("pod-template hash (controller_utils.go ComputeHash + rand.SafeEncodeString)", () => {
  it("encodes the decimal FNV sum in the vowel-free alphabet, one character per digit", () => {
    const h = computeHash({ spec: { containers: [{ name: "a", image: "nginx" }] } });
    expect(h).toMatch(new RegExp(`^[${NAME_ALPHABET}]{1,10}$`));
    expect(safeEncodeString("0123456789")).toHaveLength(10);
  });
  it("changes with the template and with the collision count", () => {
    const t = { spec: { containers: [{ name: "a", image: "nginx" }] } };
    expect(computeHash(t)).toBe(computeHash(JSON.parse(JSON.stringify(t))));
    expect(computeHash(t)).not.toBe(computeHash({ spec: { containers: [{ name: "a", image: "redis" }] } }));
    expect(computeHash(t, 1)).not.toBe(computeHash(t));
  });
});

describe("Deployment controller", () => {
  it("creates <deployment>-<hash> with the hash label, scales it up once, and reports availability", () => {
    const c = cluster();
    apply(c, deployment("web", 3));
    c.clock.runUntil(60);
    const [rs, ...more] = replicaSets(c);
    expect(more).toHaveLength(0);
    const hash = rs?.metadata.labels?.[POD_TEMPLATE_HASH] ?? "";
    expect(rs?.metadata.name).toBe(`web-${hash}`);
    expect(rs?.spec.selector.matchLabels[POD_TEMPLATE_HASH]).toBe(hash);
    expect(rs?.metadata.annotations?.[REVISION]).toBe("1");
    expect(messages(c, "ScalingReplicaSet")).toEqual([`Scaled up replica set web-${hash} from 0 to 3`]);
    expect(messages(c, "SuccessfulCreate", `ReplicaSet/web-${hash}`)).toHaveLength(3);
    const pods = podsOf(c, `web-${hash}-`);
    expect(pods).toHaveLength(3);
    for (const p of pods) expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[${NAME_ALPHABET}]{5}$`));
    const d = c.store.get("Deployment", "default", "web");
    expect(d?.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(cond(d, "Available")).toMatchObject({ status: "True", reason: "MinimumReplicasAvailable" });
    expect(cond(d, "Progressing")).toMatchObject({
      status: "True",
      reason: "NewReplicaSetAvailable",
      message: `ReplicaSet "web-${hash}" has successfully progressed.`,
    });
  });

  it.each([
    [4, 3, 2],
    [10, 8, 5],
  ])("a rollout to a broken image with %i replicas stalls at %i old + %i new pods", (replicas, old, fresh) => {
    const c = cluster();
    apply(c, deployment("web", replicas));
    c.clock.runUntil(30);
    const oldRS = replicaSets(c)[0]?.metadata.name ?? "";
    setImage(c, "web", "broken:1");
    c.clock.runUntil(300);
    const newRS = replicaSets(c).find((r) => r.metadata.name !== oldRS)?.metadata.name ?? "";
    expect(podsOf(c, `${oldRS}-`).filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(old);
    expect(podsOf(c, `${newRS}-`)).toHaveLength(fresh);
  });

  it("rolls a good image through with surge 1, unavailable 0 and keeps both revisions", () => {
    const c = cluster();
    apply(c, deployment("web", 3));
    c.clock.runUntil(30);
    const oldRS = replicaSets(c)[0]?.metadata.name ?? "";
    setImage(c, "web", "nginx:1.28");
    c.clock.runUntil(300);
    const newRS = replicaSets(c).find((r) => r.metadata.name !== oldRS);
    const n = newRS?.metadata.name ?? "";
    expect(messages(c, "ScalingReplicaSet")).toEqual([
      `Scaled up replica set ${oldRS} from 0 to 3`,
      `Scaled up replica set ${n} from 0 to 1`,
      `Scaled down replica set ${oldRS} from 3 to 2`,
      `Scaled up replica set ${n} from 1 to 2`,
      `Scaled down replica set ${oldRS} from 2 to 1`,
      `Scaled up replica set ${n} from 2 to 3`,
      `Scaled down replica set ${oldRS} from 1 to 0`,
    ]);
    expect(newRS?.metadata.annotations?.[REVISION]).toBe("2");
    expect(c.store.get("ReplicaSet", "default", oldRS)?.spec.replicas).toBe(0);
    expect(c.store.get("Deployment", "default", "web")?.metadata.annotations?.[REVISION]).toBe("2");
  });

  it("Recreate scales the old ReplicaSet to 0 and creates the new one only once its pods are gone", () => {
    const c = cluster();
    apply(c, deployment("web", 3, { strategy: { type: "Recreate" } }));
    c.clock.runUntil(30);
    const oldRS = replicaSets(c)[0]?.metadata.name ?? "";
    setImage(c, "web", "nginx:1.28");
    c.clock.runUntil(300);
    const events = c.recorder.list().filter((e) => e.reason === "ScalingReplicaSet");
    expect(events.map((e) => e.message.replace(/web-\w+/, "RS"))).toEqual([
      "Scaled up replica set RS from 0 to 3",
      "Scaled down replica set RS from 3 to 0",
      "Scaled up replica set RS from 0 to 3",
    ]);
    const down = events[1]?.time ?? 0;
    const up = events[2]?.time ?? 0;
    expect(up).toBeGreaterThan(down);
    expect(podsOf(c, `${oldRS}-`)).toHaveLength(0);
  });

  it("sets Progressing=False ProgressDeadlineExceeded after progressDeadlineSeconds, without rolling back", () => {
    const c = cluster();
    apply(c, deployment("web", 2, { image: "broken:1", progressDeadlineSeconds: 60 }));
    c.clock.runUntil(59);
    expect(cond(c.store.get("Deployment", "default", "web"), "Progressing")?.reason).not.toBe(
      "ProgressDeadlineExceeded",
    );
    c.clock.runUntil(120);
    const d = c.store.get("Deployment", "default", "web");
    const rs = replicaSets(c)[0]?.metadata.name;
    expect(cond(d, "Progressing")).toMatchObject({
      status: "False",
      reason: "ProgressDeadlineExceeded",
      message: `ReplicaSet "${rs}" has timed out progressing.`,
    });
    expect(cond(d, "Available")).toMatchObject({ status: "False", reason: "MinimumReplicasUnavailable" });
    expect(messages(c, "ProgressDeadlineExceeded")).toEqual([]);
  });

  it("scales the only active ReplicaSet on a replica change", () => {
    const c = cluster();
    apply(c, deployment("web", 3));
    c.clock.runUntil(30);
    c.store.patch("Deployment", "default", "web", (d) => {
      d.spec.replicas = 5;
    });
    c.clock.runUntil(60);
    const rs = replicaSets(c)[0]?.metadata.name;
    expect(messages(c, "ScalingReplicaSet").at(-1)).toBe(`Scaled up replica set ${rs} from 3 to 5`);
    expect(podsOf(c, `${rs}-`)).toHaveLength(5);
  });

  it("rollout undo brings back the previous template as a new revision", () => {
    const c = cluster();
    apply(c, deployment("web", 2));
    c.clock.runUntil(30);
    expect(rolloutUndo(c.ctx, "default", "web")).toEqual({
      ok: false,
      message: 'error: no rollout history found for deployment "web"',
    });
    const first = replicaSets(c)[0]?.metadata.name ?? "";
    setImage(c, "web", "nginx:1.28");
    c.clock.runUntil(200);
    expect(rolloutUndo(c.ctx, "default", "web")).toEqual({ ok: true, message: "deployment.apps/web rolled back" });
    c.clock.runUntil(400);
    const rs = c.store.get("ReplicaSet", "default", first);
    expect(rs?.spec.replicas).toBe(2);
    expect(rs?.metadata.annotations?.[REVISION]).toBe("3");
    expect(c.store.get("Deployment", "default", "web")?.spec.template.spec.containers[0].image).toBe("nginx:1.27");
    expect(rolloutUndo(c.ctx, "default", "web", 7)).toEqual({
      ok: false,
      message: "error: unable to find specified revision 7 in history",
    });
  });

  it("keeps at most revisionHistoryLimit old ReplicaSets", () => {
    const c = cluster();
    apply(c, deployment("web", 1, { revisionHistoryLimit: 1 }));
    for (const [i, image] of ["a:1", "a:2", "a:3"].entries()) {
      c.clock.runUntil(100 * (i + 1));
      setImage(c, "web", image);
    }
    c.clock.runUntil(500);
    const revisions = replicaSets(c)
      .map((r) => r.metadata.annotations?.[REVISION])
      .sort();
    expect(revisions).toEqual(["3", "4"]);
  });

  it("a paused Deployment does not roll out a template change", () => {
    const c = cluster();
    apply(c, deployment("web", 2, { paused: true }));
    c.clock.runUntil(30);
    expect(replicaSets(c)).toHaveLength(0);
    expect(cond(c.store.get("Deployment", "default", "web"), "Progressing")).toMatchObject({
      status: "Unknown",
      reason: "DeploymentPaused",
      message: "Deployment is paused",
    });
  });
});
