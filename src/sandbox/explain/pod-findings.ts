/**
 * Pod problems at the horizon, one finding per (top owner, problem): "2 of 3 pods of
 * Deployment/web cannot be scheduled: 0/3 nodes are available: ...". The waiting and terminated
 * reasons are those K8sGPT's Pod analyzer reports on a live cluster; here they are predicted.
 * Pending pods get the scheduler's per-plugin verdicts as their hint when the record is there.
 */
import type { KubeObject } from "../model/object.js";
import { podView, topOwner } from "../render/pod-status.js";
import type { Finding } from "../result.js";
import { pendingSummary } from "./placement.js";
import type { FindingContext } from "./source.js";

interface Problem {
  layer: Finding["layer"];
  severity?: Finding["severity"];
  what: string;
  hint: string;
}

/** kubectl STATUS values that are problems, with the layer they belong to. */
export const POD_PROBLEMS: Record<string, Problem> = {
  Unschedulable: {
    layer: "scheduling",
    what: "cannot be scheduled",
    hint: "read the FailedScheduling message: it counts, per reason, the nodes that were ruled out",
  },
  SchedulingGated: {
    layer: "scheduling",
    what: "is held back by scheduling gates",
    hint: "remove spec.schedulingGates when the pod may be scheduled",
  },
  CrashLoopBackOff: {
    layer: "runtime",
    what: "keeps crashing (CrashLoopBackOff)",
    hint: "the container exits; check its command, required environment and memory limit",
  },
  ImagePullBackOff: {
    layer: "runtime",
    what: "cannot pull its image (ImagePullBackOff)",
    hint: "check the image name and tag",
  },
  ErrImagePull: {
    layer: "runtime",
    what: "cannot pull its image (ErrImagePull)",
    hint: "check the image name and tag",
  },
  InvalidImageName: {
    layer: "runtime",
    what: "has an invalid image name (InvalidImageName)",
    hint: "fix the image reference",
  },
  CreateContainerConfigError: {
    layer: "runtime",
    what: "cannot start: its configuration refers to something missing (CreateContainerConfigError)",
    hint: "create the ConfigMap or Secret (and key) the pod refers to, or mark the reference optional",
  },
  CreateContainerError: {
    layer: "runtime",
    what: "cannot create its container (CreateContainerError)",
    hint: "see the pod's events",
  },
  RunContainerError: {
    layer: "runtime",
    what: "cannot run its container (RunContainerError)",
    hint: "check the command and entrypoint",
  },
  OOMKilled: {
    layer: "runtime",
    what: "was killed for using more memory than its limit (OOMKilled)",
    hint: "raise resources.limits.memory or lower the app's memory use",
  },
  Error: { layer: "runtime", what: "exited with an error", hint: "check the container's command and logs" },
  Evicted: { layer: "node", what: "was evicted", hint: "see the eviction message" },
  Terminating: {
    layer: "node",
    severity: "warning",
    what: "is stuck Terminating",
    hint: "a pod on an unreachable node stays Terminating until the node returns or the pod is force-deleted",
  },
  Unknown: { layer: "node", what: "is on a node that stopped reporting (Unknown)", hint: "the node is unreachable" },
  RunAsNonRoot: {
    layer: "security",
    what: "cannot start: runAsNonRoot is set and the image does not run as a numeric non-root user (CreateContainerConfigError)",
    hint: "set securityContext.runAsUser to a non-zero UID the image works with, or use an image whose USER is a numeric non-root UID (e.g. nginxinc/nginx-unprivileged)",
  },
  ContainerCreating: {
    layer: "runtime",
    what: "is stuck creating its containers",
    hint: "see the pod's events (FailedMount and similar)",
  },
};

interface Group {
  owner: string;
  status: string;
  pods: KubeObject[];
  message: string | null;
}

/** The first Unhealthy (probe failure) event of each pod, by `namespace/Pod/name`. */
function unhealthyByPod(ctx: FindingContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of ctx.cluster.recorder.list()) {
    const key = `${e.namespace}/${e.object}`;
    if (e.reason === "Unhealthy" && !out.has(key)) out.set(key, e.message);
  }
  return out;
}

/** Pod findings at the horizon. */
export function podFindings(ctx: FindingContext): Finding[] {
  const store = ctx.cluster.store;
  const groups = new Map<string, Group>();
  const totals = new Map<string, number>();
  let unhealthy: Map<string, string> | undefined;
  for (const pod of store.list("Pod")) {
    const owner = topOwner(pod, store, new Map()) ?? `Pod/${pod.metadata.name}`;
    totals.set(owner, (totals.get(owner) ?? 0) + 1);
    const v = podView(pod);
    let status = v.status.startsWith("Init:") ? v.status.slice(5) : v.status;
    let message = v.message;
    // kuberuntime_container.go verifyRunAsNonRoot: a config error about the image's user, not a missing reference.
    if (status === "CreateContainerConfigError" && message?.includes("runAsNonRoot")) status = "RunAsNonRoot";
    if (status === "Running" && !v.ready && pod.status?.phase === "Running") {
      status = "NotReady";
      unhealthy ??= unhealthyByPod(ctx);
      message = unhealthy.get(`${pod.metadata.namespace}/Pod/${pod.metadata.name}`) ?? null;
    }
    if (status !== "NotReady" && !POD_PROBLEMS[status]) continue;
    const key = `${pod.metadata.namespace}\u0000${owner}\u0000${status}`;
    const g = groups.get(key) ?? { owner, status, pods: [], message };
    g.pods.push(pod);
    groups.set(key, g);
  }
  const out: Finding[] = [];
  for (const g of groups.values()) {
    const problem: Problem =
      g.status === "NotReady"
        ? {
            layer: "runtime",
            severity: "warning",
            what: "run but are not Ready: Services send them no traffic",
            hint: "check the readiness probe's path and port against what the container serves",
          }
        : (POD_PROBLEMS[g.status] as Problem);
    const total = totals.get(g.owner) ?? g.pods.length;
    const who = g.owner.startsWith("Pod/") ? g.owner : `${g.pods.length} of ${total} pods of ${g.owner}`;
    const detail = g.message ? `: ${g.message}` : "";
    let hint = problem.hint;
    if (g.status === "Unschedulable") {
      const first = g.pods[0] as KubeObject;
      const record = ctx.scheduler?.explain(`${first.metadata.namespace}/${first.metadata.name}`);
      const summary = record ? pendingSummary(record) : null;
      if (summary) hint = `${summary}; ${hint}`;
    }
    out.push({
      severity: problem.severity ?? "error",
      layer: problem.layer,
      object: g.owner,
      message: `${who} ${problem.what}${detail}`,
      hint,
    });
  }
  return out;
}
