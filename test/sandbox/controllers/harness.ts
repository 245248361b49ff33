/**
 * A cluster for controller tests. The real scheduler and kubelet are built in parallel, so two
 * tiny stand-ins take their place here (and say so): `fakeScheduler` binds each new pod to the
 * node its DaemonSet affinity names, else to the Ready, schedulable node with the fewest pods;
 * `fakeKubelet` runs bound pods by a few test conventions:
 * - image `broken`: never starts (Pending, ErrImagePull);
 * - command `exit N` (N > 0): fails after 1 s (restarts in place unless restartPolicy Never);
 * - command `sleep N`: runs N s, then Succeeded (unless restartPolicy Always);
 * - anything else: Running and Ready after `readyAfter` seconds (default 1);
 * - a pod with deletionTimestamp is removed 1 s later.
 */
import { timestampAt } from "../../../src/sandbox/api/server.js";
import { type Cluster, createCluster } from "../../../src/sandbox/cluster/cluster.js";
import { targetNodeName } from "../../../src/sandbox/controllers/daemonset-util.js";
import type { Controller, ControllerContext } from "../../../src/sandbox/engine/controller.js";
import type { KubeObject } from "../../../src/sandbox/model/object.js";

/** Kinds the controllers write, registered with discovery if the API server does not serve them yet. */
const KINDS = [
  { group: "apps", version: "v1", kind: "ReplicaSet", resource: "replicasets", namespaced: true },
  { group: "apps", version: "v1", kind: "StatefulSet", resource: "statefulsets", namespaced: true },
  { group: "apps", version: "v1", kind: "DaemonSet", resource: "daemonsets", namespaced: true },
  { group: "batch", version: "v1", kind: "Job", resource: "jobs", namespaced: true },
  { group: "batch", version: "v1", kind: "CronJob", resource: "cronjobs", namespaced: true },
  { group: "policy", version: "v1", kind: "PodDisruptionBudget", resource: "poddisruptionbudgets", namespaced: true },
  { group: "", version: "v1", kind: "PersistentVolumeClaim", resource: "persistentvolumeclaims", namespaced: true },
  { group: "", version: "v1", kind: "ServiceAccount", resource: "serviceaccounts", namespaced: true },
  { group: "", version: "v1", kind: "ReplicationController", resource: "replicationcontrollers", namespaced: true },
];

/** Stand-in for the scheduler (see file comment). */
export function fakeScheduler(): Controller {
  return {
    name: "default-scheduler",
    watches: ["Pod"],
    keysFor: (e) =>
      e.type === "ADDED" && !e.object.spec?.nodeName
        ? [`${e.object.metadata.namespace}/${e.object.metadata.name}`]
        : [],
    reconcile(key, ctx) {
      const [ns, name] = key.split("/") as [string, string];
      const pod = ctx.store.get("Pod", ns, name);
      if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp) return undefined;
      const nodes = ctx.store
        .list("Node")
        .filter((n) => !n.spec?.unschedulable && n.status?.conditions?.[0]?.status === "True");
      const pinned = targetNodeName(pod);
      const count = (n: string) => ctx.store.list("Pod").filter((p) => p.spec?.nodeName === n).length;
      const node = pinned
        ? nodes.find((n) => n.metadata.name === pinned)
        : [...nodes].sort((a, b) => count(a.metadata.name ?? "") - count(b.metadata.name ?? ""))[0];
      if (!node) return undefined;
      ctx.store.patch("Pod", ns, name, (p) => {
        p.spec.nodeName = node.metadata.name;
        p.status = { phase: "Pending", conditions: [{ type: "PodScheduled", status: "True" }] };
      });
      return undefined;
    },
  };
}

function setStatus(ctx: ControllerContext, pod: KubeObject, status: Record<string, unknown>): void {
  ctx.store.patch("Pod", pod.metadata.namespace, pod.metadata.name ?? "", (p) => {
    p.status = { ...p.status, ...status };
  });
}

