/**
 * Draws text runs (text-runs.ts) onto an RGBA image from a cache of glyph coverage masks, the way
 * terminals and browsers draw text: each glyph is rasterised once per face, size and quarter-pixel
 * position, then only blended in place with the run's colour. The masks come from the caller's
 * rasteriser (resvg in render-png.ts), so glyphs look as they would if it drew the text itself.
 */
import type { FaceName, TextRun } from "./text-runs.js";

/** One drawing command of a glyph outline, in font units with y pointing up (as fonts store it). */
export type OutlineCommand =
  | { type: "M"; x: number; y: number }
  | { type: "L"; x: number; y: number }
  | { type: "Q"; x1: number; y1: number; x: number; y: number }
  | { type: "C"; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { type: "Z" };

/** A font as the glyph cache needs it. */
export interface GlyphFont {
  unitsPerEm: number;
  /** Advance width of `char` (one code point) in font units. */
  advance(char: string): number;
  /** Outline of `char` in font units. */
  outline(char: string): readonly OutlineCommand[];
}

/** Coverage (alpha 0–255, row by row) of SVG path data filled in a `width` × `height` box. */
export type Rasterise = (pathData: string, width: number, height: number) => Uint8Array;

interface Mask {
  /** Offset of the mask's top-left pixel from the pen's whole pixel. */
  dx: number;
  dy: number;
  width: number;
  height: number;
  alpha: Uint8Array;
}

/** Sub-pixel positions per pixel, on each axis. */
const PHASES = 4;
/** Masks kept: far more than the picture's faces × sizes × characters × positions use. */
const MAX_MASKS = 8192;

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The glyph's outline at `scale`, shifted by (`ox`, `oy`) pixels, as SVG path data. */
function pathData(commands: readonly OutlineCommand[], scale: number, ox: number, oy: number): string {
  const p = (x: number, y: number) => `${round2(x * scale + ox)} ${round2(-y * scale + oy)}`;
  let d = "";
  for (const c of commands) {
    if (c.type === "Z") d += "Z";
    else if (c.type === "M") d += `M${p(c.x, c.y)}`;
    else if (c.type === "L") d += `L${p(c.x, c.y)}`;
    else if (c.type === "Q") d += `Q${p(c.x1, c.y1)} ${p(c.x, c.y)}`;
    else d += `C${p(c.x1, c.y1)} ${p(c.x2, c.y2)} ${p(c.x, c.y)}`;
  }
  return d;
}

/** Bounding box in pixels of the outline's points (control points included: never too small). */
function bounds(commands: readonly OutlineCommand[], scale: number) {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const add = (x: number, y: number) => {
    minX = Math.min(minX, x * scale);
    maxX = Math.max(maxX, x * scale);
    minY = Math.min(minY, -y * scale);
    maxY = Math.max(maxY, -y * scale);
  };
  for (const c of commands) {
    if (c.type === "Z") continue;
    if (c.type === "Q") add(c.x1, c.y1);
    if (c.type === "C") {
      add(c.x1, c.y1);
      add(c.x2, c.y2);
    }
    add(c.x, c.y);
  }
  return { minX, minY, maxX, maxY };
}

/** A whole pixel and a sub-pixel phase (0 … PHASES − 1) for a coordinate. */
function snap(v: number): [number, number] {
  const whole = Math.floor(v);
  const phase = Math.round((v - whole) * PHASES);
  return phase === PHASES ? [whole + 1, 0] : [whole, phase];
}

/** The glyph cache of one set of faces; see the module comment. */
export class GlyphRaster {
  readonly #faces: (face: FaceName) => GlyphFont;
  readonly #rasterise: Rasterise;
  readonly #masks = new Map<string, Mask | null>();

  constructor(faces: (face: FaceName) => GlyphFont, rasterise: Rasterise) {
    this.#faces = faces;
    this.#rasterise = rasterise;
  }

  /** Blends every run onto `rgba` (`width` × `height`, opaque), clipped to the image. */
  draw(rgba: Uint8Array, width: number, height: number, runs: readonly TextRun[]): void {
    for (const run of runs) {
      const font = this.#faces(run.face);
      const scale = run.size / font.unitsPerEm;
      const chars = Array.from(run.text);
      const advances = chars.map((ch) => font.advance(ch) * scale);
      const total = advances.reduce((a, b) => a + b, 0);
      let pen = run.anchor === "end" ? run.x - total : run.anchor === "middle" ? run.x - total / 2 : run.x;
      const [iy, py] = snap(run.y);
      chars.forEach((ch, i) => {
        const [ix, px] = snap(pen);
        const mask = this.#mask(run.face, run.size, ch, px, py);
        if (mask) blend(rgba, width, height, mask, ix + mask.dx, iy + mask.dy, run.rgb);
        pen += advances[i] as number;
      });
    }
  }

  #mask(face: FaceName, size: number, ch: string, px: number, py: number): Mask | null {
    const key = `${face}\u0000${size}\u0000${px}\u0000${py}\u0000${ch}`;
    const cached = this.#masks.get(key);
    if (cached !== undefined) return cached;
    const font = this.#faces(face);
    const commands = font.outline(ch);
    const scale = size / font.unitsPerEm;
    const b = bounds(commands, scale);
    let mask: Mask | null = null;
    if (Number.isFinite(b.minX)) {
      const ox = px / PHASES;
      const oy = py / PHASES;
      const dx = Math.floor(b.minX + ox) - 1;
      const dy = Math.floor(b.minY + oy) - 1;
      const w = Math.ceil(b.maxX + ox) - dx + 1;
      const h = Math.ceil(b.maxY + oy) - dy + 1;
      mask = { dx, dy, width: w, height: h, alpha: this.#rasterise(pathData(commands, scale, ox - dx, oy - dy), w, h) };
    }
    if (this.#masks.size < MAX_MASKS) this.#masks.set(key, mask);
    return mask;
  }
}

/** Source-over of colour `rgb` through `mask` at (`x0`, `y0`) onto an opaque RGBA image. */
function blend(rgba: Uint8Array, width: number, height: number, mask: Mask, x0: number, y0: number, rgb: number) {
  const r = (rgb >> 16) & 0xff;
  const g = (rgb >> 8) & 0xff;
  const b = rgb & 0xff;
  for (let my = 0; my < mask.height; my++) {
    const y = y0 + my;
    if (y < 0 || y >= height) continue;
    for (let mx = 0; mx < mask.width; mx++) {
      const a = mask.alpha[my * mask.width + mx] as number;
      const x = x0 + mx;
      if (a === 0 || x < 0 || x >= width) continue;
      const i = (y * width + x) * 4;
      const keep = 255 - a;
      rgba[i] = ((r * a + (rgba[i] as number) * keep + 127) / 255) | 0;
      rgba[i + 1] = ((g * a + (rgba[i + 1] as number) * keep + 127) / 255) | 0;
      rgba[i + 2] = ((b * a + (rgba[i + 2] as number) * keep + 127) / 255) | 0;
    }
  }
}
