import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { renderPng, simulationPng, simulationReplyImage } from "../src/render-png.js";
import { clusterSvg } from "../src/sandbox/render/picture/cluster-svg.js";
import { MAX_WIDTH } from "../src/sandbox/render/picture/layout.js";
import { runSimulation } from "../src/sandbox/simulate.js";
import { largeResult, typicalRequests, typicalResult } from "./sandbox/render/picture/results.js";

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

interface Decoded {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel. */
  rgba: Uint8Array;
}

/** A small PNG decoder (8-bit RGB or RGBA, non-interlaced: what resvg writes), from the PNG spec. */
function decodePng(png: Uint8Array): Decoded {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Uint8Array[] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      expect(data[8], "bit depth").toBe(8);
      colorType = data[9] as number;
      expect(data[12], "interlace").toBe(0);
    } else if (type === "IDAT") idat.push(data);
    at += 12 + length;
  }
  expect([2, 6]).toContain(colorType);
  const channels = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? (out[y * stride + i - channels] as number) : 0;
      const b = y > 0 ? (out[(y - 1) * stride + i] as number) : 0;
      const c = i >= channels && y > 0 ? (out[(y - 1) * stride + i - channels] as number) : 0;
      const predicted =
        filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : 0;
      out[y * stride + i] = ((line[i] as number) + predicted) & 0xff;
    }
  }
  if (channels === 4) return { width, height, rgba: out };
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    rgba.set(out.subarray(p * 3, p * 3 + 3), p * 4);
    rgba[p * 4 + 3] = 255;
  }
  return { width, height, rgba };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Pixels that are not the white background. */
function inked(d: Decoded): number {
  let n = 0;
  for (let p = 0; p < d.rgba.length; p += 4) {
    if (d.rgba[p] !== 255 || d.rgba[p + 1] !== 255 || d.rgba[p + 2] !== 255) n++;
  }
  return n;
}

function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg [^>]*width="([\d.]+)" height="([\d.]+)"/.exec(svg);
  return { width: Math.ceil(Number(m?.[1])), height: Math.ceil(Number(m?.[2])) };
}

describe("renderPng", () => {
  const svg = clusterSvg(typicalResult(), typicalRequests());
  const png = renderPng(svg);
  const decoded = decodePng(png);

  it("writes a PNG: signature, then IHDR with the SVG's width and height", () => {
    expect([...png.subarray(0, 8)]).toEqual(SIGNATURE);
    expect(String.fromCharCode(...png.subarray(12, 16))).toBe("IHDR");
    expect({ width: decoded.width, height: decoded.height }).toEqual(svgSize(svg));
  });

  it("is not blank, and its text is drawn (a font was found)", () => {
    const total = decoded.width * decoded.height;
    expect(inked(decoded)).toBeGreaterThan(total * 0.05);
    const withoutText = decodePng(renderPng(svg.replace(/<text[^>]*>[^<]*<\/text>/g, "")));
    expect(inked(decoded) - inked(withoutText)).toBeGreaterThan(total * 0.01);
  });

  it("draws text from its glyph cache as resvg draws it from the font files", () => {
    const dir = "/usr/share/fonts/truetype/dejavu";
    const fontFiles = ["DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSansMono-Oblique.ttf"].map(
      (f) => `${dir}/${f}`,
    );
    const byResvg = decodePng(renderPng(svg, { fontFiles }));
    expect({ width: byResvg.width, height: byResvg.height }).toEqual({ width: decoded.width, height: decoded.height });
    let far = 0;
    let sum = 0;
    for (let p = 0; p < decoded.rgba.length; p += 4) {
      let d = 0;
      for (let k = 0; k < 3; k++)
        d = Math.max(d, Math.abs((decoded.rgba[p + k] as number) - (byResvg.rgba[p + k] as number)));
      sum += d;
      if (d > 96) far++;
    }
    const pixels = decoded.width * decoded.height;
    // Glyphs sit on quarter pixels and are blended in 8 bits: edges differ a little, never a stroke.
    expect(far / pixels).toBeLessThan(0.001);
    expect(sum / pixels).toBeLessThan(2);
  });

  it("draws the pod colours: a green chip and a red chip are there", () => {
    const colours = new Set<string>();
    for (let p = 0; p < decoded.rgba.length; p += 4) {
      colours.add(`${decoded.rgba[p]},${decoded.rgba[p + 1]},${decoded.rgba[p + 2]}`);
    }
    expect(colours.has("198,236,210")).toBe(true);
    expect(colours.has("249,198,198")).toBe(true);
  });

  it("renders 50 nodes and 500 pods within the maximum width", () => {
    const { result, requests } = largeResult();
    const big = decodePng(renderPng(clusterSvg(result, requests)));
    expect(big.width).toBeLessThanOrEqual(MAX_WIDTH);
    expect(big.height).toBeGreaterThan(1000);
    expect(inked(big)).toBeGreaterThan(big.width * big.height * 0.05);
  }, 60_000);
});

describe("simulationPng and simulationReplyImage", () => {
  const manifest = [
    "apiVersion: v1",
    "kind: Pod",
    "metadata: {name: solo}",
    "spec:",
    "  containers: [{name: c, image: nginx:1.27, resources: {requests: {cpu: 100m}}}]",
  ].join("\n");

  it("pictures a whole run, and wraps it as a Reply image with alt text", () => {
    const run = runSimulation({ manifests: manifest, atSeconds: 60 });
    const png = simulationPng(run);
    expect([...png.subarray(0, 8)]).toEqual(SIGNATURE);
    expect(decodePng(png).width).toBeGreaterThan(0);
    const image = simulationReplyImage(run);
    expect(image.filename).toBe("cluster.png");
    expect([...Buffer.from(image.pngBase64, "base64").subarray(0, 8)]).toEqual(SIGNATURE);
    expect(image.alt).toMatch(/^The simulated cluster: 3 nodes · 1 pod/);
  });
});