function run(ctx: ControllerContext, key: string, restarts: number): void {
  const [ns, name] = key.split("/") as [string, string];
  const pod = ctx.store.get("Pod", ns, name);
  if (!pod || pod.metadata.deletionTimestamp) return;
  const c = pod.spec?.containers?.[0] ?? {};
  const cmd = [...(c.command ?? []), ...(c.args ?? [])].join(" ");
  const policy = pod.spec?.restartPolicy ?? "Always";
  const now = ctx.clock.now;
  if (String(c.image).includes("broken")) {
    setStatus(ctx, pod, {
      containerStatuses: [
        { name: c.name, ready: false, restartCount: 0, state: { waiting: { reason: "ErrImagePull" } } },
      ],
    });
    return;
  }
  const running = (ready: boolean) =>
    setStatus(ctx, pod, {
      phase: "Running",
      conditions: [
        { type: "PodScheduled", status: "True" },
        { type: "Ready", status: ready ? "True" : "False", lastTransitionTime: timestampAt(now) },
      ],
      containerStatuses: [
        { name: c.name, ready, restartCount: restarts, state: { running: { startedAt: timestampAt(now) } } },
      ],
    });
  const exit = /exit (\d+)/.exec(cmd);
  const sleep = /sleep (\d+)/.exec(cmd);
  if (exit && Number(exit[1]) > 0) {
    running(false);
    ctx.clock.after(1, "fake-kubelet exit", () => {
      const p = ctx.store.get("Pod", ns, name);
      if (!p || p.metadata.deletionTimestamp) return;
      if (policy === "Never") {
        setStatus(ctx, p, {
          phase: "Failed",
          conditions: [{ type: "Ready", status: "False" }],
          containerStatuses: [
            {
              name: c.name,
              ready: false,
              restartCount: restarts,
              state: {
                terminated: { exitCode: Number(exit[1]), reason: "Error", finishedAt: timestampAt(ctx.clock.now) },
              },
            },
          ],
        });
      } else {
        run(ctx, key, restarts + 1);
      }
    });
    return;
  }
  running(true);
  if (sleep && policy !== "Always") {
    ctx.clock.after(Number(sleep[1]), "fake-kubelet done", () => {
      const p = ctx.store.get("Pod", ns, name);
      if (!p || p.metadata.deletionTimestamp) return;
      setStatus(ctx, p, {
        phase: "Succeeded",
        conditions: [{ type: "Ready", status: "False" }],
        containerStatuses: [
          {
            name: c.name,
            ready: false,
            restartCount: restarts,
            state: { terminated: { exitCode: 0, reason: "Completed", finishedAt: timestampAt(ctx.clock.now) } },
          },
        ],
      });
    });
  }
}

/** Stand-in for the kubelet (see file comment). */
export function fakeKubelet(readyAfter = 1): Controller {
  const started = new Set<string>();
  return {
    name: "kubelet",
    watches: ["Pod"],
    keysFor: (e) => (e.type === "DELETED" ? [] : [`${e.object.metadata.namespace}/${e.object.metadata.name}`]),
    reconcile(key, ctx) {
      const [ns, name] = key.split("/") as [string, string];
      const pod = ctx.store.get("Pod", ns, name);
      if (!pod?.spec?.nodeName) return undefined;
      const id = `${key}/${pod.metadata.uid}`;
      if (pod.metadata.deletionTimestamp) {
        if (started.has(`${id}/deleting`)) return undefined;
        started.add(`${id}/deleting`);
        ctx.clock.after(1, "fake-kubelet remove", () => ctx.store.remove("Pod", ns, name));
        return undefined;
      }
      if (started.has(id)) return undefined;
      started.add(id);
      ctx.clock.after(readyAfter, "fake-kubelet start", () => run(ctx, key, 0));
      return undefined;
    },
  };
}

/** A cluster with `controllers` plus the stand-in scheduler and kubelet. */
export function controllerCluster(
  controllers: Controller[],
  opts: { nodes?: KubeObject[]; readyAfter?: number; seed?: number } = {},
): Cluster {
  const c = createCluster({
    controllers: [...controllers, fakeScheduler(), fakeKubelet(opts.readyAfter ?? 1)],
    ...(opts.nodes ? { nodes: opts.nodes } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
  });
  for (const k of KINDS) {
    const gv = k.group ? `${k.group}/${k.version}` : k.version;
    if ("error" in c.api.discovery.lookup(gv, k.kind)) c.api.discovery.register(k as never);
  }
  return c;
}

/** Creates an object as a learner would; fails the test if it is rejected. */
export function apply(c: Cluster, obj: unknown): KubeObject {
  const out = c.api.create(obj, { origin: "user" });
  if (!out.ok) throw new Error(out.message);
  return out.object;
}

/** Live (not deleted) pods whose name starts with `prefix`. */
export function podsOf(c: Cluster, prefix: string, ns = "default"): KubeObject[] {
  return c.store.list("Pod", ns).filter((p) => p.metadata.name?.startsWith(prefix));
}

/** Event messages with `reason`, optionally about one object (`Kind/name`). */
export function messages(c: Cluster, reason: string, object?: string): string[] {
  return c.recorder
    .list()
    .filter((e) => e.reason === reason && (object === undefined || e.object === object))
    .map((e) => e.message);
}

/** A Deployment manifest. */
export function deployment(name: string, replicas: number, extra: Record<string, any> = {}): Record<string, any> {
  const { image = "nginx:1.27", strategy, ...spec } = extra;
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default" },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      ...(strategy ? { strategy } : {}),
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "app", image }] } },
      ...spec,
    },
  };
}
