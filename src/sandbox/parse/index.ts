/**
 * Safe manifest loading: a paste (YAML with `---` documents, a `List`, or JSON) becomes plain
 * objects with their document number and line, or problems worded as kubectl words them. Limits
 * from `src/core/limits.ts` are enforced before parsing (size, documents) and while parsing
 * (depth, aliases, alias expansion, string length, objects). Bad input never throws.
 *
 * Values are plain JSON data: mappings are ordinary objects whose keys are own data properties,
 * `__proto__` included (js-yaml's map tag defines it rather than assigning it), so nothing reaches
 * `Object.prototype`. Read keys with `Object.hasOwn`, not `in`.
 */
import { LIMITS, type LimitName } from "../../core/limits.js";
import { type DocumentOutcome, type DocumentValue, readDocument } from "./document.js";
import { LineIndex } from "./lines.js";
import {
  badSeparatorMessage,
  documentsMessage,
  goYamlMessage,
  listItemNotAnObjectMessage,
  notAnObjectMessage,
  objectsMessage,
  parsingError,
  pasteSizeMessage,
} from "./messages.js";
import { type DocumentChunk, splitDocuments } from "./split.js";
import { readStream } from "./stream.js";
import { decodeUtf8, type InvalidUtf8, utf8Length } from "./utf8.js";

/** One object of the paste. */
export interface ParsedObject {
  /** 1-based document (`---` section) it came from; List items keep their List's document. */
  document: number;
  /** 1-based line of the object's first key. */
  line: number;
  /** The object as plain data (a mapping). */
  value: unknown;
}

/** A document or object that could not be read. */
export interface ParseProblem {
  /** 1-based document the problem is in. */
  document: number;
  /** 1-based line in the paste. */
  line: number;
  /** kubectl's text for the fault, or a message naming the limit that was crossed. */
  message: string;
  /** The limit that was crossed, when the problem is a limit. */
  limit?: LimitName;
}

/** Everything read from a paste. When `fatal` is set, reading stopped and `objects` is empty. */
export interface ParseResult {
  objects: ParsedObject[];
  problems: ParseProblem[];
  fatal: ParseProblem | null;
}

/** Options of {@link parseManifests}. */
export interface ParseOptions {
  /** Name kubectl would print for the input (default `STDIN`, as for `kubectl apply -f -`). */
  filename?: string;
}

/** Parses a paste of manifests. Never throws on any input. */
export function parseManifests(text: string | Uint8Array, opts: ParseOptions = {}): ParseResult {
  const filename = opts.filename ?? "STDIN";
  const bytes = typeof text === "string" ? utf8Length(text) : text.byteLength;
  if (bytes > LIMITS.pasteBytes) {
    return fatal([], { document: 1, line: 1, message: pasteSizeMessage(bytes), limit: "pasteBytes" });
  }
  const decoded = typeof text === "string" ? { text: stripBom(text), invalid: [] } : decodeUtf8(text);
  const source = decoded.text;
  const lines = new LineIndex(source);
  const chunks = splitDocuments(source, lines);
  if (chunks.length > LIMITS.documents) {
    return fatal([], { document: 1, line: 1, message: documentsMessage(chunks.length), limit: "documents" });
  }

  const objects: ParsedObject[] = [];
  const problems: ParseProblem[] = [];
  for (const read of readChunks(source, chunks, lines, decoded.invalid, filename)) {
    const { chunk, outcome } = read;
    const document = chunk.index;
    if (outcome === null) {
      problems.push(read.problem as ParseProblem);
      continue;
    }
    if (outcome.kind === "failure") {
      const line = lines.lineAt(read.base + outcome.offset);
      const text = outcome.message(line - chunk.firstLine + 1);
      const problem: ParseProblem = {
        document,
        line,
        message: outcome.limit === undefined ? parsingError(filename, text) : text,
        ...(outcome.limit === undefined ? {} : { limit: outcome.limit }),
      };
      if (outcome.limit === "aliasExpansionNodes") return fatal(problems, problem);
      problems.push(problem);
      continue;
    }
    const overflow = collect(outcome, chunk, read.base, lines, filename, objects, problems);
    if (overflow !== null) return fatal(problems, overflow);
  }
  return { objects, problems, fatal: null };
}

/** A document read: its outcome (offsets from `base`), or a problem found before parsing it. */
interface ChunkRead {
  chunk: DocumentChunk;
  outcome: DocumentOutcome | null;
  base: number;
  problem?: ParseProblem;
}

/**
 * Reads every document, in order. Documents kubectl refuses before parsing (a bad separator,
 * malformed UTF-8) become problems. The rest come from one parse of the whole paste when it is
 * clean, or else one parse per document, which puts each error in its own document.
 */
