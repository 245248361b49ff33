import { describe, expect, it } from "vitest";
import { SimClock } from "../../../src/sandbox/engine/clock.js";
import { TaskGroup } from "../../../src/sandbox/engine/task-group.js";

describe("TaskGroup", () => {
  it("cancels the tasks that have not run, across many finished ones", () => {
    const clock = new SimClock();
    const group = new TaskGroup();
    const ran: number[] = [];
    for (let i = 1; i <= 20; i++) group.add(clock.at(i, `t${i}`, () => ran.push(i)));
    clock.runUntil(15);
    group.add(clock.at(30, "late", () => ran.push(30)));
    group.cancelAll();
    const end = clock.runUntil(100);
    expect(ran).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    // Cancelled tasks are skipped: the clock stops at the last task that ran.
    expect(end.reached).toBe(15);
  });

  it("marks a task done once the clock has taken it, run or cancelled", () => {
    const clock = new SimClock();
    const a = clock.at(1, "a", () => {});
    const b = clock.at(2, "b", () => {});
    b.cancelled = true;
    expect([a.done, b.done]).toEqual([false, false]);
    clock.runUntil(5);
    expect([a.done, b.done]).toEqual([true, true]);
  });

  it("keeps a task put back on the clock cancellable, even after finished tasks were pruned", () => {
    const clock = new SimClock();
    const group = new TaskGroup();
    let repeats = 0;
    const repeating = clock.at(1, "repeat", () => {
      repeats++;
      // Enough finished tasks that adding one prunes the repeating task while it is done.
      for (let i = 0; i < 10; i++) group.add(clock.at(clock.now, `done${i}`, () => {}));
      clock.runUntil(clock.now);
      group.add(clock.at(clock.now + 100, "pending", () => {}));
      if (clock.again(repeating, 5)) group.keep(repeating);
    });
    group.add(repeating);
    group.keep(repeating);
    clock.runUntil(1);
    expect(repeats).toBe(1);
    group.cancelAll();
    clock.runUntil(1000);
    expect(repeats).toBe(1);
  });
});
