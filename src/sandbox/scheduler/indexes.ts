/**
 * Incremental indexes over assigned pods, so that spreading and inter-pod affinity never scan every
 * pod per scheduling cycle (kube-scheduler does scan them; we keep its semantics and skip its cost):
 * - `CountIndex`: for a matching rule (namespaces + label selectors), how many assigned pods match
 *   on each node. Built lazily the first time a rule is asked for, then kept current on every
 *   pod add/remove.
 * - `TermIndex`: the (anti-)affinity terms carried by assigned pods, grouped by identical term, with
 *   how many pods on each node carry it — the "existing pods' terms" side of InterPodAffinity.
 */
import { type LabelSelector, matchesLabelSelector } from "../model/selector.js";
import type { PodInfo } from "./pod-info.js";
import type { AffinityTerm } from "./terms.js";

/** A rule whose matching pods are counted per node. */
export interface CountRule {
  /** Namespaces a pod must be in; `null` means any namespace. */
  namespaces: ReadonlySet<string> | null;
  /** Every selector must match (a null selector matches nothing). */
  selectors: readonly (LabelSelector | null)[];
  /** Terminating pods are not counted (PodTopologySpread, upstream #87621). */
  excludeTerminating: boolean;
}

/** Per-node counts of pods, and per topology domain once asked for (both kept current). */
export interface DomainCounted {
  /** slot → count (only non-zero slots). */
  perNode: Map<number, number>;
  /** Per topology key asked for: domain value → count (only non-zero values). */
  byDomain: Map<string, Map<string, number>>;
}

/** Per-node counts of pods matching one rule. */
export interface CountEntry extends DomainCounted {
  rule: CountRule;
  total: number;
}

/** A stable key for a rule. */
export function ruleKey(rule: CountRule): string {
  const ns = rule.namespaces === null ? "*" : [...rule.namespaces].sort().join(",");
  return `${ns}|${rule.excludeTerminating ? 1 : 0}|${JSON.stringify(rule.selectors)}`;
}

/** Whether a pod matches a rule. */
export function ruleMatches(rule: CountRule, p: PodInfo): boolean {
  if (rule.excludeTerminating && p.terminating) return false;
  if (rule.namespaces !== null && !rule.namespaces.has(p.namespace)) return false;
  for (const s of rule.selectors) if (!matchesLabelSelector(s, p.labels)) return false;
  return true;
}

function bump(m: Map<number, number>, slot: number, d: number): void {
  const v = (m.get(slot) ?? 0) + d;
  if (v === 0) m.delete(slot);
  else m.set(slot, v);
}

/** Moves the per-domain counts of an entry by `d` for a node with these labels. */
function bumpDomains(e: DomainCounted, labels: Record<string, string>, d: number): void {
  for (const [key, m] of e.byDomain) {
    const v = labels[key];
    if (v === undefined) continue;
    const n = (m.get(v) ?? 0) + d;
    if (n === 0) m.delete(v);
    else m.set(v, n);
  }
}

export class CountIndex {
  private readonly entries = new Map<string, CountEntry>();

  /** The entry for a rule, built from `assigned` the first time. */
  get(rule: CountRule, assigned: () => Iterable<[PodInfo, number]>): CountEntry {
    const key = ruleKey(rule);
    let e = this.entries.get(key);
    if (!e) {
      e = { rule, perNode: new Map(), total: 0, byDomain: new Map() };
      for (const [p, slot] of assigned()) {
        if (ruleMatches(rule, p)) {
          bump(e.perNode, slot, 1);
          e.total++;
        }
      }
      this.entries.set(key, e);
    }
    return e;
  }

  /** Accounts an assigned pod added (+1) or removed (-1) on a node slot with those labels. */
  update(p: PodInfo, slot: number, d: 1 | -1, labels: Record<string, string>): void {
    for (const e of this.entries.values()) {
      if (ruleMatches(e.rule, p)) {
        bump(e.perNode, slot, d);
        e.total += d;
        bumpDomains(e, labels, d);
      }
    }
  }

