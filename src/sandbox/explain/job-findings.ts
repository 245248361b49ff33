/**
 * Findings about the Job policies (podFailurePolicy, backoffLimitPerIndex / maxFailedIndexes,
 * successPolicy), read from each Job's conditions and index lists at the horizon. The condition
 * reasons and messages are the Job controller's (pkg/controller/job/job_controller.go,
 * pod_failure_policy.go, success_policy.go); the findings say which rule or limit produced them.
 */
import { getCondition } from "../controllers/conditions.js";
import { parseIntervals, total } from "../controllers/job-indexes.js";
import type { KubeObject } from "../model/object.js";
import type { Finding } from "../result.js";
import type { FindingContext } from "./source.js";

type Any = any;

/** Failed-condition reasons these findings explain (the generic Job failure finding may skip them). */
export const JOB_POLICY_REASONS: readonly string[] = ["PodFailurePolicy", "FailedIndexes", "MaxFailedIndexesExceeded"];

/** The Failed condition, or the FailureTarget one while the Job's last pods still terminate. */
function failure(job: KubeObject): { reason: string; message: string; final: boolean } | undefined {
  for (const type of ["Failed", "FailureTarget"]) {
    const c = getCondition(job.status?.conditions, type);
    if (c?.status === "True") return { reason: c.reason ?? "", message: c.message ?? "", final: type === "Failed" };
  }
  return undefined;
}

/** `... matching FailJob rule at index 1` / `Matched rules at index 0`: the rule's index. */
function ruleIndex(message: string): number | undefined {
  const m = /rules? at index (\d+)$/.exec(message);
  return m ? Number(m[1]) : undefined;
}

/** A podFailurePolicy rule in a few words: `FailJob on exit code In [42] of container "main"`. */
function describeFailureRule(rule: Any): string {
  const action = String(rule?.action ?? "");
  const codes = rule?.onExitCodes;
  if (codes) {
    const of = codes.containerName === undefined ? "of any container" : `of container "${codes.containerName}"`;
    return `${action} on exit code ${codes.operator} [${(codes.values ?? []).join(", ")}] ${of}`;
  }
  const conditions = ((rule?.onPodConditions ?? []) as Any[]).map((p) => `${p.type}=${p.status ?? "True"}`);
  return `${action} on pod condition ${conditions.join(" or ")}`;
}

function podFailurePolicyFinding(job: KubeObject, ref: string, message: string, verb: string): Finding {
  const i = ruleIndex(message);
  const rule = i === undefined ? undefined : job.spec?.podFailurePolicy?.rules?.[i];
  const which = rule ? `rule ${i} (${describeFailureRule(rule)})` : "a FailJob rule";
  return {
    severity: "error",
    layer: "runtime",
    object: ref,
    message: `${verb} by its podFailurePolicy: ${which} matched ("${message}"), which ends the Job at the first matching pod, without the retries backoffLimit (${job.spec?.backoffLimit ?? 6}) would allow`,
    hint: rule?.onExitCodes
      ? "that exit code is the program saying a retry will not help: fix the cause in the pod's logs, or make the rule's action Count (retry within backoffLimit) or Ignore (retry without counting)"
      : "the pod was ended from outside: make the rule's action Ignore for disruptions you expect, so the pod is replaced without failing the Job",
  };
}

