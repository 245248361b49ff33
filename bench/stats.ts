/** Small helpers for benchmarks: percentiles and timing. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** Runs `fn` `n` times and returns each duration in ms. */
export function timeRuns(n: number, fn: () => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

export function fmt(n: number, digits = 2): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** A benchmark section for BENCHMARKS.md. */
export interface BenchSection {
  name: string;
  lines: string[];
}

/**
 * Milliseconds on the machine's monotonic clock (CLOCK_MONOTONIC on Linux), with sub-millisecond
 * resolution. Every process reads the same clock, so stamps taken in two processes compare.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
