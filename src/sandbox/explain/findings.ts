/**
 * Findings: what a learner should know, most important first. Each names its layer (spec, api,
 * scheduling, node, runtime, network, storage, security), a severity, a message and a hint.
 */
import type { Cluster } from "../cluster/cluster.js";
import type { KubeObject } from "../model/object.js";
import { podView, topOwner } from "../render/pod-status.js";
import { type Finding, LAYERS, type Rejection } from "../result.js";

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/** Pod problems at the horizon, as (STATUS, layer, explanation, hint). */
const POD_PROBLEMS: Record<string, { layer: Finding["layer"]; what: string; hint: string }> = {
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
  CreateContainerConfigError: {
    layer: "runtime",
    what: "cannot start: its configuration refers to something missing (CreateContainerConfigError)",
    hint: "create the ConfigMap or Secret (and key) the pod refers to, or mark the reference optional",
  },
  OOMKilled: {
    layer: "runtime",
    what: "was killed for using more memory than its limit (OOMKilled)",
    hint: "raise resources.limits.memory or lower the app's memory use",
  },
  Error: { layer: "runtime", what: "exited with an error", hint: "check the container's command and logs" },
  Evicted: { layer: "node", what: "was evicted", hint: "see the eviction message" },
  ContainerCreating: {
    layer: "runtime",
    what: "is stuck creating its containers",
    hint: "see the pod's events (FailedMount and similar)",
  },
};

export function collectFindings(
  cluster: Cluster,
  rejected: Rejection[],
  warnings: { object: string; message: string }[],
): Finding[] {
  const findings: Finding[] = [];
  for (const r of rejected) {
    findings.push({
      severity: "error",
      layer: r.kind ? "api" : "spec",
      object: r.kind && r.name ? `${r.kind}/${r.name}` : null,
      message: `document ${r.document} (line ${r.line}) was rejected: ${r.message}`,
      hint: r.hint ?? null,
    });
  }
  for (const w of warnings) {
    const layer = w.message.includes("PodSecurity") ? "security" : "api";
    findings.push({ severity: "warning", layer, object: w.object, message: w.message, hint: null });
  }
  findings.push(...podFindings(cluster));
  for (const n of cluster.notes) findings.push({ ...n });
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] ||
        LAYERS.indexOf(a.f.layer) - LAYERS.indexOf(b.f.layer) ||
        a.i - b.i,
    )
    .map(({ f }) => f);
}

/** One finding per (owner, problem): "2 of 3 pods of Deployment/web cannot be scheduled: ...". */
function podFindings(cluster: Cluster): Finding[] {
  const groups = new Map<string, { owner: string; status: string; pods: KubeObject[]; message: string | null }>();
  const totals = new Map<string, number>();
  for (const pod of cluster.store.list("Pod")) {
    const owner = topOwner(pod, cluster.store, new Map()) ?? `Pod/${pod.metadata.name}`;
    totals.set(owner, (totals.get(owner) ?? 0) + 1);
    const v = podView(pod);
    const status = v.status.startsWith("Init:") ? v.status.slice(5) : v.status;
    if (!POD_PROBLEMS[status]) continue;
    const key = `${owner}\u0000${status}`;
    const g = groups.get(key) ?? { owner, status, pods: [], message: v.message };
    g.pods.push(pod);
    groups.set(key, g);
  }
  const out: Finding[] = [];
  for (const g of groups.values()) {
    const problem = POD_PROBLEMS[g.status] as (typeof POD_PROBLEMS)[string];
    const total = totals.get(g.owner) ?? g.pods.length;
    const who = g.owner.startsWith("Pod/") ? `${g.owner}` : `${g.pods.length} of ${total} pods of ${g.owner}`;
    const detail = g.message ? `: ${g.message}` : "";
    out.push({
      severity: "error",
      layer: problem.layer,
      object: g.owner,
      message: `${who} ${problem.what}${detail}`,
      hint: problem.hint,
    });
  }
  return out;
}
