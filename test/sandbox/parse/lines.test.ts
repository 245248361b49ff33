import { describe, expect, it } from "vitest";
import { LineIndex } from "../../../src/sandbox/parse/lines.js";

describe("LineIndex", () => {
  const text = "ab\ncd\r\n\nlast";
  const index = new LineIndex(text);
  const cases: Array<{ offset: number; line: number }> = [
    { offset: 0, line: 1 },
    { offset: 2, line: 1 }, // the newline belongs to its line
    { offset: 3, line: 2 },
    { offset: 5, line: 2 }, // the \r of a CRLF
    { offset: 7, line: 3 },
    { offset: 8, line: 4 },
    { offset: text.length, line: 4 },
  ];
  it.each(cases)("offset $offset is on line $line", ({ offset, line }) => {
    expect(index.lineAt(offset)).toBe(line);
  });

  it("counts lines and finds where each starts", () => {
    expect(index.count).toBe(4);
    expect([1, 2, 3, 4].map((l) => index.startOf(l))).toEqual([0, 3, 7, 8]);
    expect(text.slice(index.startOf(4))).toBe("last");
  });

  it("agrees with counting newlines by hand on a long text", () => {
    const long = Array.from({ length: 500 }, (_, i) => "x".repeat(i % 7)).join("\n");
    const big = new LineIndex(long);
    for (let offset = 0; offset < long.length; offset += 37) {
      expect(big.lineAt(offset)).toBe(long.slice(0, offset).split("\n").length);
    }
  });
});