  /** Forgets every per-domain count (node labels changed); they are rebuilt on demand. */
  invalidateDomains(): void {
    for (const e of this.entries.values()) e.byDomain.clear();
  }

  /** Forgets a node's counts (the node is gone). */
  dropSlot(slot: number): void {
    for (const e of this.entries.values()) {
      const v = e.perNode.get(slot);
      if (v !== undefined) {
        e.total -= v;
        e.perNode.delete(slot);
      }
    }
  }
}

/** The kinds of term an assigned pod may carry. */
export type TermKind = "requiredAffinity" | "requiredAntiAffinity" | "preferredAffinity" | "preferredAntiAffinity";

/** Identical terms of assigned pods, with per-node (and per-domain) counts of pods carrying them. */
export interface TermEntry extends DomainCounted {
  term: AffinityTerm;
  weight: number;
  total: number;
}

export class TermIndex {
  private readonly byKind: Record<TermKind, Map<string, TermEntry>> = {
    requiredAffinity: new Map(),
    requiredAntiAffinity: new Map(),
    preferredAffinity: new Map(),
    preferredAntiAffinity: new Map(),
  };

  /** Terms of a kind carried by at least one assigned pod. */
  entries(kind: TermKind): Iterable<TermEntry> {
    return this.byKind[kind].values();
  }

  /** Whether any assigned pod carries a term of this kind. */
  any(kind: TermKind): boolean {
    return this.byKind[kind].size > 0;
  }

  /** Accounts an assigned pod's terms added (+1) or removed (-1) on a node slot with those labels. */
  update(p: PodInfo, slot: number, d: 1 | -1, labels: Record<string, string>): void {
    if (!p.hasAffinity) return;
    for (const t of p.requiredAffinityTerms) this.bumpTerm("requiredAffinity", t, 1, slot, d, labels);
    for (const t of p.requiredAntiAffinityTerms) this.bumpTerm("requiredAntiAffinity", t, 1, slot, d, labels);
    for (const w of p.preferredAffinityTerms) this.bumpTerm("preferredAffinity", w.term, w.weight, slot, d, labels);
    for (const w of p.preferredAntiAffinityTerms) {
      this.bumpTerm("preferredAntiAffinity", w.term, w.weight, slot, d, labels);
    }
  }

  /** Forgets every per-domain count (node labels changed); they are rebuilt on demand. */
  invalidateDomains(): void {
    for (const m of Object.values(this.byKind)) for (const e of m.values()) e.byDomain.clear();
  }

  dropSlot(slot: number): void {
    for (const m of Object.values(this.byKind)) {
      for (const [k, e] of m) {
        const v = e.perNode.get(slot);
        if (v === undefined) continue;
        e.total -= v;
        e.perNode.delete(slot);
        if (e.total === 0) m.delete(k);
      }
    }
  }

  private bumpTerm(
    kind: TermKind,
    term: AffinityTerm,
    weight: number,
    slot: number,
    d: 1 | -1,
    labels: Record<string, string>,
  ): void {
    const m = this.byKind[kind];
    const key = `${weight}|${term.signature}`;
    let e = m.get(key);
    if (!e) {
      if (d < 0) return;
      e = { term, weight, perNode: new Map(), total: 0, byDomain: new Map() };
      m.set(key, e);
    }
    bump(e.perNode, slot, d);
    e.total += d;
    bumpDomains(e, labels, d);
    if (e.total === 0) m.delete(key);
  }
}

/** An entry's count per value of a topology key, built from per-node counts the first time. */
export function domainCounts(
  e: DomainCounted,
  key: string,
  labelsOf: (slot: number) => Record<string, string> | undefined,
): Map<string, number> {
  let m = e.byDomain.get(key);
  if (!m) {
    m = new Map();
    for (const [slot, n] of e.perNode) {
      const v = labelsOf(slot)?.[key];
      if (v !== undefined) m.set(v, (m.get(v) ?? 0) + n);
    }
    e.byDomain.set(key, m);
  }
  return m;
}
