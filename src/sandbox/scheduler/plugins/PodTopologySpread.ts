/**
 * PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread/{plugin,common,filtering,scoring}.go).
 * Filter (DoNotSchedule constraints): skew = matching pods in the node's domain + self − the global
 * minimum over eligible domains must not exceed maxSkew; nodes without the topology label are
 * unresolvable. Score (ScheduleAnyway constraints, or the system defaults for pods of a Service,
 * ReplicaSet, StatefulSet or ReplicationController): Σ count × log(domains + 2) + (maxSkew − 1),
 * normalised so that fewer matching pods scores higher. Counts come from the scheduler's per-node
 * index of matching pods instead of a scan of every pod.
 */
import type { LabelSelector } from "../../model/selector.js";
import { matchesLabelSelector } from "../../model/selector.js";
import type { DomainIndex } from "../cache.js";
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
import type { CountEntry } from "../indexes.js";
import type { NodeInfo } from "../node-info.js";
import { type RequiredNodeAffinity, requiredNodeAffinity } from "../node-selection.js";
import type { PodInfo } from "../pod-info.js";
import { findUntoleratedTaint, isDoNotSchedule } from "../taints.js";
import { noArgs, parseArgs } from "./args.js";
import { buildDefaultSelector } from "./default-selector.js";

export const name = "PodTopologySpread";

/** podtopologyspread/filtering.go ErrReasonConstraintsNotMatch */
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
/** podtopologyspread/filtering.go ErrReasonNodeLabelNotMatch */
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

