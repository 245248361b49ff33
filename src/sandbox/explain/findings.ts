/**
 * Findings: what a learner should know, most important first. Each names its layer (spec, api,
 * scheduling, node, runtime, network, storage, security), a severity, a message and a hint.
 * `FINDING_SOURCES` is the one list of producers; the storage layer's findings join it when
 * `src/sandbox/storage/` exports them.
 */
import { networkFindings } from "../network/findings.js";
import { type Finding, LAYERS, type Rejection } from "../result.js";
import { rbacFindings } from "../security/rbac-findings.js";
import { autoscalingFindings } from "./autoscaling.js";
import { daemonSetFindings } from "./daemonset-findings.js";
import { initWaitFindings } from "./init-wait-findings.js";
import { jobPolicyFindings } from "./job-findings.js";
import { notModelledFindings } from "./not-modelled.js";
import { objectFindings } from "./object-findings.js";
import { podFindings } from "./pod-findings.js";
import { podSecurityFindings } from "./pod-security.js";
import { practiceFindings } from "./practices.js";
import { rolloutFindings } from "./rollout-findings.js";
import type { ExplainableCluster, FindingContext, FindingSource } from "./source.js";

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/** Every producer of findings about the cluster at the horizon, in the order they are merged. */
export const FINDING_SOURCES: readonly FindingSource[] = [
  { name: "pods", collect: podFindings },
  { name: "init-waits", collect: initWaitFindings },
  { name: "objects", collect: objectFindings },
  { name: "rollouts", collect: rolloutFindings },
  { name: "daemonsets", collect: daemonSetFindings },
  { name: "job-policies", collect: jobPolicyFindings },
  { name: "autoscaling", collect: autoscalingFindings },
  { name: "network", collect: (ctx) => networkFindings(ctx.cluster) },
  { name: "rbac", collect: (ctx) => rbacFindings(ctx.cluster.store) },
  { name: "pod-security", collect: podSecurityFindings },
  { name: "practices", collect: practiceFindings },
  { name: "not-modelled", collect: notModelledFindings },
];

/** Rejections and API warnings as findings, in input order. */
function inputFindings(rejected: Rejection[], warnings: { object: string; message: string }[]): Finding[] {
  const out: Finding[] = [];
  for (const r of rejected) {
    out.push({
      severity: "error",
      layer: r.kind ? "api" : "spec",
      object: r.kind && r.name ? `${r.kind}/${r.name}` : null,
      message: `document ${r.document} (line ${r.line}) was rejected: ${r.message}`,
      hint: r.hint ?? null,
    });
  }
  for (const w of warnings) {
    const layer = w.message.includes("PodSecurity") ? "security" : "api";
    out.push({ severity: "warning", layer, object: w.object, message: w.message, hint: null });
  }
  return out;
}

/** Errors first, then warnings, then info; within a severity by layer, then in production order. */
export function sortFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings
    .filter((f) => {
      const key = `${f.severity}\u0000${f.layer}\u0000${f.object}\u0000${f.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] ||
        LAYERS.indexOf(a.f.layer) - LAYERS.indexOf(b.f.layer) ||
        a.i - b.i,
    )
    .map(({ f }) => f);
}

/** Every finding of a simulation run. */
export function collectFindings(
  cluster: ExplainableCluster,
  rejected: Rejection[],
  warnings: { object: string; message: string }[],
): Finding[] {
  const ctx: FindingContext = { cluster, scheduler: cluster.scheduling };
  const findings = inputFindings(rejected, warnings);
  // A loop, not push(...): a source may return more findings than a call can take arguments.
  for (const source of FINDING_SOURCES) for (const f of source.collect(ctx)) findings.push(f);
  for (const n of cluster.notes) findings.push({ ...n });
  return sortFindings(findings);
}
