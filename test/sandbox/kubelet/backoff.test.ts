import { describe, expect, it } from "vitest";
import { goDuration, inBackoff, nextBackoff } from "../../../src/sandbox/kubelet/backoff.js";

describe("back-off", () => {
  it("doubles from 10s to the 300s cap", () => {
    let e = nextBackoff(null, 0);
    const delays = [e.delay];
    for (let i = 1; i < 8; i++) {
      e = nextBackoff(e, i);
      delays.push(e.delay);
    }
    expect(delays).toEqual([10, 20, 40, 80, 160, 300, 300, 300]);
  });

  it("resets after ten minutes without an update", () => {
    const e = nextBackoff(nextBackoff(null, 0), 5);
    expect(nextBackoff(e, 5 + 601).delay).toBe(10);
    expect(inBackoff(e, 5, 5 + 601)).toBe(false);
  });

  it("is in back-off until the delay has passed since the exit", () => {
    const e = { delay: 20, lastUpdate: 100 };
    expect(inBackoff(e, 100, 119)).toBe(true);
    expect(inBackoff(e, 100, 120)).toBe(false);
    expect(inBackoff(null, 100, 100)).toBe(false);
  });

  it.each([
    [0.313, "313ms"],
    [1.594, "1.594s"],
    [7.2, "7.2s"],
    [10, "10s"],
    [300, "5m0s"],
    [62.5, "1m2.5s"],
  ])("%s s prints as Go's %s", (s, text) => {
    expect(goDuration(s)).toBe(text);
  });
});
