/**
 * What the scheduler keeps about each pod for the explanation layer ("why node-b?", "why not
 * node-a?"): for the latest attempt, the PreFilter verdict, every rejected node with the plugin,
 * code and reasons that rejected it, the feasible nodes, every Score plugin's raw, normalised and
 * weighted score per scored node, the chosen node and any preemption. To bound memory on huge
 * inputs, full per-node detail is kept for the most recent pods within a budget of
 * `FULL_DETAIL_CELLS` stored values (a chat-sized cluster never reaches it); older records keep a
 * summary (reason counts, the chosen node and the five best-scored nodes).
 */

import { reasonHistogram } from "./fit-error.js";
import { CODE_NAMES, type NodeToStatus } from "./framework.js";
import type { NodeInfo } from "./node-info.js";

/** Stored per-node values (scores, verdicts) kept in full across all records. */
export const FULL_DETAIL_CELLS = 2_000_000;

/** How many per-node values an attempt holds. */
export function attemptCells(a: AttemptRecord): number {
  const p = a.pending;
  if (p) {
    const t = p.scores;
    return p.statuses.size + p.feasible.length + (t ? p.feasible.length * (1 + 2 * t.plugins.length) : 0);
  }
  const t = a.scores;
  return a.rejected.length + a.feasible.length + (t ? t.nodes.length * (1 + 2 * t.plugins.length) : 0);
}

export interface FilterVerdict {
  node: string;
  plugin: string;
  /** Status code name: Unschedulable, UnschedulableAndUnresolvable, Error. */
  code: string;
  reasons: readonly string[];
}

/** Scores of the scored nodes, column-wise (index i of every array is `nodes[i]`). */
export interface ScoreTable {
  nodes: string[];
  /** Σ normalised × weight. */
  totals: ArrayLike<number>;
  plugins: { plugin: string; weight: number; raw: ArrayLike<number>; normalized: ArrayLike<number> }[];
  /** Score plugins that skipped this pod at PreScore. */
  skipped: string[];
}

export interface PreemptionRecord {
  /** Node nominated for the pod, or null when preemption could not help. */
  nominatedNode: string | null;
  /** `namespace/name` of pods preempted. */
  victims: string[];
}

export type AttemptOutcome = "Scheduled" | "Unschedulable" | "Error";

export interface AttemptRecord {
  /** Simulated seconds. */
  time: number;
  /** 1-based attempt number. */
  attempt: number;
  outcome: AttemptOutcome;
  /** The node chosen (Scheduled), else null. */
  node: string | null;
  /** The FailedScheduling text, or null when scheduled. */
  message: string | null;
  /** Nodes in the snapshot. */
  numAllNodes: number;
  /** A PreFilter rejection of the whole pod. */
  preFilter: { plugin: string; code: string; reasons: readonly string[] } | null;
  /** PreFilter plugins that narrowed the nodes considered (e.g. NodeAffinity for DaemonSet pods). */
  narrowedBy: string[];
  /** Nodes evaluated by Filter (percentageOfNodesToScore may stop early on big clusters). */
  evaluatedNodes: number;
  /** Whether the pod's nominated node was tried first and accepted. */
  viaNominatedNode: boolean;
  rejected: FilterVerdict[];
  feasible: string[];
  scores: ScoreTable | null;
  preemption: PreemptionRecord | null;
  /** "summary" once compacted: `rejected` is emptied and `reasonCounts` kept instead. */
  detail: "full" | "summary";
  /** Reason → number of nodes (always set). */
  reasonCounts: Record<string, number>;
  /**
   * What the cycle saw, before `materialize` turns it into `rejected`, `reasonCounts`, `feasible`
   * and `scores` (deferred so that scheduling pays nothing for explanations nobody asks for).
   */
  pending?: PendingAttempt;
}

/** The raw material of an attempt's explanation, kept as the cycle left it. */
export interface PendingAttempt {
  statuses: NodeToStatus;
  histogramNodes: number;
  /** Feasible nodes, in the order they were found. */
  feasible: readonly NodeInfo[];
  /** Scores of the feasible nodes (index i is `feasible[i]`), when they were scored. */
  scores?: Omit<ScoreTable, "nodes">;
  /** Index in `feasible` of the node chosen, when one was. */
  chosen?: number;
  /** The array behind the score columns (see `compactAttempt`). */
  buffer?: Int32Array;
}

