/**
 * A pod's required node selection: `spec.nodeSelector` AND required node affinity
 * (k8s.io/component-helpers/scheduling/corev1/nodeaffinity `GetRequiredNodeAffinity` /
 * `RequiredNodeAffinity.Match`). Shared by NodeAffinity and PodTopologySpread's
 * `nodeAffinityPolicy: Honor`.
 */
import type { KubeObject } from "../model/object.js";
import { matchesNodeSelectorTerms, type NodeSelectorTerm } from "../model/selector.js";
import type { NodeInfo } from "./node-info.js";

export interface RequiredNodeAffinity {
  /** True when the pod constrains nodes at all. */
  readonly constrained: boolean;
  match(node: NodeInfo): boolean;
}

/** Verdicts remembered per node slot (0 not yet known, 1 match, 2 no match); see `SchedulerCache.nodeVerdicts`. */
export type NodeVerdicts = (signature: string) => Uint8Array;

/**
 * Builds the matcher for a pod. With `verdicts`, each node's verdict is computed once and shared by
 * every pod with the same requirement (it depends only on the node's name and labels), so a
 * Filter pass over many nodes reads a byte per node instead of matching labels.
 */
export function requiredNodeAffinity(pod: KubeObject, verdicts?: NodeVerdicts): RequiredNodeAffinity {
  const selector: Record<string, string> | undefined = pod.spec?.nodeSelector ?? undefined;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms: NodeSelectorTerm[] | null = required ? (required.nodeSelectorTerms ?? []) : null;
  const selectorEntries = selector ? Object.entries(selector) : [];
  const constrained = selectorEntries.length > 0 || terms !== null;
  const matches = (node: NodeInfo): boolean => {
    for (const [k, v] of selectorEntries) if (node.labels[k] !== v) return false;
    if (terms !== null) return matchesNodeSelectorTerms(terms, node.name, node.labels);
    return true;
  };
  if (!constrained || verdicts === undefined) return { constrained, match: matches };
  const memo = verdicts(JSON.stringify([selectorEntries, terms]));
  return {
    constrained,
    match(node: NodeInfo): boolean {
      const slot = node.slot;
      if (slot >= memo.length) return matches(node);
      const known = memo[slot] as number;
      if (known !== 0) return known === 1;
      const ok = matches(node);
      memo[slot] = ok ? 1 : 2;
      return ok;
    },
  };
}
