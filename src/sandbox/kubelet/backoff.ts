/**
 * The kubelet's exponential back-off for container restarts and image pulls
 * (k8s.io/client-go/util/flowcontrol/backoff.go; constants in pkg/kubelet/kubelet.go:
 * initial 10s, `MaxContainerBackOff` 300s). No entry means no wait: the first restart is
 * immediate. An entry expires after 2 × max without an update and starts again at 10s.
 */

/** Initial back-off, seconds (pkg/kubelet/kubelet.go backOffPeriod). */
export const INITIAL_BACKOFF = 10;
/** Back-off cap, seconds (pkg/kubelet/kubelet.go MaxContainerBackOff). */
export const MAX_BACKOFF = 300;

export interface BackoffEntry {
  delay: number;
  lastUpdate: number;
}

/** Whether `now` is still inside the back-off window that started at `since` (IsInBackOffSince). */
export function inBackoff(entry: BackoffEntry | null, since: number, now: number): boolean {
  if (entry === null) return false;
  if (now - entry.lastUpdate > 2 * MAX_BACKOFF) return false;
  // Times are sums of float seconds: compare with a tolerance far below the clock's resolution.
  return now - since < entry.delay - 1e-6;
}

/** The entry after one more failure at `at` (Backoff.Next). */
export function nextBackoff(entry: BackoffEntry | null, at: number): BackoffEntry {
  if (entry === null || at - entry.lastUpdate > 2 * MAX_BACKOFF) return { delay: INITIAL_BACKOFF, lastUpdate: at };
  return { delay: Math.min(entry.delay * 2, MAX_BACKOFF), lastUpdate: at };
}

/** Go's `time.Duration.String()` for a duration truncated to milliseconds: `313ms`, `1.594s`, `1m2.5s`. */
export function goDuration(seconds: number): string {
  const ms = Math.floor(seconds * 1000 + 1e-6);
  if (ms === 0) return "0s";
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const rest = (ms % 60_000) / 1000;
  const s = `${rest.toFixed(3).replace(/\.?0+$/, "")}s`;
  if (h > 0) return `${h}h${m}m${s}`;
  if (m > 0) return `${m}m${s}`;
  return s;
}
