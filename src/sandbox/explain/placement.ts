/**
 * "Why this node?" and "why Pending?" from the scheduler's per-plugin record of a pod's latest
 * attempt: the nodes each Filter plugin rejected and why, the feasible nodes, and every Score
 * plugin's weighted contribution on the scored nodes.
 */
import type { AttemptRecord, PodSchedulingRecord } from "../scheduler/record.js";

/** What the scheduler exposes for explanations (`createScheduler().explain`). */
export interface SchedulingExplainer {
  explain(podKey: string): PodSchedulingRecord | undefined;
}

function rejectedLines(a: AttemptRecord): string[] {
  if (a.preFilter) {
    return [`  every node: ${a.preFilter.plugin} rejected the pod before filtering: ${a.preFilter.reasons.join(", ")}`];
  }
  if (a.detail === "summary" || a.rejected.length === 0) {
    return Object.entries(a.reasonCounts).map(([reason, n]) => `  ${n} node(s): ${reason}`);
  }
  const byVerdict = new Map<string, string[]>();
  for (const v of a.rejected) {
    const key = `${v.plugin}: ${v.reasons.join(", ")}`;
    byVerdict.set(key, [...(byVerdict.get(key) ?? []), v.node]);
  }
  return [...byVerdict].map(([why, nodes]) => `  ${nodes.join(", ")}: ${why}`);
}

function scoreLines(a: AttemptRecord): string[] {
  const t = a.scores;
  if (!t || t.nodes.length === 0) return [];
  const order = t.nodes
    .map((n, i) => ({ n, i }))
    .sort(
      (x, y) =>
        (t.totals[y.i] ?? 0) - (t.totals[x.i] ?? 0) || Number(y.n === a.node) - Number(x.n === a.node) || x.i - y.i,
    );
  return order.map(({ n, i }) => {
    const parts = t.plugins
      .filter((p) => (p.normalized[i] ?? 0) * p.weight !== 0)
      .map((p) => `${p.plugin} ${p.normalized[i]}×${p.weight}`);
    return `  ${n}: ${t.totals[i]}${parts.length ? ` (${parts.join(", ")})` : ""}${n === a.node ? "  ← chosen" : ""}`;
  });
}

/** Why the chosen node won: the highest score, or a seeded pick among tied nodes (schedule_one.go selectHost). */
function winner(a: AttemptRecord): string {
  const t = a.scores;
  if (!t || !a.node) return `${a.node} was chosen`;
  const best = Math.max(...Array.from(t.totals));
  const tied = t.nodes.filter((_n, i) => t.totals[i] === best);
  if (tied.length > 1 && tied.includes(a.node)) {
    return `${tied.join(", ")} tied at ${best}; the scheduler picked ${a.node} among them at random (seeded)`;
  }
  return `${a.node} scored highest`;
}

/**
 * The placement of one pod in words: for a scheduled pod, why that node (feasible nodes and
 * scores) and why not the others; for a pending pod, the FailedScheduling text and each node's
 * verdict, then what preemption found.
 */
export function explainPlacement(record: PodSchedulingRecord): string[] {
  const a = record.last;
  const lines: string[] = [];
  if (a.outcome === "Scheduled" && a.node) {
    const others = a.feasible.length - 1;
    lines.push(
      `${record.pod} → ${a.node}: ${a.feasible.length} of ${a.numAllNodes} node(s) passed the filters` +
        (others > 0 ? `; ${winner(a)}` : a.viaNominatedNode ? " (its nominated node)" : ""),
    );
    const scores = scoreLines(a);
    if (scores.length > 1) lines.push("Scores (normalised × weight):", ...scores);
    if (a.rejected.length > 0 || a.preFilter) lines.push("Ruled out:", ...rejectedLines(a));
    return lines;
  }
  lines.push(`${record.pod} is Pending: ${a.message ?? "no node fits"}`);
  lines.push("Per node:", ...rejectedLines(a));
  if (a.preemption) {
    lines.push(
      a.preemption.nominatedNode
        ? `Preemption: evicting ${a.preemption.victims.join(", ")} on ${a.preemption.nominatedNode} makes room`
        : "Preemption: removing lower-priority pods would not help",
    );
  }
  return lines;
}

/** The filter verdicts of a pending pod, one short clause per plugin: "2 nodes: Insufficient cpu (NodeResourcesFit)". */
export function pendingSummary(record: PodSchedulingRecord): string | null {
  const a = record.last;
  if (a.outcome === "Scheduled") return null;
  if (a.preFilter) return `${a.preFilter.plugin}: ${a.preFilter.reasons.join(", ")}`;
  const byPlugin = new Map<string, Set<string>>();
  for (const v of a.rejected) {
    const s = byPlugin.get(v.plugin) ?? new Set();
    s.add(v.node);
    byPlugin.set(v.plugin, s);
  }
  if (byPlugin.size === 0) return null;
  return [...byPlugin].map(([plugin, nodes]) => `${[...nodes].join(", ")} ruled out by ${plugin}`).join("; ");
}