function readChunks(
  source: string,
  chunks: DocumentChunk[],
  lines: LineIndex,
  invalidUtf8: InvalidUtf8[],
  filename: string,
): ChunkRead[] {
  const reads: ChunkRead[] = [];
  const bad = new InvalidLines(invalidUtf8);
  for (const chunk of chunks) {
    const document = chunk.index;
    const invalid = bad.firstWithin(chunk.firstLine, lines.lineAt(Math.max(chunk.start, chunk.end - 1)));
    if (chunk.badSeparator !== null) {
      const { rest, line } = chunk.badSeparator;
      const message = parsingError(filename, badSeparatorMessage(rest));
      reads.push({ chunk, outcome: null, base: 0, problem: { document, line, message } });
    } else if (invalid !== null) {
      const message = parsingError(filename, goYamlMessage(invalid.reason));
      reads.push({ chunk, outcome: null, base: 0, problem: { document, line: invalid.line, message } });
    } else reads.push({ chunk, outcome: null, base: chunk.start });
  }
  const json = chunks[0]?.json ?? false;
  const stream = invalidUtf8.length === 0 ? readStream(source, json, LIMITS.aliasExpansionNodes) : null;
  if (stream !== null) {
    for (const { offset, outcome } of stream) {
      const read = reads[chunkAt(chunks, offset)] as ChunkRead;
      // A second document in one section (after `...`) is one kubectl never reads.
      if (read.problem === undefined && read.outcome === null) Object.assign(read, { outcome, base: 0 });
    }
    return reads.filter((read) => read.outcome !== null || read.problem !== undefined);
  }
  let budget = LIMITS.aliasExpansionNodes;
  for (const read of reads) {
    if (read.problem !== undefined) continue;
    read.outcome = readDocument(source.slice(read.chunk.start, read.chunk.end), read.chunk.json, budget);
    if (read.outcome.kind === "value") budget -= read.outcome.expansion;
    else if (read.outcome.limit === "aliasExpansionNodes") break;
  }
  return reads.filter((read) => read.outcome !== null || read.problem !== undefined);
}

/** Index of the chunk holding `offset`. */
function chunkAt(chunks: DocumentChunk[], offset: number): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((chunks[mid] as DocumentChunk).start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Adds a document's objects: nothing for an empty document, the items of a `*List`, or the
 * document itself. Returns the objects-limit problem when the paste holds too many.
 */
function collect(
  outcome: DocumentValue,
  chunk: DocumentChunk,
  base: number,
  lines: LineIndex,
  filename: string,
  objects: ParsedObject[],
  problems: ParseProblem[],
): ParseProblem | null {
  const { value } = outcome;
  const document = chunk.index;
  const lineOf = (offset: number) => lines.lineAt(base + offset);
  if (value === null || value === undefined) return null;
  if (!isMapping(value)) {
    problems.push({ document, line: lineOf(outcome.start), message: notAnObjectMessage(filename, value) });
    return null;
  }
  const listLine = lineOf(outcome.start);
  const items = listItems(value);
  const entries = items ?? [value];
  for (const [i, item] of entries.entries()) {
    const start = items === null ? outcome.start : outcome.itemStarts[i];
    const line = start === undefined ? listLine : lineOf(start);
    if (item === null || item === undefined) continue;
    if (!isMapping(item)) {
      problems.push({ document, line, message: listItemNotAnObjectMessage(filename, item) });
      continue;
    }
    if (objects.length >= LIMITS.objects) {
      return { document, line, message: objectsMessage(), limit: "objects" };
    }
    objects.push({ document, line, value: item });
  }
  return null;
}

/**
 * The items of a List: kubectl expands any object carrying `items`
 * (k8s.io/apimachinery/pkg/apis/meta/v1/unstructured/unstructured.go `decode`); podsensei does so
 * for `v1` `List` and every other `*List` kind, which is where learners meet it.
 */
function listItems(value: Record<string, unknown>): unknown[] | null {
  const kind = value.kind;
  const items = Object.hasOwn(value, "items") ? value.items : undefined;
  if (typeof kind !== "string" || !kind.endsWith("List") || !Array.isArray(items)) return null;
  return items;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function fatal(problems: ParseProblem[], problem: ParseProblem): ParseResult {
  return { objects: [], problems, fatal: problem };
}

/** Malformed UTF-8 lines, walked in step with the documents (both are in line order). */
class InvalidLines {
  private next = 0;
  constructor(private readonly invalid: InvalidUtf8[]) {}

  firstWithin(first: number, last: number): InvalidUtf8 | null {
    while (this.next < this.invalid.length && (this.invalid[this.next] as InvalidUtf8).line < first) this.next++;
    const candidate = this.invalid[this.next];
    return candidate !== undefined && candidate.line <= last ? candidate : null;
  }
}
