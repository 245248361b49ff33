import { describe, expect, it } from "vitest";
import { formatDuration, humanDuration, parseGoDuration } from "../../../src/sandbox/model/duration.js";

describe("Go durations", () => {
  it.each([
    ["90s", 90],
    ["5m", 300],
    ["1h30m", 5400],
    ["1.5h", 5400],
    ["300ms", 0.3],
    ["1.5m", 90],
    ["0", 0],
  ])("%s is %d seconds", (text, seconds) => {
    expect(parseGoDuration(text)).toBeCloseTo(seconds, 6);
  });

  it.each(["", "5", "m", "ten", "5 m", "1d", "-5s"])("%j is not a duration", (text) => {
    expect(parseGoDuration(text)).toBeNull();
  });

  it.each([
    [90, "1m30s"],
    [600, "10m"],
    [3600, "1h"],
    [0, "0s"],
    [0.5, "500ms"],
  ])("%d seconds print as %s", (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });

  it.each([
    [45, "45s"],
    [130, "2m10s"],
    [600, "10m"],
    [7200, "120m"],
    [4 * 3600 + 120, "4h2m"],
    [72 * 3600, "3d"],
  ])("kubectl AGE of %d seconds is %s", (s, text) => {
    expect(humanDuration(s)).toBe(text);
  });
});
