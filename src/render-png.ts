/**
 * Rasterises the sandbox's SVG pictures to PNG with @resvg/resvg-js. This is the one impure step
 * of the picture (a native module, and font files read from disk), so it lives outside
 * `src/sandbox`. `podsensei simulate --png FILE` and chat replies call `simulationPng` /
 * `simulationReplyImage`.
 *
 * resvg draws the shapes only. Text is drawn from a per-process glyph cache (picture/text-runs.ts,
 * picture/glyph-raster.ts) of DejaVu Sans Mono outlines read once with opentype.js, and the PNG is
 * written by picture/png.ts. resvg 2.6 drawing the text itself re-reads the font file for every
 * glyph (thx/resvg-js#367): ~10 ms of a typical picture's ~13 ms.
 */
import { existsSync, readFileSync } from "node:fs";
import { Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";
import opentype from "opentype.js";
import type { Reply } from "./core/reply.js";
import { clusterSvg } from "./sandbox/render/picture/cluster-svg.js";
import { type GlyphFont, GlyphRaster, type OutlineCommand } from "./sandbox/render/picture/glyph-raster.js";
import { censusLine } from "./sandbox/render/picture/header.js";
import { pictureModel } from "./sandbox/render/picture/model.js";
import { nodeRequests } from "./sandbox/render/picture/node-usage.js";
import { encodePng } from "./sandbox/render/picture/png.js";
import { type FaceName, splitText } from "./sandbox/render/picture/text-runs.js";
import type { SimulationRun } from "./sandbox/simulate.js";

/** The family the pictures ask for first (render/picture/layout.ts FONT_FAMILY). */
const FAMILY = "DejaVu Sans Mono";

/** Where Debian/Ubuntu, Fedora/RHEL, Alpine and Arch install the DejaVu fonts (fonts-dejavu-core). */
const DEJAVU_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF"];

/** DejaVu Sans Mono's file of each face; a missing one falls back to the next (as resvg would). */
const FACE_FILES: Record<FaceName, string[]> = {
  regular: ["DejaVuSansMono.ttf"],
  bold: ["DejaVuSansMono-Bold.ttf", "DejaVuSansMono.ttf"],
  italic: ["DejaVuSansMono-Oblique.ttf", "DejaVuSansMono.ttf"],
  boldItalic: ["DejaVuSansMono-BoldOblique.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSansMono.ttf"],
};

/** Options of `renderPng`. */
export interface PngOptions {
  /**
   * Font files (TTF/OTF) for resvg to draw the text with, instead of the glyph cache of DejaVu
   * Sans Mono. Much slower (see the module comment); for other fonts and for comparing the two.
   */
  fontFiles?: string[];
}

/** One face parsed by opentype.js (glyphs parsed on demand: 20 ms instead of 150 ms). */
function glyphFont(file: string): GlyphFont {
  const bytes = readFileSync(file);
  const font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), {
    lowMemory: true,
  });
  return {
    unitsPerEm: font.unitsPerEm,
    advance: (ch) => font.charToGlyph(ch).advanceWidth ?? 0,
    outline: (ch) => font.charToGlyph(ch).path.commands as OutlineCommand[],
  };
}

/** Coverage of one glyph's path, drawn by resvg (so glyphs look as resvg's own text would). */
function rasterise(pathData: string, width: number, height: number): Uint8Array {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><path d="${pathData}"/></svg>`;
  const rgba = new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels;
  const alpha = new Uint8Array(width * height);
  for (let i = 0; i < alpha.length; i++) alpha[i] = rgba[i * 4 + 3] as number;
  return alpha;
}

let glyphs: GlyphRaster | null | undefined;

/**
 * The process's glyph cache, built on first use; faces are parsed when first asked for. Null
 * when DejaVu Sans Mono is not installed: resvg then draws text with the system's fonts.
 */
function systemGlyphs(): GlyphRaster | null {
  if (glyphs !== undefined) return glyphs;
  const dir = DEJAVU_DIRS.find((d) => existsSync(`${d}/DejaVuSansMono.ttf`));
  if (!dir) {
    glyphs = null;
    return glyphs;
  }
  const byFile = new Map<string, GlyphFont>();
  const faces = new Map<FaceName, GlyphFont>();
  const face = (name: FaceName): GlyphFont => {
    let font = faces.get(name);
    if (!font) {
      const file = FACE_FILES[name].map((f) => `${dir}/${f}`).find((f) => existsSync(f)) as string;
      font = byFile.get(file) ?? glyphFont(file);
      byFile.set(file, font);
      faces.set(name, font);
    }
    return font;
  };
  glyphs = new GlyphRaster(face, rasterise);
  return glyphs;
}

function fontOptions(files: string[] | undefined): NonNullable<ResvgRenderOptions["font"]> {
  if (!files || files.length === 0)
    return { loadSystemFonts: true, defaultFontFamily: FAMILY, sansSerifFamily: FAMILY };
  return { loadSystemFonts: false, fontFiles: files, defaultFontFamily: FAMILY, sansSerifFamily: FAMILY };
}

/** Rasterises an SVG document to PNG bytes at its own size (1 SVG unit = 1 pixel). */
export function renderPng(svg: string, options: PngOptions = {}): Uint8Array {
  const cache = options.fontFiles ? null : systemGlyphs();
  const split = cache ? splitText(svg) : null;
  if (!cache || !split) {
    const resvg = new Resvg(svg, { font: fontOptions(options.fontFiles), background: "#ffffff" });
    return new Uint8Array(resvg.render().asPng());
  }
  // Without text, resvg needs no font database at all.
  const image = new Resvg(split.shapes, { font: { loadSystemFonts: false }, background: "#ffffff" }).render();
  const rgba = image.pixels;
  cache.draw(rgba, image.width, image.height, split.runs);
  return encodePng(rgba, image.width, image.height);
}

/** The cluster at the horizon of a finished run, as PNG (what `--png FILE` writes). */
export function simulationPng(run: SimulationRun, options: PngOptions = {}): Uint8Array {
  return renderPng(clusterSvg(run.result, nodeRequests(run.cluster.store)), options);
}

/** The same picture as a `Reply` image, for chat replies to attach. */
export function simulationReplyImage(run: SimulationRun, options: PngOptions = {}): NonNullable<Reply["image"]> {
  const png = simulationPng(run, options);
  return {
    filename: "cluster.png",
    pngBase64: Buffer.from(png).toString("base64"),
    alt: `The simulated cluster: ${censusLine(pictureModel(run.result))}`,
  };
}
