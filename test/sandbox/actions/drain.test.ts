import { describe, expect, it } from "vitest";
import { parseAction, scheduleAction } from "../../../src/sandbox/actions/index.js";
import { type Cluster, createCluster } from "../../../src/sandbox/cluster/cluster.js";
import { workloadControllers } from "../../../src/sandbox/controllers/index.js";
import { createKubelet } from "../../../src/sandbox/kubelet/index.js";
import type { KubeObject } from "../../../src/sandbox/model/object.js";
import { createScheduler } from "../../../src/sandbox/scheduler/index.js";

function cluster(): Cluster {
  return createCluster({ controllers: [createScheduler(), ...workloadControllers(), createKubelet()] });
}

function apply(c: Cluster, obj: KubeObject): void {
  const out = c.api.apply(obj, { origin: "user" });
  if (!out.ok) throw new Error(out.message);
}

function drainAt(c: Cluster, flags = ""): string[] {
  const r = parseAction(`10s: kubectl drain node-b${flags}`);
  if (!r.ok) throw new Error(r.message);
  scheduleAction(r.action, c.ctx);
  c.clock.runUntil(20);
  return c.recorder
    .list()
    .filter((e) => e.source === "kubectl")
    .map((e) => e.message);
}

const container = { name: "c", image: "nginx:1.27" };
const emptyDir = { volumes: [{ name: "tmp", emptyDir: {} }] };

function barePod(name: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: { nodeName: "node-b", containers: [container], ...extra },
  };
}

/** A DaemonSet pod, a bare pod, and a ReplicaSet pod with an emptyDir, all on node-b. */
function mixed(c: Cluster): void {
  apply(c, {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "agent" },
    spec: {
      selector: { matchLabels: { app: "agent" } },
      template: { metadata: { labels: { app: "agent" } }, spec: { containers: [container] } },
    },
  });
  apply(c, barePod("lonely"));
  apply(c, {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "cache" },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "cache" } },
      template: {
        metadata: { labels: { app: "cache" } },
        spec: { nodeSelector: { "kubernetes.io/hostname": "node-b" }, containers: [container], ...emptyDir },
      },
    },
  });
}

/** `namespace/name` of the pod on node-b whose name starts with `prefix`. */
const podOf = (c: Cluster, prefix: string) =>
  `default/${c.store.list("Pod").find((p) => p.spec?.nodeName === "node-b" && p.metadata.name?.startsWith(prefix))?.metadata.name}`;

describe("kubectl drain filters", () => {
  it("wraps several kinds of refusal in the aggregate's brackets, and lists them one a line after", () => {
    const c = cluster();
    mixed(c);
    const lines = drainAt(c);
    const errs = [
      `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${podOf(c, "agent-")}`,
      `cannot delete Pods with local storage (use --delete-emptydir-data to override): ${podOf(c, "cache-")}`,
      "cannot delete Pods that declare no controller (use --force to override): default/lonely",
    ];
    expect(lines).toContain(
      `error: unable to drain node "node-b" due to error: [${errs.join(", ")}], continuing command...`,
    );
    expect(lines).toContain(`There are pending nodes to be drained:\n node-b\n${errs.join("\n")}`);
  });

  it("keeps one refusal without brackets", () => {
    const c = cluster();
    mixed(c);
    const lines = drainAt(c, " --ignore-daemonsets --delete-emptydir-data");
    expect(lines).toContain(
      'error: unable to drain node "node-b" due to error: cannot delete Pods that declare no controller (use --force to override): default/lonely, continuing command...',
    );
  });

  it("reports a bare pod with an emptyDir under the first filter that refuses it", () => {
    const c = cluster();
    apply(c, barePod("scratch", emptyDir));
    expect(drainAt(c)).toContain(
      'error: unable to drain node "node-b" due to error: cannot delete Pods with local storage (use --delete-emptydir-data to override): default/scratch, continuing command...',
    );
    const again = cluster();
    apply(again, barePod("scratch", emptyDir));
    expect(drainAt(again, " --delete-emptydir-data")).toContain(
      'error: unable to drain node "node-b" due to error: cannot delete Pods that declare no controller (use --force to override): default/scratch, continuing command...',
    );
  });

  it("warns about ignored DaemonSet pods and forced bare pods, but not about local storage (a later filter drops it)", () => {
    const c = cluster();
    mixed(c);
    c.clock.runUntil(5);
    const [agent, cache] = [podOf(c, "agent-"), podOf(c, "cache-")];
    const lines = drainAt(c, " --ignore-daemonsets --delete-emptydir-data --force");
    expect(lines).toContain(
      `Warning: ignoring DaemonSet-managed Pods: ${agent}; deleting Pods that declare no controller: default/lonely`,
    );
    expect(lines).toContain(`evicting pod ${cache}`);
  });
});
