/**
 * Splits a paste into documents the way kubectl reads it, so document numbers and per-document
 * failures match what a learner would see from `kubectl apply -f`.
 */
import type { LineIndex } from "./lines.js";

/** One document of the paste: a range of the text and its lines. */
export interface DocumentChunk {
  /** 1-based position among the paste's documents. */
  index: number;
  /** Offset of the document's first character. */
  start: number;
  /** Offset just past the document's last character. */
  end: number;
  /** 1-based line where the document starts; kubectl counts its error lines from here. */
  firstLine: number;
  /** Whether the input was JSON (decoded as a JSON stream, where duplicate keys are allowed). */
  json: boolean;
  /** The separator line opening this document, when kubectl refuses what follows its `---`. */
  badSeparator: BadSeparator | null;
}

/** A `---` line followed by something other than spaces or a comment. */
export interface BadSeparator {
  /** What followed `---`, trimmed. */
  rest: string;
  /** 1-based line of the separator. */
  line: number;
}

const SEPARATOR = "---";

/**
 * kubectl's reader (k8s.io/apimachinery/pkg/util/yaml/decoder.go `YAMLReader.Read`): a line
 * starting with `---` ends the current document when that document has content; when nothing came
 * before it, the separator line opens the next document instead. Only spaces and a comment may
 * follow `---` on its line. Input whose first non-blank character is `{` is read as JSON
 * (`YAMLOrJSONDecoder`, `hasJSONPrefix`) and is one document stream, never split.
 */
export function splitDocuments(text: string, lines: LineIndex): DocumentChunk[] {
  if (text.charCodeAt(firstNonBlank(text)) === 0x7b) {
    return [{ index: 1, start: 0, end: text.length, firstLine: 1, json: true, badSeparator: null }];
  }
  const chunks: DocumentChunk[] = [];
  let docStart = 0;
  let badSeparator: BadSeparator | null = null;
  const push = (end: number) => {
    chunks.push({
      index: chunks.length + 1,
      start: docStart,
      end,
      firstLine: lines.lineAt(docStart),
      json: false,
      badSeparator,
    });
  };
  for (let at = text.startsWith(SEPARATOR) ? 0 : nextSeparator(text, 0); at !== -1; at = nextSeparator(text, at + 1)) {
    const lineEnd = endOfLine(text, at);
    const rest = text.slice(at + SEPARATOR.length, lineEnd).trim();
    const bad = rest !== "" && !rest.startsWith("#") ? { rest, line: lines.lineAt(at) } : null;
    if (isBlank(text, docStart, at)) {
      docStart = at;
    } else {
      push(at);
      docStart = Math.min(lineEnd + 1, text.length);
    }
    badSeparator = bad;
  }
  if (!isBlank(text, docStart, text.length) || chunks.length === 0) push(text.length);
  return chunks;
}

function nextSeparator(text: string, from: number): number {
  const at = text.indexOf(`\n${SEPARATOR}`, from);
  return at === -1 ? -1 : at + 1;
}

function endOfLine(text: string, from: number): number {
  const at = text.indexOf("\n", from);
  return at === -1 ? text.length : at;
}

function isBlank(text: string, from: number, to: number): boolean {
  return firstNonBlank(text, from, to) === to;
}

/** Offset of the first character in `[from, to)` that is not a space, tab or line break; `to` if none. */
function firstNonBlank(text: string, from = 0, to = text.length): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
  }
  return to;
}
