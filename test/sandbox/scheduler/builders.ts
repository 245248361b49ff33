/**
 * Fluent fixtures for scheduler tests, in the manner of upstream's st.MakePod()/st.MakeNode()
 * (pkg/scheduler/testing/wrappers.go).
 */
import { type Cluster, createCluster } from "../../../src/sandbox/cluster/cluster.js";
import { makeNode } from "../../../src/sandbox/cluster/default-cluster.js";
import type { KubeObject } from "../../../src/sandbox/model/object.js";
import { createScheduler } from "../../../src/sandbox/scheduler/index.js";

type Obj = Record<string, any>;

export class PodWrapper {
  readonly obj: KubeObject;
  constructor(name: string, namespace = "default") {
    this.obj = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name, namespace, labels: {} },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    };
  }
  private get c(): Obj {
    return this.obj.spec.containers[0];
  }
  labels(l: Record<string, string>): this {
    Object.assign(this.obj.metadata.labels as Obj, l);
    return this;
  }
  req(r: Record<string, string>): this {
    this.c.resources = { ...(this.c.resources ?? {}), requests: r };
    return this;
  }
  limits(r: Record<string, string>): this {
    this.c.resources = { ...(this.c.resources ?? {}), limits: r };
    return this;
  }
  init(c: Obj): this {
    this.obj.spec.initContainers = [...(this.obj.spec.initContainers ?? []), c];
    return this;
  }
  hostPort(port: number, protocol = "TCP", hostIP?: string): this {
    this.c.ports = [
      ...(this.c.ports ?? []),
      { containerPort: port, hostPort: port, protocol, ...(hostIP ? { hostIP } : {}) },
    ];
    return this;
  }
  image(i: string): this {
    this.c.image = i;
    return this;
  }
  spec(s: Obj): this {
    Object.assign(this.obj.spec, s);
    return this;
  }
  nodeSelector(s: Record<string, string>): this {
    return this.spec({ nodeSelector: s });
  }
  tolerations(...t: Obj[]): this {
    return this.spec({ tolerations: t });
  }
  affinity(a: Obj): this {
    this.obj.spec.affinity = { ...(this.obj.spec.affinity ?? {}), ...a };
    return this;
  }
  podAntiAffinityRequired(key: string, labels: Record<string, string>): this {
    return this.affinity({
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: key, labelSelector: { matchLabels: labels } }],
      },
    });
  }
  podAffinityRequired(key: string, labels: Record<string, string>): this {
    return this.affinity({
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: key, labelSelector: { matchLabels: labels } }],
      },
    });
  }
  spread(key: string, maxSkew: number, labels: Record<string, string>, when = "DoNotSchedule"): this {
    this.obj.spec.topologySpreadConstraints = [
      ...(this.obj.spec.topologySpreadConstraints ?? []),
      { maxSkew, topologyKey: key, whenUnsatisfiable: when, labelSelector: { matchLabels: labels } },
    ];
    return this;
  }
  /** Uses PriorityClass `pc-<value>` (create it with `priorityClass(value)`): admission resolves spec.priority. */
  priority(p: number): this {
    return this.spec({ priorityClassName: `pc-${p}` });
  }
  node(n: string): this {
    return this.spec({ nodeName: n });
  }
  build(): KubeObject {
    return structuredClone(this.obj);
  }
}

export function pod(name: string, namespace?: string): PodWrapper {
  return new PodWrapper(name, namespace);
}

export class NodeWrapper {
  readonly obj: KubeObject;
  constructor(name: string, opts: Parameters<typeof makeNode>[1] = {}) {
    this.obj = makeNode(name, opts);
  }
  labels(l: Record<string, string>): this {
    Object.assign(this.obj.metadata.labels as Obj, l);
    return this;
  }
  taint(key: string, value: string | undefined, effect: string): this {
    this.obj.spec.taints = [
      ...(this.obj.spec.taints ?? []),
      { key, ...(value !== undefined ? { value } : {}), effect },
    ];
    return this;
  }
  unschedulable(): this {
    this.obj.spec.unschedulable = true;
    return this;
  }
  images(...imgs: { names: string[]; sizeBytes: number }[]): this {
    this.obj.status.images = imgs;
    return this;
  }
  build(): KubeObject {
    return structuredClone(this.obj);
  }
}

export function node(name: string, opts: Parameters<typeof makeNode>[1] = {}): NodeWrapper {
  return new NodeWrapper(name, opts);
}

/** A cluster running only the scheduler. */
export function schedulerCluster(
  nodes?: KubeObject[],
  seed = 1,
): Cluster & { scheduler: ReturnType<typeof createScheduler> } {
  const scheduler = createScheduler();
  const c = createCluster({ seed, controllers: [scheduler], ...(nodes ? { nodes } : {}) });
  return { ...c, scheduler };
}

/** Creates objects through the API server (user origin), failing the test on rejection. */
export function apply(c: Cluster, ...objs: KubeObject[]): void {
  for (const o of objs) {
    const out = c.api.create(o, { origin: "user" });
    if (!out.ok) throw new Error(`create ${o.kind}/${o.metadata.name} failed: ${out.message}`);
  }
}

/** The node a pod was bound to, or null. */
export function nodeOf(c: Cluster, name: string, namespace = "default"): string | null {
  return c.store.get("Pod", namespace, name)?.spec?.nodeName ?? null;
}

/** The messages of events with a reason about a pod. */
export function eventMessages(c: Cluster, podName: string, reason: string): string[] {
  return c.recorder
    .list()
    .filter((e) => e.object === `Pod/${podName}` && e.reason === reason)
    .map((e) => e.message);
}

/** A PriorityClass named `pc-<value>`. */
export function priorityClass(value: number, preemptionPolicy?: string): KubeObject {
  return {
    apiVersion: "scheduling.k8s.io/v1",
    kind: "PriorityClass",
    metadata: { name: `pc-${value}` },
    value,
    ...(preemptionPolicy ? { preemptionPolicy } : {}),
  };
}
