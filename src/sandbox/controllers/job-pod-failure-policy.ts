/**
 * A Job's `podFailurePolicy` applied to one failed pod (pkg/controller/job/pod_failure_policy.go
 * matchPodFailurePolicy, matchOnExitCodes, matchOnPodConditions; 1.34, where the
 * JobBackoffLimitPerIndex gate that enables FailIndex is GA). Rules are tried in order; the first
 * that matches decides. A rule with an unknown action is skipped.
 */
import type { KubeObject } from "../model/object.js";

/** What a matching rule does with the failed pod. */
export type PodFailureAction = "FailJob" | "FailIndex" | "Ignore" | "Count";

interface OnExitCodes {
  containerName?: string;
  operator?: string;
  values?: number[];
}

interface OnPodCondition {
  type?: string;
  status?: string;
}

interface Rule {
  action?: string;
  onExitCodes?: OnExitCodes;
  onPodConditions?: OnPodCondition[];
}

interface ContainerStatus {
  name?: string;
  state?: { terminated?: { exitCode?: number } };
}

/** The verdict on one failed pod. */
export interface PodFailureMatch {
  /** The Job's failure message when a FailJob rule matched. */
  failJobMessage?: string;
  /** False when an Ignore rule matched: the failure does not count against backoffLimit. */
  countFailed: boolean;
  /** The matched rule's action, if any rule matched. */
  action?: PodFailureAction;
}

const NO_MATCH: PodFailureMatch = { countFailed: true };

/** getMatchingContainerFromList: the first terminated, non-zero container the requirement selects. */
function matchingContainer(list: ContainerStatus[] | undefined, req: OnExitCodes): ContainerStatus | undefined {
  for (const c of list ?? []) {
    const code = c.state?.terminated?.exitCode;
    if (code === undefined || code === 0) continue;
    if (req.containerName !== undefined && req.containerName !== c.name) continue;
    const listed = (req.values ?? []).includes(code);
    if ((req.operator === "In" && listed) || (req.operator === "NotIn" && !listed)) return c;
  }
  return undefined;
}

/** matchOnExitCodes: app containers first, then init containers. */
function matchOnExitCodes(pod: KubeObject, req: OnExitCodes): ContainerStatus | undefined {
  return (
    matchingContainer(pod.status?.containerStatuses, req) ?? matchingContainer(pod.status?.initContainerStatuses, req)
  );
}

/**
 * matchOnPodConditions: the first of the pod's conditions that some pattern names. A pattern's
 * status defaults to True (pkg/apis/batch/v1/defaults.go SetDefaults_Job).
 */
function matchOnPodConditions(pod: KubeObject, patterns: OnPodCondition[]): string | undefined {
  for (const c of (pod.status?.conditions as { type?: string; status?: string }[] | undefined) ?? []) {
    if (patterns.some((p) => p.type === c.type && (p.status ?? "True") === c.status)) return c.type;
  }
  return undefined;
}

function verdict(action: string | undefined, failJobMessage: () => string): PodFailureMatch | undefined {
  switch (action) {
    case "Ignore":
      return { countFailed: false, action: "Ignore" };
    case "FailIndex":
      return { countFailed: true, action: "FailIndex" };
    case "Count":
      return { countFailed: true, action: "Count" };
    case "FailJob":
      return { countFailed: true, action: "FailJob", failJobMessage: failJobMessage() };
    default:
      return undefined;
  }
}

/** matchPodFailurePolicy: the first matching rule's verdict, else "count the failure". */
export function matchPodFailurePolicy(policy: { rules?: Rule[] } | undefined, pod: KubeObject): PodFailureMatch {
  if (!policy) return NO_MATCH;
  const podKey = `${pod.metadata.namespace}/${pod.metadata.name}`;
  const rules = policy.rules ?? [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as Rule;
    let out: PodFailureMatch | undefined;
    if (rule.onExitCodes) {
      const c = matchOnExitCodes(pod, rule.onExitCodes);
      if (c) {
        out = verdict(
          rule.action,
          () =>
            `Container ${c.name} for pod ${podKey} failed with exit code ${c.state?.terminated?.exitCode} matching ${rule.action} rule at index ${i}`,
        );
      }
    } else if (rule.onPodConditions) {
      const type = matchOnPodConditions(pod, rule.onPodConditions);
      if (type !== undefined) {
        out = verdict(
          rule.action,
          () => `Pod ${podKey} has condition ${type} matching ${rule.action} rule at index ${i}`,
        );
      }
    }
    if (out) return out;
  }
  return NO_MATCH;
}
