/**
 * InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity/{plugin,filtering,scoring}.go).
 * Filter: the pod's required affinity needs a matching pod in the node's domain (or, when no pod
 * in the cluster matches and the pod matches its own terms, any node with the topology labels);
 * its required anti-affinity forbids domains with matching pods; and existing pods' required
 * anti-affinity forbids domains where they would match the pod (symmetry). Score: weights of
 * preferred terms both ways, existing pods' required affinity at hardPodAffinityWeight 1,
 * normalised min–max. Counts come from the scheduler's indexes, never a scan of every pod.
 */
import {
  Code,
  type CycleState,
  type FilterPlugin,
  type Handle,
  MAX_NODE_SCORE,
  newStatus,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
  type StateData,
  StateReader,
  Status,
} from "../framework.js";
import type { CountRule, DomainCounted } from "../indexes.js";
import type { NodeInfo } from "../node-info.js";
import type { PodInfo } from "../pod-info.js";
import { type AffinityTerm, resolveTermNamespaces, termMatches } from "../terms.js";
import { noArgs, parseArgs } from "./args.js";

export const name = "InterPodAffinity";

/** interpodaffinity/filtering.go ErrReasonAffinityRulesNotMatch */
export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
/** interpodaffinity/filtering.go ErrReasonAntiAffinityRulesNotMatch */
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";
/** interpodaffinity/filtering.go ErrReasonExistingAntiAffinityRulesNotMatch */
export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH =
  "node(s) didn't satisfy existing pods anti-affinity rules";
/** apis/config/v1/defaults.go: InterPodAffinityArgs.HardPodAffinityWeight default. */
export const HARD_POD_AFFINITY_WEIGHT = 1;

