/**
 * Offset → line lookup over one text, built once with a single `indexOf` sweep and answered by
 * binary search, so positions from js-yaml events cost O(log lines) each and no second parse.
 */
export class LineIndex {
  /** Offset of the first character of each line; `starts[0]` is always 0. */
  private readonly starts: number[];

  constructor(text: string) {
    const starts = [0];
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  /** Number of lines (a text ending with a newline has an empty last line). */
  get count(): number {
    return this.starts.length;
  }

  /** Offset where the 1-based `line` starts. */
  startOf(line: number): number {
    return this.starts[line - 1] ?? Number.POSITIVE_INFINITY;
  }

  /** 1-based line holding `offset`. CRLF needs nothing special: `\r` is the last character of its line. */
  lineAt(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}
