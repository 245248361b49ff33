/**
 * The discrete-event clock: tasks run in simulated-time order (ties in the order they were
 * scheduled), so the whole simulation is deterministic. Nothing here reads a real clock.
 */

export interface ScheduledTask {
  readonly at: number;
  readonly label: string;
  cancelled: boolean;
  /** Taken off the clock: it ran, or was skipped as cancelled. */
  readonly done: boolean;
}

interface Entry extends ScheduledTask {
  at: number;
  done: boolean;
  seq: number;
  run: () => void;
}

/** A binary min-heap ordered by (at, seq). */
class TaskHeap {
  private readonly items: Entry[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Entry | undefined {
    return this.items[0];
  }

  push(e: Entry): void {
    const a = this.items;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(a[i] as Entry, a[p] as Entry)) break;
      [a[i], a[p]] = [a[p] as Entry, a[i] as Entry];
      i = p;
    }
  }

  pop(): Entry | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && less(a[l] as Entry, a[m] as Entry)) m = l;
        if (r < a.length && less(a[r] as Entry, a[m] as Entry)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as Entry, a[i] as Entry];
        i = m;
      }
    }
    return top;
  }
}

function less(x: Entry, y: Entry): boolean {
  return x.at < y.at || (x.at === y.at && x.seq < y.seq);
}

/**
 * Simulated times are kept to the microsecond: summed float delays (0.1 + 0.005 …) would
 * otherwise print as 16.200000000000003 in the JSON result and order "equal" times by noise.
 */
function toMicroseconds(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}

export class SimClock {
  private current = 0;
  private seq = 0;
  private readonly heap = new TaskHeap();
  /** Tasks run so far (a guard against runaway feedback loops). */
  executed = 0;

  /** Simulated seconds since the start. */
  get now(): number {
    return this.current;
  }

  /** Runs `fn` at simulated time `at` (never earlier than now). */
  at(at: number, label: string, fn: () => void): ScheduledTask {
    const entry: Entry = {
      at: Math.max(toMicroseconds(at), this.current),
      label,
      cancelled: false,
      done: false,
      seq: this.seq++,
      run: fn,
    };
    this.heap.push(entry);
    return entry;
  }

  /** Runs `fn` after `delay` simulated seconds. */
  after(delay: number, label: string, fn: () => void): ScheduledTask {
    return this.at(this.current + delay, label, fn);
  }

  /**
   * Puts a task that has run back on the clock `delay` seconds from now, ordered exactly as a new
   * task from `after` would be, but reusing its entry: repeating tasks (probes every period) then
   * allocate nothing. False, and nothing scheduled, when the task was cancelled or has not run.
   */
  again(task: ScheduledTask, delay: number): boolean {
    const entry = task as Entry;
    if (!entry.done || entry.cancelled) return false;
    entry.at = Math.max(toMicroseconds(this.current + delay), this.current);
    entry.seq = this.seq++;
    entry.done = false;
    this.heap.push(entry);
    return true;
  }

  /** Whether anything is left to happen. */
  get idle(): boolean {
    return this.heap.size === 0;
  }

  /** Time of the next task, if any. */
  nextAt(): number | undefined {
    return this.heap.peek()?.at;
  }

  /**
   * Runs tasks up to and including `horizon`, or until `maxTasks` have run in total.
   * Returns the simulated time reached: the horizon when work remains beyond it, else the time
   * of the last task.
   */
  runUntil(horizon: number, maxTasks = Number.POSITIVE_INFINITY): { reached: number; exhausted: boolean } {
    for (;;) {
      const next = this.heap.peek();
      if (!next) return { reached: this.current, exhausted: false };
      if (next.at > horizon) {
        this.current = horizon;
        return { reached: horizon, exhausted: false };
      }
      if (this.executed >= maxTasks) return { reached: this.current, exhausted: true };
      this.heap.pop();
      next.done = true;
      if (next.cancelled) continue;
      this.current = next.at;
      this.executed++;
      next.run();
    }
  }
}
