import { describe, expect, it } from "vitest";
import { SimClock } from "../../../src/sandbox/engine/clock.js";

describe("SimClock", () => {
  it("runs tasks in time order, ties in the order they were scheduled", () => {
    const c = new SimClock();
    const seen: string[] = [];
    c.at(5, "b", () => seen.push(`b@${c.now}`));
    c.at(1, "a", () => seen.push(`a@${c.now}`));
    c.at(5, "c", () => seen.push(`c@${c.now}`));
    c.at(1, "d", () => c.after(0, "e", () => seen.push(`e@${c.now}`)));
    expect(c.runUntil(10)).toEqual({ reached: 5, exhausted: false });
    expect(seen).toEqual(["a@1", "e@1", "b@5", "c@5"]);
  });

  it("stops at the horizon and leaves later work pending", () => {
    const c = new SimClock();
    let ran = false;
    c.at(20, "late", () => {
      ran = true;
    });
    expect(c.runUntil(10).reached).toBe(10);
    expect(ran).toBe(false);
    expect(c.nextAt()).toBe(20);
  });

  it("skips cancelled tasks and never runs a task in the past", () => {
    const c = new SimClock();
    const t = c.at(3, "x", () => {
      throw new Error("cancelled task ran");
    });
    t.cancelled = true;
    c.at(4, "y", () => c.at(1, "past", () => expect(c.now).toBe(4)));
    c.runUntil(10);
    expect(c.executed).toBe(2);
  });

  it("reports exhaustion when the task budget runs out", () => {
    const c = new SimClock();
    const loop = () => c.after(1, "loop", loop);
    loop();
    expect(c.runUntil(1e9, 50)).toEqual({ reached: 50, exhausted: true });
  });

  it("puts a task that ran back on the clock in the order a new task would take", () => {
    const c = new SimClock();
    const seen: string[] = [];
    let runs = 0;
    const tick = c.at(1, "tick", () => {
      seen.push(`tick@${c.now}`);
      if (++runs < 3) {
        expect(c.again(tick, 2)).toBe(true);
        // Scheduled after the repeat at the same instant, so it runs after it.
        c.after(2, "other", () => seen.push(`other@${c.now}`));
      }
    });
    // Not run yet: nothing to put back.
    expect(c.again(tick, 1)).toBe(false);
    c.runUntil(20);
    expect(seen).toEqual(["tick@1", "tick@3", "other@3", "tick@5", "other@5"]);
    expect(tick.done).toBe(true);
    tick.cancelled = true;
    expect(c.again(tick, 1)).toBe(false);
    expect(c.idle).toBe(true);
  });
});
