/**
 * Completion-index sets of Indexed Jobs as the Job controller keeps them: ordered intervals
 * parsed from and printed to `status.completedIndexes` / `status.failedIndexes` and
 * `successPolicy.rules[].succeededIndexes` (pkg/controller/job/indexed_job_utils.go
 * orderedIntervals, parseIndexesFromString, String, getCompletionIndex).
 */
import type { KubeObject } from "../model/object.js";

/** batch.JobCompletionIndexAnnotation (also the label name). */
export const COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";

/** A closed range of indexes, `first <= last`. */
export interface Interval {
  first: number;
  last: number;
}

/** The pod's completion index from its annotation, or undefined (getCompletionIndex). */
export function completionIndex(pod: KubeObject): number | undefined {
  const v = pod.metadata.annotations?.[COMPLETION_INDEX];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

/** Sorted, merged intervals holding `indexes` (orderedIntervals.withOrderedIndexes on an empty list). */
export function intervalsOf(indexes: Iterable<number>): Interval[] {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i === last.last + 1) last.last = i;
    else out.push({ first: i, last: i });
  }
  return out;
}

/** How many indexes the intervals hold (orderedIntervals.total). */
export function total(intervals: readonly Interval[]): number {
  let n = 0;
  for (const iv of intervals) n += iv.last - iv.first + 1;
  return n;
}

/**
 * orderedIntervals.String: `1,2` for two neighbours, `1-3` for three or more, joined by commas;
 * so indexes 0, 1, 3, 4, 5 print as `0,1,3-5`.
 */
export function formatIntervals(intervals: readonly Interval[]): string {
  return intervals
    .map((iv) =>
      iv.last === iv.first ? String(iv.first) : `${iv.first}${iv.last === iv.first + 1 ? "," : "-"}${iv.last}`,
    )
    .join(",");
}

/**
 * parseIndexesFromString: comma-separated indexes and `a-b` ranges below `completions`; a
 * corrupt piece is skipped, and parsing stops at the first piece starting at or past completions.
 */
export function parseIntervals(text: string | undefined, completions: number): Interval[] {
  if (!text) return [];
  const out: Interval[] = [];
  for (const piece of text.split(",")) {
    const [a, b] = piece.split("-");
    if (!a || !/^\d+$/.test(a)) continue;
    const first = Number(a);
    if (first >= completions) break;
    let last = first;
    if (b !== undefined) {
      if (!/^\d+$/.test(b)) continue;
      last = Math.min(Number(b), completions - 1);
    }
    const prev = out[out.length - 1];
    if (prev && prev.last === first - 1) prev.last = last;
    else out.push({ first, last });
  }
  return out;
}

/** Every index in the intervals, in order. */
export function indexesIn(intervals: readonly Interval[]): number[] {
  const out: number[] = [];
  for (const iv of intervals) for (let i = iv.first; i <= iv.last; i++) out.push(i);
  return out;
}
