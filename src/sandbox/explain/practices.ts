/**
 * Best-practice warnings, each tied to its simulated consequence where the simulation shows one:
 * where the replicas actually landed, what a drain of that node would do, what the scheduler
 * reserved for a pod without requests. The checks are those kube-score, kube-linter and Polaris
 * share (docs/checks.md compares them).
 */
import type { ObjectStore } from "../api/store.js";
import { matchesLabelSelector } from "../model/selector.js";
import type { Finding } from "../result.js";
import type { FindingContext } from "./source.js";
import { containersOf, inputWorkloads, type Workload } from "./workloads.js";

type Any = any;

function names(list: Any[]): string {
  return list.map((c) => `"${c.name}"`).join(", ");
}

/** `nginx`, `nginx:latest` and digests: the tag kubelet resolves (no tag means latest). */
export function imageTag(image: string): string | null {
  if (image.includes("@")) return null;
  const last = image.slice(image.lastIndexOf("/") + 1);
  const i = last.indexOf(":");
  return i < 0 ? "latest" : last.slice(i + 1);
}

/**
 * Whether a container asks for CPU or memory. A limit without a request counts: defaulting copies
 * limits into missing requests (`SetDefaults_Pod` in pkg/apis/core/v1/defaults.go), so the
 * scheduler reserves it; and only CPU and memory decide the QoS class (pkg/apis/core/helper/qos).
 */
const reservesCpuOrMemory = (c: Any): boolean =>
  ["cpu", "memory"].some((r) => c.resources?.requests?.[r] !== undefined || c.resources?.limits?.[r] !== undefined);

function resourceFindings(w: Workload): Finding[] {
  const containers: Any[] = w.podSpec.containers ?? [];
  const noRequests = containers.filter((c) => !reservesCpuOrMemory(c));
  const noLimits = containers.filter((c) => !c.resources?.limits?.memory);
  const out: Finding[] = [];
  if (noRequests.length > 0) {
    const bestEffort = [...containers, ...(w.podSpec.initContainers ?? [])].every((c) => !reservesCpuOrMemory(c));
    out.push({
      severity: "warning",
      layer: "scheduling",
      object: w.ref,
      message: `container ${names(noRequests)} has no CPU or memory requests: the scheduler reserved none for it, so nodes can be overcommitted${bestEffort ? ", and the pod is the first evicted under memory pressure (QoS BestEffort)" : ""}`,
      hint: "set resources.requests.cpu and resources.requests.memory to what the app needs at rest",
    });
  }
  if (noLimits.length > 0) {
    out.push({
      severity: "info",
      layer: "runtime",
      object: w.ref,
      message: `container ${names(noLimits)} has no memory limit: a leak grows until the node runs out of memory`,
      hint: "set resources.limits.memory",
    });
  }
  return out;
}

function imageFindings(w: Workload): Finding[] {
  const latest = containersOf(w.podSpec).filter((c) => typeof c.image === "string" && imageTag(c.image) === "latest");
  if (latest.length === 0) return [];
  return [
    {
      severity: "warning",
      layer: "spec",
      object: w.ref,
      message: `container ${names(latest)} uses the latest tag (${latest.map((c) => c.image).join(", ")}): imagePullPolicy defaults to Always, and two nodes can run different code under the same name`,
      hint: "pin a version tag or a digest",
    },
  ];
}

function probeFindings(w: Workload): Finding[] {
  if (w.object.kind === "Job" || w.object.kind === "CronJob") return [];
  const containers: Any[] = w.podSpec.containers ?? [];
  const none = containers.filter((c) => !c.readinessProbe && !c.livenessProbe);
  if (none.length === 0) return [];
  return [
    {
      severity: "info",
      layer: "runtime",
      object: w.ref,
      message: `container ${names(none)} has no readiness or liveness probe: it counts as Ready as soon as it starts, and a hung process keeps receiving traffic`,
      hint: "add a readinessProbe on the port the app serves",
    },
  ];
}

function hasPdb(store: ObjectStore, w: Workload): boolean {
  return store
    .list("PodDisruptionBudget", w.object.metadata.namespace)
    .some((p) => matchesLabelSelector(p.spec?.selector, w.podMeta.labels ?? {}));
}

/** Replica count and placement: computed from the node each pod actually landed on. */
function placementFindings(store: ObjectStore, w: Workload): Finding[] {
  if (w.replicas === null || (w.object.kind !== "Deployment" && w.object.kind !== "StatefulSet")) return [];
  const nodes = [...new Set(w.pods.map((p) => p.spec?.nodeName).filter((n): n is string => typeof n === "string"))];
  const out: Finding[] = [];
  if (w.replicas === 1) {
    const where = nodes[0];
    out.push({
      severity: "info",
      layer: "node",
      object: w.ref,
      message: where
        ? `runs one replica, on ${where}: \`kubectl drain ${where}\` or a failure of ${where} means downtime until a new pod starts elsewhere`
        : "runs one replica: any restart or drain means downtime",
      hint: "run at least 2 replicas for anything that serves traffic",
    });
  } else if (nodes.length === 1 && w.pods.length >= 2) {
    const node = nodes[0] as string;
    out.push({
      severity: "warning",
      layer: "scheduling",
      object: w.ref,
      message: `all ${w.pods.length} replicas landed on ${node}: \`kubectl drain ${node}\` means downtime`,
      hint: "spread them with topologySpreadConstraints or podAntiAffinity on kubernetes.io/hostname",
    });
  }
  if (w.replicas >= 2 && !hasPdb(store, w)) {
    out.push({
      severity: "info",
      layer: "node",
      object: w.ref,
      message: `has ${w.replicas} replicas and no PodDisruptionBudget: \`kubectl drain\` may evict all of them at once`,
      hint: "add a PodDisruptionBudget with maxUnavailable: 1",
    });
  }
  return out;
}

/** Best-practice findings for every input workload. */
export function practiceFindings(ctx: FindingContext): Finding[] {
  const store = ctx.cluster.store;
  return inputWorkloads(store).flatMap((w) => [
    ...resourceFindings(w),
    ...imageFindings(w),
    ...probeFindings(w),
    ...placementFindings(store, w),
  ]);
}
