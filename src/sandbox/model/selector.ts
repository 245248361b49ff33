/**
 * Label selectors (k8s.io/apimachinery/pkg/apis/meta/v1 LabelSelector) and node selector terms
 * (k8s.io/component-helpers/scheduling/corev1/nodeaffinity), evaluated as upstream does.
 */

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export type Labels = Record<string, string> | undefined;

/**
 * Whether labels satisfy a LabelSelector. An empty selector `{}` matches everything; a missing
 * (null) selector matches nothing, as `metav1.LabelSelectorAsSelector` treats them.
 */
export function matchesLabelSelector(selector: LabelSelector | null | undefined, labels: Labels): boolean {
  if (selector === null || selector === undefined) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (!Object.hasOwn(l, k) || l[k] !== v) return false;
  }
  for (const req of selector.matchExpressions ?? []) {
    if (!matchesRequirement(req, l)) return false;
  }
  return true;
}

function matchesRequirement(req: LabelSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, req.key);
  const value = has ? labels[req.key] : undefined;
  const values = req.values ?? [];
  switch (req.operator) {
    case "In":
      return has && values.includes(value as string);
    case "NotIn":
      return !has || !values.includes(value as string);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    default:
      return false;
  }
}

/** Whether labels match a plain map selector (Service, ReplicationController): every pair equal; empty matches nothing. */
export function matchesMapSelector(selector: Record<string, string> | undefined | null, labels: Labels): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  // for-in rather than Object.entries: this runs for every Service on every pod event.
  let any = false;
  for (const k in selector) {
    if (!Object.hasOwn(selector, k)) continue;
    any = true;
    if (!Object.hasOwn(l, k) || l[k] !== selector[k]) return false;
  }
  return any;
}

export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

/**
 * Whether a node matches one NodeSelectorTerm: all expressions and fields must hold. A term with
 * no requirements matches nothing (upstream: an empty term selects no objects).
 */
export function matchesNodeSelectorTerm(term: NodeSelectorTerm, nodeName: string, labels: Labels): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const l = labels ?? {};
  for (const r of exprs) if (!matchesNodeRequirement(r, l)) return false;
  for (const r of fields) {
    if (r.key !== "metadata.name") return false;
    if (!matchesNodeRequirement(r, { "metadata.name": nodeName })) return false;
  }
  return true;
}

/** A node matches a NodeSelector when any of its terms matches (terms are ORed). */
export function matchesNodeSelectorTerms(terms: NodeSelectorTerm[], nodeName: string, labels: Labels): boolean {
  return terms.some((t) => matchesNodeSelectorTerm(t, nodeName, labels));
}

function matchesNodeRequirement(req: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, req.key);
  const value = labels[req.key];
  const values = req.values ?? [];
  switch (req.operator) {
    case "In":
      return has && values.includes(value as string);
    case "NotIn":
      return !has || !values.includes(value as string);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
    case "Lt": {
      if (!has || values.length !== 1) return false;
      const a = Number.parseInt(value as string, 10);
      const b = Number.parseInt(values[0] as string, 10);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return req.operator === "Gt" ? a > b : a < b;
    }
    default:
      return false;
  }
}
