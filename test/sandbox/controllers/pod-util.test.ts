import { describe, expect, it } from "vitest";
import { timestampAt } from "../../../src/sandbox/api/server.js";
import { secondsOf } from "../../../src/sandbox/controllers/pod-util.js";

describe("secondsOf", () => {
  it.each([0, 1, 59, 600, 3_600, 86_401])("reads back timestampAt(%i), again and again", (s) => {
    const text = timestampAt(s);
    expect(secondsOf(text)).toBe(s);
    expect(secondsOf(text)).toBe(s);
  });

  it.each([["not a time"], [""], [42], [undefined], [null]])("gives undefined for %j", (v) => {
    expect(secondsOf(v)).toBeUndefined();
    expect(secondsOf(v)).toBeUndefined();
  });
});

describe("timestampAt", () => {
  it("formats alternating seconds consistently (whole seconds, Z suffix)", () => {
    const a = timestampAt(5);
    const b = timestampAt(125.7);
    expect(a).toBe("2026-01-01T00:00:05Z");
    expect(b).toBe("2026-01-01T00:02:05Z");
    expect(timestampAt(5.9)).toBe(a);
    expect(timestampAt(125)).toBe(b);
  });
});
