import { describe, expect, it } from "vitest";
import { decodeUtf8, findInvalidUtf8, utf8Length } from "../../../src/sandbox/parse/utf8.js";

describe("utf8Length", () => {
  it.each(["", "plain ascii", "é and ß", "€ ⌘ ✓", "emoji 🚀 and 𝄞", "lone \uD800 surrogate", "x\uDC00y"])(
    "counts the bytes TextEncoder writes for %j",
    (text) => {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    },
  );
});

describe("decodeUtf8 and findInvalidUtf8", () => {
  it("decodes valid text, dropping a BOM", () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0a, 0xc3, 0xa9]))).toEqual({
      text: "a\né",
      invalid: [],
    });
  });

  const cases: Array<{ name: string; bytes: number[]; want: Array<{ line: number; reason: string }> }> = [
    {
      name: "a stray continuation byte",
      bytes: [0x61, 0x80],
      want: [{ line: 1, reason: "invalid leading UTF-8 octet" }],
    },
    { name: "0xff", bytes: [0x0a, 0x0a, 0xff], want: [{ line: 3, reason: "invalid leading UTF-8 octet" }] },
    { name: "a cut sequence", bytes: [0xe2, 0x82], want: [{ line: 1, reason: "incomplete UTF-8 octet sequence" }] },
    { name: "a bad trailing byte", bytes: [0xc3, 0x28], want: [{ line: 1, reason: "invalid trailing UTF-8 octet" }] },
    {
      name: "an overlong slash",
      bytes: [0xc0, 0xaf],
      want: [{ line: 1, reason: "invalid length of a UTF-8 sequence" }],
    },
    {
      name: "an encoded surrogate",
      bytes: [0xed, 0xa0, 0x80],
      want: [{ line: 1, reason: "invalid Unicode character" }],
    },
    {
      name: "one report per line, several lines",
      bytes: [0xff, 0xff, 0x0a, 0x61, 0x0a, 0xfe],
      want: [
        { line: 1, reason: "invalid leading UTF-8 octet" },
        { line: 3, reason: "invalid leading UTF-8 octet" },
      ],
    },
  ];
  it.each(cases)("$name", ({ bytes, want }) => {
    const array = new Uint8Array(bytes);
    expect(findInvalidUtf8(array)).toEqual(want);
    const decoded = decodeUtf8(array);
    expect(decoded.invalid).toEqual(want);
    // Replacement characters keep every newline, so lines stay true.
    expect(decoded.text.split("\n").length).toBe(bytes.filter((b) => b === 0x0a).length + 1);
  });
});
