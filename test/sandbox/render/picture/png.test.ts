import { crc32, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { encodePng } from "../../../../src/sandbox/render/picture/png.js";

/** Chunks of a PNG: type, data, and whether the stored CRC matches. */
function chunks(png: Uint8Array): { type: string; data: Buffer; crcOk: boolean }[] {
  const b = Buffer.from(png);
  const out = [];
  for (let at = 8; at < b.length; ) {
    const length = b.readUInt32BE(at);
    const type = b.toString("latin1", at + 4, at + 8);
    const data = b.subarray(at + 8, at + 8 + length);
    out.push({ type, data, crcOk: b.readUInt32BE(at + 8 + length) === crc32(b.subarray(at + 4, at + 8 + length)) });
    at += 12 + length;
  }
  return out;
}

describe("encodePng", () => {
  it("writes signature, IHDR, IDAT and IEND with valid CRCs, and the pixels back unchanged", () => {
    const width = 3;
    const height = 2;
    const rgba = Uint8Array.from({ length: width * height * 4 }, (_, i) => (i * 37) % 256);
    const png = encodePng(rgba, width, height);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const cs = chunks(png);
    expect(cs.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
    expect(cs.every((c) => c.crcOk)).toBe(true);
    const ihdr = cs[0]!.data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ...ihdr.subarray(8)]).toEqual([3, 2, 8, 6, 0, 0, 0]);
    const raw = inflateSync(cs[1]!.data);
    const rows = [0, 1].map((y) => raw.subarray(y * 13, (y + 1) * 13));
    expect(rows.map((r) => r[0])).toEqual([0, 0]);
    expect(Buffer.concat(rows.map((r) => r.subarray(1)))).toEqual(Buffer.from(rgba));
  });
});
