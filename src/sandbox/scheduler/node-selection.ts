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

/** Builds the matcher for a pod. */
export function requiredNodeAffinity(pod: KubeObject): RequiredNodeAffinity {
  const selector: Record<string, string> | undefined = pod.spec?.nodeSelector ?? undefined;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms: NodeSelectorTerm[] | null = required ? (required.nodeSelectorTerms ?? []) : null;
  const selectorEntries = selector ? Object.entries(selector) : [];
  return {
    constrained: selectorEntries.length > 0 || terms !== null,
    match(node: NodeInfo): boolean {
      for (const [k, v] of selectorEntries) if (node.labels[k] !== v) return false;
      if (terms !== null) return matchesNodeSelectorTerms(terms, node.name, node.labels);
      return true;
    },
  };
}
