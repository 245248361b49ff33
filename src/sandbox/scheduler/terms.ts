/**
 * Pod (anti-)affinity terms as the scheduler pre-processes them (pkg/scheduler/framework/types.go
 * `AffinityTerm`, `newAffinityTerm`): the label selector (with matchLabelKeys/mismatchLabelKeys
 * merged in from the owning pod's labels), the namespaces (defaulting to the pod's own when neither
 * namespaces nor namespaceSelector is given), and a signature so that identical terms of many pods
 * can be indexed together.
 */
import { type LabelSelector, type Labels, matchesLabelSelector } from "../model/selector.js";

/** One required term, or the term of a preferred one. */
export interface AffinityTerm {
  selector: LabelSelector | null;
  /** Explicit namespaces (after defaulting); empty when only namespaceSelector decides. */
  namespaces: ReadonlySet<string>;
  namespaceSelector: LabelSelector | null;
  topologyKey: string;
  /** Stable text identifying the term's matching rule and topology key. */
  signature: string;
}

/** A preferred term with its weight. */
export interface WeightedAffinityTerm {
  term: AffinityTerm;
  weight: number;
}

interface RawTerm {
  labelSelector?: LabelSelector | null;
  namespaces?: string[];
  namespaceSelector?: LabelSelector | null;
  topologyKey?: string;
  matchLabelKeys?: string[];
  mismatchLabelKeys?: string[];
}

/** Parses one PodAffinityTerm of a pod in `namespace` with `labels`. */
export function newAffinityTerm(raw: RawTerm, namespace: string, labels: Labels): AffinityTerm {
  let selector: LabelSelector | null = raw.labelSelector ?? null;
  const own = labels ?? {};
  // MatchLabelKeysInPodAffinity (pkg/registry/core/pod/strategy.go applyMatchLabelKeysAndMismatchLabelKeys).
  if (selector && (raw.matchLabelKeys?.length || raw.mismatchLabelKeys?.length)) {
    const exprs = [...(selector.matchExpressions ?? [])];
    for (const k of raw.matchLabelKeys ?? []) {
      if (Object.hasOwn(own, k)) exprs.push({ key: k, operator: "In", values: [own[k] as string] });
    }
    for (const k of raw.mismatchLabelKeys ?? []) {
      if (Object.hasOwn(own, k)) exprs.push({ key: k, operator: "NotIn", values: [own[k] as string] });
    }
    selector = { ...selector, matchExpressions: exprs };
  }
  const nsSelector = raw.namespaceSelector ?? null;
  const namespaces = new Set(raw.namespaces ?? []);
  if (namespaces.size === 0 && nsSelector === null) namespaces.add(namespace);
  const topologyKey = raw.topologyKey ?? "";
  const signature = JSON.stringify([selector, [...namespaces].sort(), nsSelector, topologyKey]);
  return { selector, namespaces, namespaceSelector: nsSelector, topologyKey, signature };
}

/**
 * Whether a pod matches a term (types.go `AffinityTerm.Matches`): its namespace is listed or
 * selected by the namespaceSelector, and its labels match the selector.
 */
export function termMatches(
  term: AffinityTerm,
  podNamespace: string,
  podLabels: Labels,
  nsLabels: Record<string, string> | undefined,
): boolean {
  const nsOk =
    term.namespaces.has(podNamespace) ||
    (term.namespaceSelector !== null && matchesLabelSelector(term.namespaceSelector, nsLabels ?? {}));
  return nsOk && matchesLabelSelector(term.selector, podLabels);
}

/**
 * The incoming pod's terms with the namespaceSelector resolved into namespace names
 * (interpodaffinity/plugin.go `mergeAffinityTermNamespacesIfNotEmpty`).
 */
export function resolveTermNamespaces(
  term: AffinityTerm,
  allNamespaces: () => Iterable<[string, Record<string, string>]>,
): AffinityTerm {
  if (term.namespaceSelector === null) return term;
  const namespaces = new Set(term.namespaces);
  for (const [name, labels] of allNamespaces()) {
    if (matchesLabelSelector(term.namespaceSelector, labels)) namespaces.add(name);
  }
  return { ...term, namespaces, namespaceSelector: null, signature: `${term.signature}@${[...namespaces].sort()}` };
}
