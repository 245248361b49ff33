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
});
