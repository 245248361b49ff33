import { describe, expect, it } from "vitest";
import { parseAction, scheduleAction } from "../../../src/sandbox/actions/index.js";
import { type Cluster, createCluster } from "../../../src/sandbox/cluster/cluster.js";
import { workloadControllers } from "../../../src/sandbox/controllers/index.js";
import { nodeLifecycleController } from "../../../src/sandbox/controllers/node-lifecycle.js";
import { createKubelet } from "../../../src/sandbox/kubelet/index.js";
import type { KubeObject } from "../../../src/sandbox/model/object.js";
import { createScheduler } from "../../../src/sandbox/scheduler/index.js";

function full(): Cluster {
  return createCluster({
    controllers: [createScheduler(), ...workloadControllers(), createKubelet(), nodeLifecycleController()],
  });
}

function apply(c: Cluster, obj: KubeObject): void {
  const out = c.api.apply(obj, { origin: "user" });
  if (!out.ok) throw new Error(out.message);
}

function then(c: Cluster, text: string, files: Record<string, string> = {}): void {
  const r = parseAction(text, files);
  if (!r.ok) throw new Error(r.message);
  scheduleAction(r.action, c.ctx);
}

function deployment(name: string, replicas: number, image = "nginx:1.27"): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image }] } },
    },
  };
}

const kubectl = (c: Cluster) =>
  c.recorder
    .list()
    .filter((e) => e.source === "kubectl")
    .map((e) => e.message);
const pods = (c: Cluster) => c.store.list("Pod").filter((p) => !p.metadata.deletionTimestamp);

describe("actions", () => {
  it("scale changes the replica count and prints kubectl's line", () => {
    const c = full();
    apply(c, deployment("web", 2));
    then(c, "30s: kubectl scale deployment/web --replicas=4");
    c.clock.runUntil(60);
    expect(kubectl(c)).toContain("deployment.apps/web scaled");
    expect(pods(c)).toHaveLength(4);
  });

  it("scale of a missing deployment is a NotFound line", () => {
    const c = full();
    then(c, "10s: kubectl scale deployment/nope --replicas=1");
    c.clock.runUntil(20);
    expect(kubectl(c)).toEqual(['Error from server (NotFound): deployments.apps "nope" not found']);
    expect(c.notes.some((n) => n.message.includes("nope"))).toBe(true);
  });

  it("set image rolls the deployment to the new image", () => {
    const c = full();
    apply(c, deployment("web", 2));
    then(c, "30s: kubectl set image deployment/web web=nginx:1.28");
    c.clock.runUntil(300);
    expect(kubectl(c)).toContain("deployment.apps/web image updated");
    const images = pods(c).map((p) => p.spec.containers[0].image);
    expect(images).toEqual(["nginx:1.28", "nginx:1.28"]);
  });

  it("rollout undo goes back to the previous template", () => {
    const c = full();
    apply(c, deployment("web", 2));
    then(c, "30s: kubectl set image deployment/web web=nginx:1.28");
    then(c, "3m: kubectl rollout undo deployment/web");
    c.clock.runUntil(600);
    expect(kubectl(c)).toContain("deployment.apps/web rolled back");
    expect(c.store.get("Deployment", "default", "web")?.spec.template.spec.containers[0].image).toBe("nginx:1.27");
  });

  it("delete removes a pod gracefully and its ReplicaSet replaces it", () => {
    const c = full();
    apply(c, deployment("web", 1));
    c.clock.runUntil(20);
    const name = pods(c)[0]?.metadata.name ?? "";
    then(c, `30s: kubectl delete pod ${name}`);
    c.clock.runUntil(90);
    expect(kubectl(c)).toContain(`pod "${name}" deleted from default namespace`);
    expect(c.store.get("Pod", "default", name)).toBeUndefined();
    expect(pods(c)).toHaveLength(1);
  });

  it("drain cordons, evicts and reports; replacements land elsewhere", () => {
    const c = full();
    apply(c, deployment("web", 3));
    c.clock.runUntil(20);
    const onB = pods(c)
      .filter((p) => p.spec.nodeName === "node-b")
      .map((p) => p.metadata.name);
    then(c, "30s: kubectl drain node-b --ignore-daemonsets");
    c.clock.runUntil(120);
    const lines = kubectl(c);
    expect(lines[0]).toBe("node/node-b cordoned");
    for (const n of onB) {
      expect(lines).toContain(`evicting pod default/${n}`);
      expect(lines).toContain(`pod/${n} evicted`);
    }
    expect(lines.at(-1)).toBe("node/node-b drained");
    expect(pods(c).filter((p) => p.spec.nodeName === "node-b")).toHaveLength(0);
    expect(pods(c)).toHaveLength(3);
  });

  it("drain refuses a bare pod without --force", () => {
    const c = full();
    apply(c, {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "bare" },
      spec: { nodeName: "node-a", containers: [{ name: "x", image: "nginx:1.27" }] },
    });
    then(c, "10s: kubectl drain node-a");
    c.clock.runUntil(30);
    expect(kubectl(c)[1]).toBe(
      'error: unable to drain node "node-a" due to error: cannot delete Pods that declare no controller (use --force to override): default/bare, continuing command...',
    );
    expect(c.store.get("Pod", "default", "bare")?.metadata.deletionTimestamp).toBeUndefined();
  });

  it("drain waits for a PodDisruptionBudget and retries every 5s", () => {
    const c = full();
    const d = deployment("web", 2);
    d.spec.template.spec.nodeSelector = { "kubernetes.io/hostname": "node-b" };
    apply(c, d);
    apply(c, {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: "web" },
      spec: { minAvailable: 2, selector: { matchLabels: { app: "web" } } },
    });
    then(c, "30s: kubectl drain node-b");
    c.clock.runUntil(60);
    const refused = c.recorder
      .list()
      .filter(
        (e) =>
          e.source === "kubectl" &&
          e.message.includes(
            "(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.",
          ),
      );
    expect(refused.length).toBe(2);
    expect(refused[0]?.count).toBeGreaterThanOrEqual(5);
    expect(pods(c)).toHaveLength(2);
  });

  it("label, taint and load change the objects they name", () => {
    const c = full();
    apply(c, deployment("web", 1));
    then(c, "10s: kubectl label nodes node-a disktype=ssd");
    then(c, "10s: kubectl taint nodes node-c dedicated=gpu:NoSchedule");
    then(c, "20s: load deployment/web cpu=90");
    c.clock.runUntil(30);
    expect(c.store.get("Node", undefined, "node-a")?.metadata.labels?.disktype).toBe("ssd");
    expect(c.store.get("Node", undefined, "node-c")?.spec.taints).toEqual([
      { key: "dedicated", value: "gpu", effect: "NoSchedule" },
    ]);
    expect(pods(c)[0]?.metadata.annotations?.["podsensei.dev/load-cpu"]).toBe("90");
    expect(kubectl(c)).toEqual([
      "node/node-a labeled",
      "node/node-c tainted",
      "deployment.apps/web: pods now use cpu 90% of their requests",
    ]);
  });

  it("apply -f creates and then configures", () => {
    const c = full();
    const file = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: '1'\n";
    const file2 = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: '2'\n";
    then(c, "10s: kubectl apply -f cm.yaml", { "cm.yaml": file });
    then(c, "20s: kubectl apply -f cm2.yaml", { "cm2.yaml": file2 });
    c.clock.runUntil(30);
    expect(kubectl(c)).toEqual(["configmap/cfg created", "configmap/cfg configured"]);
  });
});
