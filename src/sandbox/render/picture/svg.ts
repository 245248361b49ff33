/**
 * Small, deterministic SVG writing helpers: XML escaping, attribute lists with rounded numbers,
 * text width estimates and truncation that always says what it cut.
 */

/** Characters XML 1.0 forbids (C0 controls other than tab, newline and carriage return). */
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Escapes text for an XML text node or a double-quoted attribute; drops characters XML forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(XML_FORBIDDEN, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** A number as SVG writes it: at most one decimal, no `-0`, so output is byte-stable. */
export function num(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Object.is(r, -0) ? "0" : String(r);
}

export type Attrs = Record<string, string | number | undefined>;

function attrText(attrs: Attrs): string {
  let out = "";
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    out += ` ${k}="${typeof v === "number" ? num(v) : escapeXml(v)}"`;
  }
  return out;
}

/** A self-closing element, e.g. `el("rect", { x: 1 })` → `<rect x="1"/>`. */
export function el(name: string, attrs: Attrs): string {
  return `<${name}${attrText(attrs)}/>`;
}

/** A `<text>` element holding escaped text. */
export function text(attrs: Attrs, content: string): string {
  return `<text${attrText(attrs)}>${escapeXml(content)}</text>`;
}

/** An element wrapping already-built children. */
export function group(name: string, attrs: Attrs, children: string[]): string {
  return `<${name}${attrText(attrs)}>${children.join("")}</${name}>`;
}

/**
 * Advance width of every character of DejaVu Sans Mono, in em (1233/2048 units); Menlo and the
 * other monospace fallbacks are as wide or narrower, so labels cut to this never overflow.
 */
export const MONO_EM = 0.602;

/** Width in pixels of `s` at `fontSize` in the picture's monospace font. */
export function textWidth(s: string, fontSize: number): number {
  return [...s].length * MONO_EM * fontSize;
}

/**
 * `s` shortened to fit `maxWidth` pixels: the middle is replaced by `…` so that the end (a pod's
 * random suffix or ordinal, which tells pods apart) stays visible.
 */
export function fitMiddle(s: string, fontSize: number, maxWidth: number): string {
  if (textWidth(s, fontSize) <= maxWidth) return s;
  const chars = [...s];
  let keep = chars.length - 1;
  while (keep > 1) {
    const tail = Math.ceil(keep / 2);
    const candidate = `${chars.slice(0, keep - tail).join("")}…${chars.slice(chars.length - tail).join("")}`;
    if (textWidth(candidate, fontSize) <= maxWidth) return candidate;
    keep--;
  }
  return "…";
}

/**
 * A pod name shortened to fit `maxWidth` pixels, keeping what tells pods apart: the last segment
 * (the random suffix or the ordinal) stays whole, the ReplicaSet's pod-template-hash goes first
 * (`<deployment>-<hash>-<suffix>`, pkg/controller/deployment/sync.go), then the owner's name is
 * cut at its end. Names without such a suffix are cut in the middle.
 */
export function fitName(name: string, fontSize: number, maxWidth: number): string {
  if (textWidth(name, fontSize) <= maxWidth) return name;
  const suffix = /-[a-z0-9]{1,6}$/.exec(name)?.[0];
  if (!suffix) return fitMiddle(name, fontSize, maxWidth);
  const head = name.slice(0, -suffix.length).replace(/-[a-z0-9]{6,10}$/, "");
  const room = Math.floor(maxWidth / (MONO_EM * fontSize)) - suffix.length - 1;
  if (room < 4) return fitMiddle(name, fontSize, maxWidth);
  return `${[...head].slice(0, room).join("")}…${suffix}`;
}

/** `s` shortened at the end with `…` to fit `maxWidth` pixels. */
export function fitEnd(s: string, fontSize: number, maxWidth: number): string {
  if (textWidth(s, fontSize) <= maxWidth) return s;
  const chars = [...s];
  for (let keep = chars.length - 1; keep > 0; keep--) {
    const candidate = `${chars.slice(0, keep).join("").trimEnd()}…`;
    if (textWidth(candidate, fontSize) <= maxWidth) return candidate;
  }
  return "…";
}

/**
 * Greedy word wrap of `s` into at most `maxLines` lines of `maxWidth` pixels; the last line ends
 * with `…` when text was left over.
 */
export function wrap(s: string, fontSize: number, maxWidth: number, maxLines: number): string[] {
  const words = s.split(/\s+/).filter((w) => w !== "");
  const lines: string[] = [];
  let current = "";
  let i = 0;
  for (; i < words.length; i++) {
    const word = words[i] as string;
    const next = current === "" ? word : `${current} ${word}`;
    if (textWidth(next, fontSize) <= maxWidth) {
      current = next;
      continue;
    }
    if (current !== "") lines.push(current);
    if (lines.length === maxLines) break;
    current = fitEnd(word, fontSize, maxWidth);
  }
  if (lines.length < maxLines && current !== "") lines.push(current);
  const leftOver = i < words.length;
  if (leftOver && lines.length > 0) {
    const last = lines.length - 1;
    lines[last] = fitEnd(`${lines[last]} …`, fontSize, maxWidth);
  }
  return lines;
}
