/**
 * The FailedScheduling message (pkg/scheduler/framework/types.go `FitError.Error`):
 * `0/<N> nodes are available:` then either the PreFilter message, or the per-reason node counts
 * sorted as Go's sort.Strings sorts them (byte-wise, counts as text), then the PostFilter message.
 */
import type { NodeToStatus, Status } from "./framework.js";

/** schedule_one.go ErrNoNodesAvailable */
export const ERR_NO_NODES_AVAILABLE = "no nodes available to schedule pods";

export interface Diagnosis {
  statuses: NodeToStatus;
  /** Message of the PreFilter plugin that rejected the pod, if one did. */
  preFilterMsg: string;
  /** Message of PostFilter (preemption), if any. */
  postFilterMsg: string;
}

/** Go's sort.Strings order: byte-wise comparison of UTF-8 (for our ASCII texts, code units). */
export function goStringLess(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How many distinct statuses `reasonHistogram` counts in a list before it needs a map. */
const FEW_STATUSES = 8;

/** The reason histogram entries (`"<count> <reason>"`), sorted. */
export function reasonHistogram(numAllNodes: number, statuses: NodeToStatus): string[] {
  // Statuses are mostly a few shared constants: count them by identity first (in a short list, a map
  // only past FEW_STATUSES distinct ones), then by reason.
  const distinct: Status[] = [];
  const counts: number[] = [];
  let byStatus: Map<Status, number> | undefined;
  const all = statuses.values();
  for (let i = 0; i < all.length; i++) {
    const status = all[i] as Status;
    let k = 0;
    while (k < distinct.length && distinct[k] !== status) k++;
    if (k < distinct.length) counts[k] = (counts[k] as number) + 1;
    else if (k < FEW_STATUSES) {
      distinct.push(status);
      counts.push(1);
    } else {
      byStatus ??= new Map();
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    }
  }
  const reasons = new Map<string, number>();
  const add = (status: Status, n: number) => {
    for (const r of status.reasons) reasons.set(r, (reasons.get(r) ?? 0) + n);
  };
  for (let k = 0; k < distinct.length; k++) add(distinct[k] as Status, counts[k] as number);
  if (byStatus) for (const [status, n] of byStatus) add(status, n);
  if (statuses.size < numAllNodes) {
    for (const r of statuses.absentStatus().reasons) {
      reasons.set(r, (reasons.get(r) ?? 0) + numAllNodes - statuses.size);
    }
  }
  return [...reasons].map(([r, n]) => `${n} ${r}`).sort(goStringLess);
}

/** types.go FitError.Error() */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg !== "") msg += ` ${d.preFilterMsg}.`;
  else {
    const sorted = reasonHistogram(numAllNodes, d.statuses);
    if (sorted.length > 0) msg += ` ${sorted.join(", ")}.`;
  }
  if (d.postFilterMsg !== "") msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** Events carry at most 1024 characters (schedule_one.go truncateMessage, noteLengthLimit). */
export function truncateMessage(message: string): string {
  const max = 1024;
  if (message.length <= max) return message;
  const suffix = " ...";
  return message.slice(0, max - suffix.length) + suffix;
}
