import { describe, expect, it } from "vitest";
import { LineIndex } from "../../../src/sandbox/parse/lines.js";
import { splitDocuments } from "../../../src/sandbox/parse/split.js";

function split(text: string) {
  return splitDocuments(text, new LineIndex(text)).map((c) => ({
    text: text.slice(c.start, c.end),
    firstLine: c.firstLine,
    json: c.json,
    badSeparator: c.badSeparator,
  }));
}

describe("splitDocuments (kubectl's YAMLReader)", () => {
  it("splits on --- lines, dropping the separator between documents", () => {
    expect(split("a: 1\n---\nb: 2\n").map((c) => [c.text, c.firstLine])).toEqual([
      ["a: 1\n", 1],
      ["b: 2\n", 3],
    ]);
  });

  it("keeps a leading separator (and a comment after it) in the first document", () => {
    expect(split("--- # first\na: 1\n").map((c) => c.text)).toEqual(["--- # first\na: 1\n"]);
  });

  it("a comment-only section is a document; a blank one is not", () => {
    expect(split("a: 1\n---\n# note\n---\n\n---\nb: 2").map((c) => c.text)).toEqual([
      "a: 1\n",
      "# note\n",
      "---\nb: 2",
    ]);
  });

  it("--- inside an indented block is not a separator", () => {
    expect(split("data: |\n  ---\n  x\n")).toHaveLength(1);
  });

  it("marks a separator followed by content, with its line", () => {
    const [, second] = split("a: 1\n--- b: 2\nc: 3\n");
    expect(second?.badSeparator).toEqual({ rest: "b: 2", line: 2 });
  });

  it("JSON input is one stream, never split", () => {
    expect(split('  {"a": 1}\n---\n{"b": 2}')).toEqual([
      { text: '  {"a": 1}\n---\n{"b": 2}', firstLine: 1, json: true, badSeparator: null },
    ]);
  });

  it("CRLF separators split too", () => {
    expect(split("a: 1\r\n---\r\nb: 2\r\n").map((c) => c.text)).toEqual(["a: 1\r\n", "b: 2\r\n"]);
  });
});