const PRE_FILTER_KEY = `PreFilter${name}`;
const PRE_SCORE_KEY = `PreScore${name}`;
const REJECT_AFFINITY = newStatus(Code.UnschedulableAndUnresolvable, ERR_REASON_AFFINITY_RULES_NOT_MATCH);
const REJECT_ANTI = newStatus(Code.Unschedulable, ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
const REJECT_EXISTING = newStatus(Code.Unschedulable, ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);

type Counts = Map<string, number>;

function bump(m: Counts, node: NodeInfo, key: string, d: number): void {
  const v = node.labels[key];
  if (v === undefined) return;
  const k = `${key}\u0000${v}`;
  const n = (m.get(k) ?? 0) + d;
  if (n === 0) m.delete(k);
  else m.set(k, n);
}

class PreFilterState implements StateData {
  constructor(
    readonly affinityTerms: AffinityTerm[],
    readonly antiTerms: AffinityTerm[],
    readonly existingAnti: Counts,
    readonly affinity: Counts,
    readonly anti: Counts,
    readonly nsLabels: Record<string, string>,
  ) {}
  clone(): StateData {
    return new PreFilterState(
      this.affinityTerms,
      this.antiTerms,
      new Map(this.existingAnti),
      new Map(this.affinity),
      new Map(this.anti),
      this.nsLabels,
    );
  }
}

/** One source of score: `weight` × the pods counted in the node's domain of `key`. */
interface Contribution {
  key: string;
  weight: number;
  /** Domain value → pods counted there (the scheduler's live per-domain index). */
  domains: Map<string, number>;
}

/**
 * scoring.go preScoreState.topologyScore, kept as the list of weighted per-domain counts that sum to
 * it: a node's raw score is Σ weight × count in its domain, the same integers in another order.
 */
class PreScoreState implements StateData {
  constructor(readonly contributions: Contribution[]) {}
  clone(): StateData {
    return this;
  }
}

/** scoring.go Score: Σ over the contributions of weight × pods in the node's domain. */
function nodeScore(contributions: readonly Contribution[], node: NodeInfo): number {
  let score = 0;
  for (const c of contributions) {
    const v = node.labels[c.key];
    if (v !== undefined) score += c.weight * (c.domains.get(v) ?? 0);
  }
  return score;
}

function matchesAll(terms: readonly AffinityTerm[], p: PodInfo): boolean {
  for (const t of terms) if (!termMatches(t, p.namespace, p.labels, undefined)) return false;
  return true;
}

export function create(args: unknown, h: Handle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  parseArgs(noArgs, name, args);

  const namespaces = function* (): Iterable<[string, Record<string, string>]> {
    for (const ns of h.store.list("Namespace")) yield [ns.metadata.name ?? "", ns.metadata.labels ?? {}];
  };
  const resolve = (terms: readonly AffinityTerm[]) => terms.map((t) => resolveTermNamespaces(t, namespaces));
  const ruleOf = (terms: readonly AffinityTerm[]): CountRule => {
    let ns = null as Set<string> | null;
    for (const t of terms)
      ns = ns === null ? new Set(t.namespaces) : new Set([...ns].filter((x) => t.namespaces.has(x)));
    return { namespaces: ns ?? new Set(), selectors: terms.map((t) => t.selector), excludeTerminating: false };
  };
  const forEachNode = (perNode: Map<number, number>, fn: (node: NodeInfo, count: number) => void) => {
    for (const [slot, count] of perNode) {
      const node = h.cache.nodeBySlot(slot);
      if (node) fn(node, count);
    }
  };

  const preFilterState = new StateReader<PreFilterState>(PRE_FILTER_KEY);

  const updateWithPod = (state: CycleState, pod: PodInfo, other: PodInfo, node: NodeInfo, d: number) => {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s) return;
    for (const t of other.requiredAntiAffinityTerms) {
      if (termMatches(t, pod.namespace, pod.labels, s.nsLabels)) bump(s.existingAnti, node, t.topologyKey, d);
    }
    if (s.affinityTerms.length > 0 && matchesAll(s.affinityTerms, other)) {
      for (const t of s.affinityTerms) bump(s.affinity, node, t.topologyKey, d);
    }
    for (const t of s.antiTerms) {
      if (termMatches(t, other.namespace, other.labels, undefined)) bump(s.anti, node, t.topologyKey, d);
    }
  };

  return {
    name,
    preFilter(state, pod) {
      if (
        pod.requiredAffinityTerms.length === 0 &&
        pod.requiredAntiAffinityTerms.length === 0 &&
        !h.cache.terms.any("requiredAntiAffinity")
      ) {
        return { status: new Status(Code.Skip) };
      }
      const nsLabels = h.namespaceLabels(pod.namespace);
      const affinityTerms = resolve(pod.requiredAffinityTerms);
      const antiTerms = resolve(pod.requiredAntiAffinityTerms);
      const existingAnti: Counts = new Map();
      for (const e of h.cache.terms.entries("requiredAntiAffinity")) {
        if (!termMatches(e.term, pod.namespace, pod.labels, nsLabels)) continue;
        forEachNode(e.perNode, (node, count) => bump(existingAnti, node, e.term.topologyKey, count));
      }
      const affinity: Counts = new Map();
      if (affinityTerms.length > 0) {
        const entry = h.cache.countEntry(ruleOf(affinityTerms));
        forEachNode(entry.perNode, (node, count) => {
          for (const t of affinityTerms) bump(affinity, node, t.topologyKey, count);
        });
      }
      const anti: Counts = new Map();
      for (const t of antiTerms) {
        const entry = h.cache.countEntry(ruleOf([t]));
        forEachNode(entry.perNode, (node, count) => bump(anti, node, t.topologyKey, count));
      }
      state.write(PRE_FILTER_KEY, new PreFilterState(affinityTerms, antiTerms, existingAnti, affinity, anti, nsLabels));
      return { status: null };
    },
    addPod(state, pod, toAdd, node) {
      updateWithPod(state, pod, toAdd, node, 1);
    },
    removePod(state, pod, toRemove, node) {
      updateWithPod(state, pod, toRemove, node, -1);
    },
    filter(state, pod, node) {
      const s = preFilterState.read(state);
      if (!s) return null;
      // filtering.go satisfyPodAffinity
      if (s.affinityTerms.length > 0) {
        let podsExist = true;
        for (const t of s.affinityTerms) {
          const v = node.labels[t.topologyKey];
          if (v === undefined) return REJECT_AFFINITY;
          if ((s.affinity.get(`${t.topologyKey}\u0000${v}`) ?? 0) <= 0) podsExist = false;
        }
        if (!podsExist && !(s.affinity.size === 0 && matchesAll(s.affinityTerms, pod))) return REJECT_AFFINITY;
      }
      // filtering.go satisfyPodAntiAffinity
      if (s.anti.size > 0) {
        for (const t of s.antiTerms) {
          const v = node.labels[t.topologyKey];
          if (v !== undefined && (s.anti.get(`${t.topologyKey}\u0000${v}`) ?? 0) > 0) return REJECT_ANTI;
        }
      }
      // filtering.go satisfyExistingPodsAntiAffinity
      if (s.existingAnti.size > 0) {
        for (const [k, v] of Object.entries(node.labels)) {
          if ((s.existingAnti.get(`${k}\u0000${v}`) ?? 0) > 0) return REJECT_EXISTING;
        }
      }
      return null;
    },
    preScore(state, pod) {
      const hasConstraints = pod.preferredAffinityTerms.length + pod.preferredAntiAffinityTerms.length > 0;
      if (!hasConstraints && h.cache.affinityPods === 0) return new Status(Code.Skip);
      const nsLabels = h.namespaceLabels(pod.namespace);
      const contributions: Contribution[] = [];
      const add = (entry: DomainCounted, key: string, weight: number) => {
        if (weight === 0) return;
        const domains = h.cache.domainCounts(entry, key);
        if (domains.size > 0) contributions.push({ key, weight, domains });
      };
      for (const [list, sign] of [
        [pod.preferredAffinityTerms, 1],
        [pod.preferredAntiAffinityTerms, -1],
      ] as const) {
        for (const w of list) {
          const term = resolveTermNamespaces(w.term, namespaces);
          add(h.cache.countEntry(ruleOf([term])), term.topologyKey, sign * w.weight);
        }
      }
      for (const [kind, sign, fixed] of [
        ["requiredAffinity", 1, HARD_POD_AFFINITY_WEIGHT],
        ["preferredAffinity", 1, 0],
        ["preferredAntiAffinity", -1, 0],
      ] as const) {
        for (const e of h.cache.terms.entries(kind)) {
          if (!termMatches(e.term, pod.namespace, pod.labels, nsLabels)) continue;
          add(e, e.term.topologyKey, sign * (fixed || e.weight));
        }
      }
      if (contributions.length === 0) return new Status(Code.Skip);
      state.write(PRE_SCORE_KEY, new PreScoreState(contributions));
      return null;
    },
    score(state, _pod, node) {
      const s = state.read<PreScoreState>(PRE_SCORE_KEY);
      return s ? nodeScore(s.contributions, node) : 0;
    },
    scoreNodes(state, _pod, nodes, out) {
      const s = state.read<PreScoreState>(PRE_SCORE_KEY);
      for (let i = 0; i < nodes.length; i++) out[i] = s ? nodeScore(s.contributions, nodes[i] as NodeInfo) : 0;
    },
    normalizeScore(state, _pod, scores) {
      const s = state.read<PreScoreState>(PRE_SCORE_KEY);
      if (!s || s.contributions.length === 0) return;
      let min = Number.MAX_SAFE_INTEGER;
      let max = Number.MIN_SAFE_INTEGER;
      for (const sc of scores) {
        if (sc > max) max = sc;
        if (sc < min) min = sc;
      }
      const diff = max - min;
      for (let i = 0; i < scores.length; i++) {
        scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * (((scores[i] as number) - min) / diff)) : 0;
      }
    },
  } satisfies PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;
}