function reasonCounts(a: AttemptRecord, p: PendingAttempt): Record<string, number> {
  const counts: Record<string, number> = {};
  if (a.preFilter === null) {
    for (const entry of reasonHistogram(p.histogramNodes, p.statuses)) {
      const sp = entry.indexOf(" ");
      counts[entry.slice(sp + 1)] = Number(entry.slice(0, sp));
    }
  }
  return counts;
}

/** Fills `rejected`, `reasonCounts`, `feasible` and `scores` from what the cycle left. */
export function materialize(a: AttemptRecord): void {
  const p = a.pending;
  if (!p) return;
  delete a.pending;
  const rejected: FilterVerdict[] = [];
  for (const [node, s] of p.statuses.entries()) {
    rejected.push({ node, plugin: s.plugin, code: CODE_NAMES[s.code], reasons: s.reasons });
  }
  a.rejected = rejected;
  a.reasonCounts = reasonCounts(a, p);
  a.feasible = p.feasible.map((n) => n.name);
  if (p.scores) a.scores = { nodes: a.feasible, ...p.scores };
}

/** Everything kept about one pod. */
export interface PodSchedulingRecord {
  /** `namespace/name` */
  pod: string;
  uid: string;
  attempts: number;
  /** Node the pod was bound to, if it was. */
  scheduledNode: string | null;
  nominatedNode: string | null;
  last: AttemptRecord;
  /** Outcome of every attempt (bounded to the latest 50). */
  history: { time: number; outcome: AttemptOutcome; node: string | null; message: string | null }[];
}

/** Indexes of the (up to) five best totals, best first, ties by position. */
function topFive(totals: Int32Array): number[] {
  const top: number[] = [];
  for (let i = 0; i < totals.length; i++) {
    const v = totals[i] as number;
    if (top.length === 5 && v <= (totals[top[4] as number] as number)) continue;
    let j = top.length < 5 ? top.length : 4;
    top[j] = i;
    while (j > 0 && (totals[top[j - 1] as number] as number) < v) {
      top[j] = top[j - 1] as number;
      top[j - 1] = i;
      j--;
    }
  }
  return top;
}

/**
 * Trims an attempt to its summary form (without building the detail it drops). Returns the score
 * buffer when the attempt no longer holds any view of it, so that the scheduler can reuse it.
 */
export function compactAttempt(a: AttemptRecord): Int32Array | undefined {
  if (a.detail === "summary") return undefined;
  const p = a.pending;
  delete a.pending;
  a.detail = "summary";
  a.rejected = [];
  let nodeName: (i: number) => string;
  let count: number;
  let chosen = -1;
  if (p) {
    a.reasonCounts = reasonCounts(a, p);
    nodeName = (i) => (p.feasible[i] as NodeInfo).name;
    count = p.feasible.length;
    if (p.scores) a.scores = { nodes: [], ...p.scores };
    if (a.node !== null) chosen = p.chosen ?? -1;
  } else {
    const names = a.feasible;
    nodeName = (i) => names[i] as string;
    count = names.length;
    if (a.node !== null) chosen = names.indexOf(a.node);
  }
  const t = a.scores;
  if (t && count > 5) {
    const keep = topFive(t.totals instanceof Int32Array ? t.totals : Int32Array.from(t.totals));
    if (chosen >= 0 && !keep.includes(chosen)) keep.push(chosen);
    const pick = (arr: ArrayLike<number>) => keep.map((i) => arr[i] as number);
    a.scores = {
      nodes: keep.map(nodeName),
      totals: pick(t.totals),
      plugins: t.plugins.map((q) => ({
        plugin: q.plugin,
        weight: q.weight,
        raw: pick(q.raw),
        normalized: pick(q.normalized),
      })),
      skipped: t.skipped,
    };
    a.feasible = a.scores.nodes;
    return p?.buffer;
  }
  const all = Array.from({ length: count }, (_, i) => nodeName(i));
  if (t) t.nodes = all;
  a.feasible = count > 5 ? all.slice(0, 5) : all;
  return t ? undefined : p?.buffer;
}
