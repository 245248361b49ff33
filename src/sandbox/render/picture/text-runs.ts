/**
 * The picture's text taken out of its SVG: the SVG without `<text>` elements, and each text as a
 * run (position, size, face, colour, characters) for glyph-raster.ts to draw from a glyph cache.
 * Why: resvg 2.6 reads the whole font file again for every glyph it draws (thx/resvg-js#367),
 * and even as outlines, filling ~700 small glyph paths cost more than the rest of the picture.
 *
 * This reads exactly what svg.ts writes (`<text attrs>escaped text</text>`, fills as `#rrggbb`,
 * inherited from enclosing `<g>` elements). Anything else, such as an unknown attribute, makes
 * `splitText` answer null, and the caller lets the rasteriser draw the text itself. Text is drawn
 * after every shape, which is right because nothing in the picture is painted over text.
 */

/** The font faces the picture's text asks for (`font-weight="bold"`, `font-style="italic"`). */
export type FaceName = "regular" | "bold" | "italic" | "boldItalic";

/** One `<text>` element. */
export interface TextRun {
  /** Pen position of the first character (after `text-anchor`), baseline y, in pixels. */
  x: number;
  y: number;
  size: number;
  face: FaceName;
  /** Fill as 0xRRGGBB. */
  rgb: number;
  anchor: "start" | "middle" | "end";
  text: string;
}

const KNOWN_ATTRS = new Set(["x", "y", "font-size", "font-weight", "font-style", "fill", "text-anchor"]);
const TAG = /<(\/?)([a-zA-Z]+)((?: [a-zA-Z:-]+="[^"]*")*)\s*(\/?)>/g;

function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/ ([a-zA-Z:-]+)="([^"]*)"/g)) out.set(m[1] as string, m[2] as string);
  return out;
}

function unescapeXml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot);/g, (_, e: string) =>
    e === "amp" ? "&" : e === "lt" ? "<" : e === "gt" ? ">" : '"',
  );
}

function hexColour(fill: string): number | undefined {
  return /^#[0-9a-fA-F]{6}$/.test(fill) ? Number.parseInt(fill.slice(1), 16) : undefined;
}

function run(attrs: Map<string, string>, content: string, inherited: number): TextRun | null {
  for (const name of attrs.keys()) if (!KNOWN_ATTRS.has(name)) return null;
  const x = Number(attrs.get("x") ?? 0);
  const y = Number(attrs.get("y") ?? 0);
  const size = Number(attrs.get("font-size") ?? 16);
  const fill = attrs.get("fill");
  const rgb = fill === undefined ? inherited : hexColour(fill);
  const anchor = attrs.get("text-anchor") ?? "start";
  const weight = attrs.get("font-weight") ?? "normal";
  const style = attrs.get("font-style") ?? "normal";
  if (![x, y, size].every(Number.isFinite) || rgb === undefined) return null;
  if (anchor !== "start" && anchor !== "middle" && anchor !== "end") return null;
  if ((weight !== "normal" && weight !== "bold") || (style !== "normal" && style !== "italic")) return null;
  const bold = weight === "bold";
  const face: FaceName = style === "italic" ? (bold ? "boldItalic" : "italic") : bold ? "bold" : "regular";
  return { x, y, size, face, rgb, anchor, text: unescapeXml(content) };
}

/** Whether one SVG unit is one pixel (runs are drawn in pixels): no viewBox, or `0 0 width height`. */
function unitPixels(attrs: Map<string, string>): boolean {
  const viewBox = attrs.get("viewBox");
  return viewBox === undefined || viewBox === `0 0 ${attrs.get("width")} ${attrs.get("height")}`;
}

/** The SVG without its text, and the text runs in document order; null when it cannot tell. */
export function splitText(svg: string): { shapes: string; runs: TextRun[] } | null {
  const runs: TextRun[] = [];
  /** Fill inherited at each open `<g>` (SVG's initial fill is black). */
  const fills: number[] = [0];
  let shapes = "";
  let copied = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(svg); m; m = TAG.exec(svg)) {
    const [, close, name, attrText, selfClose] = m as unknown as [string, string, string, string, string];
    const inherited = fills[fills.length - 1] as number;
    if (name === "text") {
      if (close || selfClose) return null;
      const end = svg.indexOf("</text>", TAG.lastIndex);
      const content = svg.slice(TAG.lastIndex, end);
      if (end < 0 || content.includes("<")) return null;
      const r = run(attributes(attrText), content, inherited);
      if (!r) return null;
      runs.push(r);
      shapes += svg.slice(copied, m.index);
      copied = end + "</text>".length;
      TAG.lastIndex = copied;
    } else if (name === "svg" && !close) {
      if (!unitPixels(attributes(attrText))) return null;
    } else if (name === "g" && !selfClose) {
      if (close) fills.pop();
      else {
        const fill = attributes(attrText).get("fill");
        const rgb = fill === undefined ? inherited : hexColour(fill);
        if (rgb === undefined) return null;
        fills.push(rgb);
      }
    }
  }
  return { shapes: shapes + svg.slice(copied), runs };
}
