import { describe, expect, it } from "vitest";
import { clusterSvg } from "../../../../src/sandbox/render/picture/cluster-svg.js";
import { splitText } from "../../../../src/sandbox/render/picture/text-runs.js";
import { typicalRequests, typicalResult } from "./results.js";

const doc = (body: string, root = 'width="100" height="50" viewBox="0 0 100 50"') =>
  `<svg xmlns="http://www.w3.org/2000/svg" ${root}>${body}</svg>`;

describe("splitText", () => {
  it("takes every text of the picture out, in order, and leaves every shape", () => {
    const svg = clusterSvg(typicalResult(), typicalRequests());
    const split = splitText(svg);
    expect(split).not.toBeNull();
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(split?.runs.map((r) => r.text.replace(/&/g, "&amp;"))).toEqual(texts);
    expect(split?.shapes).not.toContain("<text");
    expect(split?.shapes.match(/<rect/g)?.length).toBe(svg.match(/<rect/g)?.length);
  });

  it("reads position, size, face, anchor, own or inherited fill, and unescapes the text", () => {
    const split = splitText(
      doc(
        '<g fill="#444444"><text x="1.5" y="12.5" font-size="10">a &lt; b &amp; &quot;c&quot;</text>' +
          '<text x="90" y="20" font-size="13" font-weight="bold" font-style="italic" fill="#c0282d" text-anchor="end">x</text></g>' +
          '<text x="0" y="30" font-size="11">y</text>',
      ),
    );
    expect(split?.runs).toEqual([
      { x: 1.5, y: 12.5, size: 10, face: "regular", rgb: 0x444444, anchor: "start", text: 'a < b & "c"' },
      { x: 90, y: 20, size: 13, face: "boldItalic", rgb: 0xc0282d, anchor: "end", text: "x" },
      { x: 0, y: 30, size: 11, face: "regular", rgb: 0, anchor: "start", text: "y" },
    ]);
    expect(split?.shapes).toBe(doc('<g fill="#444444"></g>'));
  });

  it("gives up (null) on what it cannot draw exactly: other attributes, colours or coordinates", () => {
    expect(splitText(doc('<text x="1" y="2" transform="rotate(9)">a</text>'))).toBeNull();
    expect(splitText(doc('<text x="1" y="2" fill="red">a</text>'))).toBeNull();
    expect(splitText(doc('<g fill="url(#p)"><text x="1" y="2">a</text></g>'))).toBeNull();
    expect(splitText(doc('<text x="1" y="2">a</text>', 'width="100" height="50" viewBox="10 0 100 50"'))).toBeNull();
    expect(splitText(doc('<text x="1" y="2" font-weight="300">a</text>'))).toBeNull();
  });
});
