import { describe, expect, it } from "vitest";
import {
  escapeXml,
  fitEnd,
  fitMiddle,
  fitName,
  MONO_EM,
  num,
  textWidth,
  wrap,
} from "../../../../src/sandbox/render/picture/svg.js";

describe("escapeXml", () => {
  it.each([
    { name: "markup characters", input: `<a href="x">&</a>`, want: "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;" },
    { name: "control characters XML forbids are dropped", input: "a\u0000b\u001bc\td", want: "abc\td" },
    { name: "plain text unchanged", input: "web-7d4b9c8f6-x2x7q", want: "web-7d4b9c8f6-x2x7q" },
  ])("$name", ({ input, want }) => {
    expect(escapeXml(input)).toBe(want);
  });
});

describe("num", () => {
  it.each([
    { n: 1.25, want: "1.3" },
    { n: 133, want: "133" },
    { n: -0.01, want: "0" },
    { n: 0.1 + 0.2, want: "0.3" },
  ])("$n → $want", ({ n, want }) => {
    expect(num(n)).toBe(want);
  });
});

describe("text fitting (monospace widths)", () => {
  it("measures characters at the DejaVu Sans Mono advance", () => {
    expect(textWidth("abcd", 10)).toBeCloseTo(4 * MONO_EM * 10);
  });

  it("keeps a fitting name whole", () => {
    expect(fitMiddle("web-0", 10, 100)).toBe("web-0");
  });

  it("cuts the middle so that the random suffix stays visible", () => {
    const name = "checkoutservice-6d9f8b7c5-abcde";
    const cut = fitMiddle(name, 10, 120);
    expect(textWidth(cut, 10)).toBeLessThanOrEqual(120);
    expect(cut).toContain("…");
    expect(cut.endsWith("-abcde")).toBe(true);
    expect(cut.startsWith("checkout")).toBe(true);
  });

  it("cuts the end of a long line with an ellipsis", () => {
    const cut = fitEnd("ip-10-0-0-100.ec2.internal", 13, 100);
    expect(textWidth(cut, 13)).toBeLessThanOrEqual(100);
    expect(cut.endsWith("…")).toBe(true);
  });
});

describe("fitName", () => {
  it.each([
    { name: "web-7d4b9c8f6-x2x7q", width: 200, want: "web-7d4b9c8f6-x2x7q" },
    { name: "service-number-0-6d9f8b7c5-mp6mc", width: 150, want: "service-number-0…-mp6mc" },
    { name: "service-number-0-6d9f8b7c5-mp6mc", width: 110, want: "service-num…-mp6mc" },
    { name: "checkoutservice-6d9f8b7c5-abcde", width: 140, want: "checkoutservice…-abcde" },
    { name: "checkoutservice-6d9f8b7c5-abcde", width: 123, want: "checkoutservi…-abcde" },
    { name: "postgres-primary-replica-12", width: 90, want: "postgres-p…-12" },
    { name: "averyveryverylongnamewithoutdash", width: 90, want: "averyv…outdash" },
  ])("$name in $width px → $want", ({ name, width, want }) => {
    const got = fitName(name, 10, width);
    expect(got).toBe(want);
    expect(textWidth(got, 10)).toBeLessThanOrEqual(width);
  });
});

describe("wrap", () => {
  it("breaks at spaces within the width", () => {
    const lines = wrap("0/3 nodes: 1 node(s) were unschedulable, 2 Insufficient cpu", 10, 200, 4);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(textWidth(l, 10)).toBeLessThanOrEqual(200);
    expect(lines.join(" ")).toBe("0/3 nodes: 1 node(s) were unschedulable, 2 Insufficient cpu");
  });

  it("says with … that text was left over past the last line", () => {
    const lines = wrap("one two three four five six seven eight nine ten", 10, 60, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith("…")).toBe(true);
  });

  it("cuts a single word longer than a line", () => {
    const lines = wrap("a".repeat(100), 10, 60, 3);
    expect(lines).toHaveLength(1);
    expect(textWidth(lines[0] as string, 10)).toBeLessThanOrEqual(60);
  });
});
