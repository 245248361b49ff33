/**
 * Rasterises the sandbox's SVG pictures to PNG with @resvg/resvg-js. This is the one impure step
 * of the picture (a native module reading font files), so it lives outside `src/sandbox`.
 * `podsensei simulate --png FILE` and chat replies call `simulationPng` / `simulationReplyImage`.
 */
import { existsSync } from "node:fs";
import { Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";
import type { Reply } from "./core/reply.js";
import { clusterSvg } from "./sandbox/render/picture/cluster-svg.js";
import { censusLine } from "./sandbox/render/picture/header.js";
import { pictureModel } from "./sandbox/render/picture/model.js";
import { nodeRequests } from "./sandbox/render/picture/node-usage.js";
import type { SimulationRun } from "./sandbox/simulate.js";

/** The family the pictures ask for first (render/picture/layout.ts FONT_FAMILY). */
const FAMILY = "DejaVu Sans Mono";

/** Where Debian/Ubuntu, Fedora/RHEL, Alpine and Arch install the DejaVu fonts (fonts-dejavu-core). */
const DEJAVU_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF"];

/** Options of `renderPng`. */
export interface PngOptions {
  /**
   * Font files to load (TTF/OTF). Default: DejaVu Sans Mono and its bold where the system has
   * them; otherwise every system font is scanned (slower), and with no fonts at all text is blank.
   */
  fontFiles?: string[];
}

let found: string[] | undefined;

/**
 * DejaVu Sans Mono regular and bold, if installed in a usual place. Only these two are loaded:
 * resvg 2.6 reads a font's whole file for every glyph it draws (thx/resvg-js#367), so a small font
 * and no system-wide scan keep a 500-pod picture fast.
 */
function systemDejaVu(): string[] {
  if (found) return found;
  found = [];
  for (const dir of DEJAVU_DIRS) {
    const files = [`${dir}/DejaVuSansMono.ttf`, `${dir}/DejaVuSansMono-Bold.ttf`].filter((f) => existsSync(f));
    if (files.length > 0) {
      found = files;
      break;
    }
  }
  return found;
}

function fontOptions(options: PngOptions): NonNullable<ResvgRenderOptions["font"]> {
  const files = options.fontFiles ?? systemDejaVu();
  if (files.length === 0) return { loadSystemFonts: true, defaultFontFamily: FAMILY, sansSerifFamily: FAMILY };
  return { loadSystemFonts: false, fontFiles: files, defaultFontFamily: FAMILY, sansSerifFamily: FAMILY };
}

/** Rasterises an SVG document to PNG bytes at its own size (1 SVG unit = 1 pixel). */
export function renderPng(svg: string, options: PngOptions = {}): Uint8Array {
  const resvg = new Resvg(svg, { font: fontOptions(options), background: "#ffffff" });
  return new Uint8Array(resvg.render().asPng());
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