/** `0,2-4` → how many indexes it names, for an Indexed Job of `completions`. */
function indexCount(text: string, completions: number): number {
  return total(parseIntervals(text, completions));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "es"}`;
}

function failedIndexesFinding(job: KubeObject, ref: string, reason: string, verb: string): Finding {
  const spec = job.spec ?? {};
  const failed = String(job.status?.failedIndexes ?? "");
  const completed = String(job.status?.completedIndexes ?? "") || "none";
  const count = indexCount(failed, spec.completions ?? 0);
  const viaRule = ((spec.podFailurePolicy?.rules ?? []) as Any[]).some((r) => r?.action === "FailIndex")
    ? " or matched a FailIndex rule"
    : "";
  const cause = `${plural(count, "index")} (${failed}) failed for good: ${count === 1 ? "it" : "each"} used up its backoffLimitPerIndex (${spec.backoffLimitPerIndex})${viaRule}`;
  const message =
    reason === "MaxFailedIndexesExceeded"
      ? `${verb} with MaxFailedIndexesExceeded: ${cause}, more than maxFailedIndexes (${spec.maxFailedIndexes}) allows, so the Job stopped at once and terminated its running pods; completed indexes: ${completed}`
      : `${verb} with FailedIndexes: ${cause}; the Job let every other index finish before failing (completed indexes: ${completed})`;
  return {
    severity: "error",
    layer: "runtime",
    object: ref,
    message,
    hint: "look at the failed indexes' pods (label batch.kubernetes.io/job-completion-index); raise backoffLimitPerIndex or maxFailedIndexes only once the failure is understood",
  };
}

/** Indexes that failed for good while the Job still runs: its end is already decided. */
function runningWithFailedIndexes(job: KubeObject, ref: string): Finding | undefined {
  const failed = String(job.status?.failedIndexes ?? "");
  if (!failed) return undefined;
  const count = indexCount(failed, job.spec?.completions ?? 0);
  return {
    severity: "warning",
    layer: "runtime",
    object: ref,
    message: `${plural(count, "index")} (${failed}) failed for good (backoffLimitPerIndex ${job.spec?.backoffLimitPerIndex} used up): the other indexes keep running, and the Job will end Failed with FailedIndexes`,
    hint: "look at the failed indexes' pods (label batch.kubernetes.io/job-completion-index)",
  };
}

/** A successPolicy rule in a few words. */
function describeSuccessRule(rule: Any): string {
  const parts: string[] = [];
  if (rule?.succeededIndexes !== undefined) parts.push(`succeededIndexes "${rule.succeededIndexes}"`);
  if (rule?.succeededCount !== undefined) parts.push(`succeededCount ${rule.succeededCount}`);
  return parts.join(", ");
}

function successPolicyFinding(job: KubeObject, ref: string, message: string): Finding {
  const i = ruleIndex(message);
  const rule = i === undefined ? undefined : job.spec?.successPolicy?.rules?.[i];
  const completions = job.spec?.completions ?? 0;
  const completed = String(job.status?.completedIndexes ?? "");
  const done = indexCount(completed, completions);
  return {
    severity: "info",
    layer: "spec",
    object: ref,
    message: `completed early by its successPolicy: ${rule ? `rule ${i} (${describeSuccessRule(rule)})` : "a rule"} was met ("${message}") with ${plural(done, "index")} succeeded (${completed || "none"}) of ${completions}; the other indexes were not needed, and pods still running were terminated`,
    hint: "this is what successPolicy is for; remove it if every index must succeed",
  };
}

function findingsOf(job: KubeObject): Finding[] {
  const ref = `Job/${job.metadata.name}`;
  const failed = failure(job);
  if (failed) {
    const verb = failed.final ? "failed" : "is failing (its last pods are terminating)";
    if (failed.reason === "PodFailurePolicy") return [podFailurePolicyFinding(job, ref, failed.message, verb)];
    if (failed.reason === "FailedIndexes" || failed.reason === "MaxFailedIndexesExceeded") {
      return [failedIndexesFinding(job, ref, failed.reason, verb)];
    }
    return [];
  }
  const met = getCondition(job.status?.conditions, "SuccessCriteriaMet");
  if (met?.status === "True" && met.reason === "SuccessPolicy") {
    return [successPolicyFinding(job, ref, met.message ?? "")];
  }
  if (getCondition(job.status?.conditions, "Complete")?.status === "True") return [];
  const running = runningWithFailedIndexes(job, ref);
  return running ? [running] : [];
}

/** Every Job policy finding, in store order. */
export function jobPolicyFindings(ctx: FindingContext): Finding[] {
  const out: Finding[] = [];
  for (const job of ctx.cluster.store.list("Job")) for (const f of findingsOf(job)) out.push(f);
  return out;
}
