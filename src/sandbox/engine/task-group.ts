/**
 * Tasks one owner (a pod worker, a container) has on the clock, so they can all be cancelled
 * at once. A plain list pruned of finished tasks now and then: owners schedule a task every few
 * simulated seconds (probes), and a Set that fills and empties each time reallocates its table.
 */
import type { ScheduledTask } from "./clock.js";

/** Length past which finished tasks are dropped before adding another. */
const PRUNE_AT = 8;

export class TaskGroup {
  private tasks: ScheduledTask[] = [];

  add(task: ScheduledTask): void {
    if (this.tasks.length >= PRUNE_AT) this.prune();
    this.tasks.push(task);
  }

  /** Adds a task put back on the clock (`SimClock.again`) unless the group still holds it. */
  keep(task: ScheduledTask): void {
    if (!this.tasks.includes(task)) this.add(task);
  }

  /** Drops finished tasks, in place. */
  private prune(): void {
    let kept = 0;
    for (const t of this.tasks) if (!t.done) this.tasks[kept++] = t;
    this.tasks.length = kept;
  }

  /** Cancels every task that has not run yet. */
  cancelAll(): void {
    for (const t of this.tasks) t.cancelled = true;
    this.tasks = [];
  }
}
