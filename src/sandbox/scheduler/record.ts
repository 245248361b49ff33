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

/** Stored per-node values (scores, verdicts) kept in full across all records. */
export const FULL_DETAIL_CELLS = 2_000_000;

/** How many per-node values an attempt holds. */
export function attemptCells(a: AttemptRecord): number {
  const t = a.scores;
  return (
    (a.pending?.statuses.size ?? a.rejected.length) +
    a.feasible.length +
    (t ? t.nodes.length * (1 + 2 * t.plugins.length) : 0)
  );
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
   * The cycle's node statuses before `materialize` turns them into `rejected` and `reasonCounts`
   * (deferred so that scheduling pays nothing for explanations nobody asks for).
   */
  pending?: { statuses: NodeToStatus; histogramNodes: number };
}

/** Fills `rejected` and `reasonCounts` from the cycle's statuses. */
export function materialize(a: AttemptRecord): void {
  const p = a.pending;
  if (!p) return;
  delete a.pending;
  const rejected: FilterVerdict[] = [];
  for (const [node, s] of p.statuses.entries()) {
    rejected.push({ node, plugin: s.plugin, code: CODE_NAMES[s.code], reasons: s.reasons });
  }
  a.rejected = rejected;
  const counts: Record<string, number> = {};
  if (a.preFilter === null) {
    for (const entry of reasonHistogram(p.histogramNodes, p.statuses)) {
      const sp = entry.indexOf(" ");
      counts[entry.slice(sp + 1)] = Number(entry.slice(0, sp));
    }
  }
  a.reasonCounts = counts;
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
function topFive(totals: ArrayLike<number>): number[] {
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

/** Trims an attempt to its summary form. */
export function compactAttempt(a: AttemptRecord): void {
  if (a.detail === "summary") return;
  materialize(a);
  a.detail = "summary";
  a.rejected = [];
  const t = a.scores;
  if (t && t.nodes.length > 5) {
    const keep = topFive(t.totals);
    const chosen = a.node === null ? -1 : t.nodes.indexOf(a.node);
    if (chosen >= 0 && !keep.includes(chosen)) keep.push(chosen);
    const pick = (arr: ArrayLike<number>) => keep.map((i) => arr[i] as number);
    a.scores = {
      nodes: keep.map((i) => t.nodes[i] as string),
      totals: pick(t.totals),
      plugins: t.plugins.map((p) => ({
        plugin: p.plugin,
        weight: p.weight,
        raw: pick(p.raw),
        normalized: pick(p.normalized),
      })),
      skipped: t.skipped,
    };
  }
  if (a.feasible.length > 5) a.feasible = a.scores ? a.scores.nodes : a.feasible.slice(0, 5);
}