/** The system default constraints (apis/config/v1/defaults.go systemDefaultConstraints). */
export const SYSTEM_DEFAULT_CONSTRAINTS = [
  { topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", maxSkew: 3 },
  { topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", maxSkew: 5 },
] as const;

const REJECT_LABEL = newStatus(Code.UnschedulableAndUnresolvable, ERR_REASON_NODE_LABEL_NOT_MATCH);
const REJECT_SKEW = newStatus(Code.Unschedulable, ERR_REASON_CONSTRAINTS_NOT_MATCH);
const HOSTNAME = "kubernetes.io/hostname";
const PRE_FILTER_KEY = `PreFilter${name}`;
const PRE_SCORE_KEY = `PreScore${name}`;
const MAX_INT32 = 2147483647;

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelSelector | null;
  /** The selector has no requirement: upstream counts no pod (countPodsMatchSelector). */
  emptySelector: boolean;
  minDomains: number;
  /** The pod matches its own selector (counted in its own skew). */
  selfMatch: boolean;
  honorAffinity: boolean;
  honorTaints: boolean;
}

interface RawConstraint {
  maxSkew?: number;
  topologyKey?: string;
  whenUnsatisfiable?: string;
  labelSelector?: LabelSelector | null;
  minDomains?: number;
  nodeAffinityPolicy?: string;
  nodeTaintsPolicy?: string;
  matchLabelKeys?: string[];
}

function toConstraint(c: RawConstraint, pod: PodInfo): Constraint {
  let selector: LabelSelector | null = c.labelSelector ?? null;
  // common.go filterTopologySpreadConstraints: matchLabelKeys merged with the pod's own values.
  const extra: Record<string, string> = {};
  for (const k of c.matchLabelKeys ?? []) if (Object.hasOwn(pod.labels, k)) extra[k] = pod.labels[k] as string;
  if (selector && Object.keys(extra).length > 0) {
    selector = { ...selector, matchLabels: { ...(selector.matchLabels ?? {}), ...extra } };
  }
  const emptySelector =
    selector !== null &&
    Object.keys(selector.matchLabels ?? {}).length === 0 &&
    (selector.matchExpressions ?? []).length === 0;
  return {
    maxSkew: c.maxSkew ?? 1,
    topologyKey: c.topologyKey ?? "",
    selector,
    emptySelector,
    minDomains: c.minDomains ?? 1,
    selfMatch: matchesLabelSelector(selector, pod.labels),
    honorAffinity: (c.nodeAffinityPolicy ?? "Honor") === "Honor",
    honorTaints: c.nodeTaintsPolicy === "Honor",
  };
}

function labelsHaveKeys(node: NodeInfo, constraints: readonly Constraint[]): boolean {
  for (const c of constraints) if (!Object.hasOwn(node.labels, c.topologyKey)) return false;
  return true;
}

function includes(c: Constraint, pod: PodInfo, node: NodeInfo, affinity: RequiredNodeAffinity): boolean {
  if (c.honorAffinity && !affinity.match(node)) return false;
  if (c.honorTaints && findUntoleratedTaint(node.taints, pod.tolerations, isDoNotSchedule)) return false;
  return true;
}

class PreFilterState implements StateData {
  /** Per topology key: the global minimum and the number of eligible domains (critical paths). */
  private readonly critical = new Map<string, { min: number; domains: number }>();

  constructor(
    readonly constraints: Constraint[],
    /** topology key → domain value → matching pods in that domain. */
    readonly matchNum: Map<string, Map<string, number>>,
    readonly affinity: RequiredNodeAffinity,
    /** Per constraint: the cluster's domain ids of its topology key. */
    readonly domains: DomainIndex[],
  ) {
    this.passes = domains.map((d) => new Uint8Array(d.values.length));
    for (const c of constraints) this.recompute(c.topologyKey);
  }

  clone(): StateData {
    const copy = new Map([...this.matchNum].map(([k, m]) => [k, new Map(m)] as const));
    return new PreFilterState(this.constraints, copy, this.affinity, this.domains);
  }

  /** Per constraint: domain id → 0 not yet known, 1 the skew check passes, 2 it fails (reset when counts change). */
  private readonly passes: Uint8Array[];

  /**
   * filtering.go Filter for one constraint and node: the node's domain (by id, see
   * `SchedulerCache.domainIndex`) must exist and its skew must not exceed maxSkew; memoised per domain.
   */
  check(i: number, slot: number): Status | null {
    const ids = (this.domains[i] as DomainIndex).ids;
    const id = slot < ids.length ? (ids[slot] as number) : -1;
    if (id < 0) return REJECT_LABEL;
    let known = (this.passes[i] as Uint8Array)[id] as number;
    if (known === 0) known = this.judge(i, id);
    return known === 1 ? null : REJECT_SKEW;
  }

  /** The skew check of constraint `i` for domain `id`, remembered: 1 passes, 2 fails. */
  private judge(i: number, id: number): number {
    const c = this.constraints[i] as Constraint;
    const min = this.minMatch(c.topologyKey, c.minDomains);
    const self = c.selfMatch ? 1 : 0;
    const value = (this.domains[i] as DomainIndex).values[id] as string;
    const known = (this.matchNum.get(c.topologyKey)?.get(value) ?? 0) + self - min <= c.maxSkew ? 1 : 2;
    (this.passes[i] as Uint8Array)[id] = known;
    return known;
  }

  /** filtering.go Filter: the first constraint the node's domain fails, or null. */
  verdict(slot: number): Status | null {
    for (let i = 0; i < this.constraints.length; i++) {
      const v = this.check(i, slot);
      if (v !== null) return v;
    }
    return null;
  }

  /** `verdict` of `nodes[at[k]]` into `out[k]` for k < count; whether any is a rejection. */
  verdicts(nodes: readonly NodeInfo[], at: Int32Array, count: number, out: (Status | null)[]): boolean {
    let any = false;
    if (this.constraints.length !== 1) {
      for (let k = 0; k < count; k++) {
        const v = this.verdict((nodes[at[k] as number] as NodeInfo).slot);
        out[k] = v;
        if (v !== null) any = true;
      }
      return any;
    }
    // One constraint (the usual case): `check(0, slot)` with its arrays read once.
    const ids = (this.domains[0] as DomainIndex).ids;
    const memo = this.passes[0] as Uint8Array;
    for (let k = 0; k < count; k++) {
      const slot = (nodes[at[k] as number] as NodeInfo).slot;
      const id = slot < ids.length ? (ids[slot] as number) : -1;
      let v: Status | null = REJECT_LABEL;
      if (id >= 0) {
        let known = memo[id] as number;
        if (known === 0) known = this.judge(0, id);
        v = known === 1 ? null : REJECT_SKEW;
      }
      out[k] = v;
      if (v !== null) any = true;
    }
    return any;
  }

  /** Recomputes a key's minimum after counts changed. */
  recompute(key: string): void {
    for (const m of this.passes) m.fill(0);
    let min = MAX_INT32;
    let domains = 0;
    for (const v of this.matchNum.get(key)?.values() ?? []) {
      domains++;
      if (v < min) min = v;
    }
    this.critical.set(key, { min, domains });
  }

  /** filtering.go minMatchNum: the global minimum, or 0 when fewer than minDomains domains exist. */
  minMatch(key: string, minDomains: number): number {
    const c = this.critical.get(key);
    if (!c) return MAX_INT32;
    return c.domains < minDomains ? 0 : c.min;
  }
}

function addTo(m: Map<string, Map<string, number>>, key: string, value: string, n: number): void {
  let inner = m.get(key);
  if (!inner) {
    inner = new Map();
    m.set(key, inner);
  }
  inner.set(value, (inner.get(value) ?? 0) + n);
}

class PreScoreState implements StateData {
  constructor(
    readonly constraints: Constraint[],
    readonly entries: (CountEntry | null)[],
    readonly ignored: Set<string>,
    readonly podCounts: Map<string, number>[],
    readonly weights: number[],
  ) {}
  clone(): StateData {
    return this;
  }
}

export function create(args: unknown, h: Handle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  parseArgs(noArgs, name, args);

  const entryFor = (c: Constraint, pod: PodInfo): CountEntry | null =>
    c.emptySelector || c.selector === null
      ? null
      : h.cache.countEntry({ namespaces: new Set([pod.namespace]), selectors: [c.selector], excludeTerminating: true });

  const explicit = (pod: PodInfo, when: string): Constraint[] => {
    const raw: RawConstraint[] = Array.isArray(pod.pod.spec?.topologySpreadConstraints)
      ? pod.pod.spec.topologySpreadConstraints
      : [];
    return raw.filter((c) => c.whenUnsatisfiable === when).map((c) => toConstraint(c, pod));
  };

  const updateWithPod = (state: CycleState, pod: PodInfo, other: PodInfo, node: NodeInfo, delta: number) => {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s || other.namespace !== pod.namespace || other.terminating) return;
    if (!labelsHaveKeys(node, s.constraints)) return;
    for (const c of s.constraints) {
      if (!includes(c, pod, node, s.affinity)) continue;
      if (c.emptySelector || !matchesLabelSelector(c.selector, other.labels)) continue;
      addTo(s.matchNum, c.topologyKey, node.labels[c.topologyKey] as string, delta);
      s.recompute(c.topologyKey);
    }
  };

  const preFilterState = new StateReader<PreFilterState>(PRE_FILTER_KEY);
  const verdicts = (signature: string) => h.cache.nodeVerdicts(signature);

  return {
    name,
    preFilter(state, pod, nodes) {
      const constraints = explicit(pod, "DoNotSchedule");
      if (constraints.length === 0) return { status: new Status(Code.Skip) };
      const affinity = requiredNodeAffinity(pod.pod, verdicts);
      const entries = constraints.map((c) => entryFor(c, pod));
      const matchNum = new Map<string, Map<string, number>>();
      const only = constraints[0] as Constraint;
      if (constraints.length === 1 && !affinity.constrained && !only.honorTaints) {
        // Every node with the key is eligible: read the per-domain index instead of every node.
        const counts = entries[0] ? h.cache.domainCounts(entries[0], only.topologyKey) : undefined;
        const inner = new Map<string, number>();
        for (const v of h.cache.topologyDomains(only.topologyKey).keys()) inner.set(v, counts?.get(v) ?? 0);
        matchNum.set(only.topologyKey, inner);
      } else {
        for (const node of nodes) {
          if (!labelsHaveKeys(node, constraints)) continue;
          for (let i = 0; i < constraints.length; i++) {
            const c = constraints[i] as Constraint;
            if (!includes(c, pod, node, affinity)) continue;
            addTo(
              matchNum,
              c.topologyKey,
              node.labels[c.topologyKey] as string,
              entries[i]?.perNode.get(node.slot) ?? 0,
            );
          }
        }
      }
      const domains = constraints.map((c) => h.cache.domainIndex(c.topologyKey));
      state.write(PRE_FILTER_KEY, new PreFilterState(constraints, matchNum, affinity, domains));
      return { status: null };
    },
    addPod(state, pod, toAdd, node) {
      updateWithPod(state, pod, toAdd, node, 1);
    },
    removePod(state, pod, toRemove, node) {
      updateWithPod(state, pod, toRemove, node, -1);
    },
    filter(state, _pod, node) {
      return preFilterState.read(state)?.verdict(node.slot) ?? null;
    },
    filterNodes(state, _pod, nodes, at, count, out) {
      return preFilterState.read(state)?.verdicts(nodes, at, count, out) ?? false;
    },
    preScore(state, pod, filtered) {
      const all = h.cache.nodes();
      if (filtered.length === 0 || all.length === 0) return new Status(Code.Skip);
      const hasExplicit = Array.isArray(pod.pod.spec?.topologySpreadConstraints)
        ? pod.pod.spec.topologySpreadConstraints.length > 0
        : false;
      let constraints: Constraint[];
      if (hasExplicit) constraints = explicit(pod, "ScheduleAnyway");
      else {
        const selector = buildDefaultSelector(h, pod);
        constraints =
          selector === null
            ? []
            : SYSTEM_DEFAULT_CONSTRAINTS.map((c) => toConstraint({ ...c, labelSelector: selector }, pod));
      }
      if (constraints.length === 0) return new Status(Code.Skip);
      const requireAll = hasExplicit;
      const affinity = requiredNodeAffinity(pod.pod, verdicts);
      const ignored = new Set<string>();
      const podCounts = constraints.map(() => new Map<string, number>());
      const sizes = constraints.map(() => 0);
      for (const node of filtered) {
        if (requireAll && !labelsHaveKeys(node, constraints)) {
          ignored.add(node.name);
          continue;
        }
        for (let i = 0; i < constraints.length; i++) {
          const c = constraints[i] as Constraint;
          if (c.topologyKey === HOSTNAME) continue;
          const v = node.labels[c.topologyKey];
          if (v === undefined) continue;
          const m = podCounts[i] as Map<string, number>;
          if (!m.has(v)) {
            m.set(v, 0);
            sizes[i] = (sizes[i] ?? 0) + 1;
          }
        }
      }
      const entries = constraints.map((c) => entryFor(c, pod));
      // scoring.go counts matching pods over every node that passes the constraint's policies. When
      // every node does (and no other key must be present), that is the per-domain index.
      const everyNode = (c: Constraint) =>
        (!requireAll || constraints.length === 1) && (!c.honorAffinity || !affinity.constrained) && !c.honorTaints;
      const scan: number[] = [];
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i] as Constraint;
        if (c.topologyKey === HOSTNAME) continue;
        const entry = entries[i];
        if (!everyNode(c)) scan.push(i);
        else if (entry) {
          const counts = h.cache.domainCounts(entry, c.topologyKey);
          const m = podCounts[i] as Map<string, number>;
          for (const v of m.keys()) m.set(v, counts.get(v) ?? 0);
        }
      }
      if (scan.length > 0) {
        for (const node of all) {
          if (requireAll && !labelsHaveKeys(node, constraints)) continue;
          for (const i of scan) {
            const c = constraints[i] as Constraint;
            if (!includes(c, pod, node, affinity)) continue;
            const m = podCounts[i] as Map<string, number>;
            const v = node.labels[c.topologyKey];
            if (v === undefined || !m.has(v)) continue;
            m.set(v, (m.get(v) ?? 0) + (entries[i]?.perNode.get(node.slot) ?? 0));
          }
        }
      }
      const weights = constraints.map((c, i) =>
        Math.log((c.topologyKey === HOSTNAME ? filtered.length - ignored.size : (sizes[i] ?? 0)) + 2),
      );
      state.write(PRE_SCORE_KEY, new PreScoreState(constraints, entries, ignored, podCounts, weights));
      return null;
    },
    score(state, _pod, node) {
      const s = state.read<PreScoreState>(PRE_SCORE_KEY);
      if (!s || s.ignored.has(node.name)) return 0;
      let score = 0;
      for (let i = 0; i < s.constraints.length; i++) {
        const c = s.constraints[i] as Constraint;
        const v = node.labels[c.topologyKey];
        if (v === undefined) continue;
        const cnt =
          c.topologyKey === HOSTNAME
            ? (s.entries[i]?.perNode.get(node.slot) ?? 0)
            : ((s.podCounts[i] as Map<string, number>).get(v) ?? 0);
        score += cnt * (s.weights[i] as number) + (c.maxSkew - 1);
      }
      return Math.round(score);
    },
    normalizeScore(state, _pod, scores, nodes) {
      const s = state.read<PreScoreState>(PRE_SCORE_KEY);
      if (!s) return;
      let min = Number.MAX_SAFE_INTEGER;
      let max = 0;
      for (let i = 0; i < scores.length; i++) {
        if (s.ignored.has((nodes[i] as NodeInfo).name)) continue;
        const v = scores[i] as number;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      for (let i = 0; i < scores.length; i++) {
        if (s.ignored.has((nodes[i] as NodeInfo).name)) scores[i] = 0;
        else if (max === 0) scores[i] = MAX_NODE_SCORE;
        else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - (scores[i] as number))) / max);
      }
    },
  } satisfies PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;
}
