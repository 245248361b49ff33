/**
 * One pass over a document's js-yaml events, before any value is built: it enforces the limits
 * the parser cannot (aliases, alias expansion, depth reached through aliases, string length),
 * refuses aliases go-yaml refuses, and notes where the root object and its List items start.
 */
import { EVENT_ID, type Event, getScalarValue, type ScalarEvent } from "js-yaml";
import { LIMITS, type LimitName } from "../../core/limits.js";
import {
  aliasExpansionMessage,
  goYamlMessage,
  nestingMessage,
  stringLengthMessage,
  tooManyAliasesMessage,
} from "./messages.js";

/** A reason to refuse the document, at an offset into the scanned source. */
export interface ScanProblem {
  offset: number;
  message: string;
  limit?: LimitName;
}

/** What the scan learned about one document of an event stream. */
export interface DocumentScan {
  /** Index just past the document's closing event (where the next document starts). */
  end: number;
  problem: ScanProblem | null;
  /** Alias nodes in the document. */
  aliases: number;
  /** Values that alias expansion adds to the document. */
  expansion: number;
  /** Offset of the root mapping's first key, or -1 when the root is not a mapping. */
  rootStart: number;
  /** Offsets of the entries of the root's `items` sequence, in order. */
  itemStarts: number[];
}

const DOC = 0;
const SEQ = 1;
const MAP = 2;

interface Frame {
  kind: number;
  /** Values in this subtree, aliases counted expanded. */
  size: number;
  /** Deepest nesting below and including this node, aliases counted expanded. */
  height: number;
  /** Children seen; in a mapping even ones are keys. */
  children: number;
  anchor: string | null;
  /** Whether this sequence is the root mapping's `items`. */
  items: boolean;
}

interface AnchorInfo {
  size: number;
  height: number;
}

/**
 * Scans the document whose DOCUMENT event is at `from`. `expansionBudget` is what is left of the
 * paste-wide alias-expansion limit; the result's `expansion` is charged against it by the caller.
 */
export function scanDocument(events: Event[], source: string, expansionBudget: number, from = 0): DocumentScan {
  const stack: Frame[] = [];
  const anchors = new Map<string, AnchorInfo>();
  const open = new Set<string>();
  const itemStarts: number[] = [];
  let aliases = 0;
  let expansion = 0;
  let rootStart = -1;
  let keyIsItems = false;
  let end = events.length;
  const result = (problem: ScanProblem | null, at: number): DocumentScan => ({
    end: problem === null ? end : skipDocument(events, at, stack.length),
    problem,
    aliases,
    expansion,
    rootStart,
    itemStarts,
  });

  for (let i = from; i < events.length; i++) {
    const event = events[i] as Event;
    let size = 1;
    let height = 0;
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        stack.push({ kind: DOC, size: 0, height: 0, children: 0, anchor: null, items: false });
        continue;
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING: {
        const parent = stack[stack.length - 1] as Frame;
        const kind = event.type === EVENT_ID.MAPPING ? MAP : SEQ;
        const start = kind === MAP ? firstKeyOffset(events, i) : event.start;
        if (parent.kind === DOC && kind === MAP) rootStart = start;
        if (parent.items) itemStarts.push(start);
        const anchor = event.anchorStart === -1 ? null : source.slice(event.anchorStart, event.anchorEnd);
        if (anchor !== null) open.add(anchor);
        const items = kind === SEQ && keyIsItems;
        keyIsItems = false;
        stack.push({ kind, size: 1, height: 1, children: 0, anchor, items });
        continue;
      }
      case EVENT_ID.POP: {
        const frame = stack.pop() as Frame;
        if (frame.kind === DOC) {
          end = i + 1;
          return result(null, i);
        }
        size = frame.size;
        height = frame.height;
        if (frame.anchor !== null) {
          open.delete(frame.anchor);
          anchors.set(frame.anchor, { size, height });
        }
        break;
      }
      case EVENT_ID.SCALAR: {
        const problem = checkScalar(event, source);
        if (problem !== null) return result(problem, i);
        const parent = stack[stack.length - 1] as Frame;
        if (parent.items) itemStarts.push(event.valueStart);
        if (parent.kind === MAP && parent.children % 2 === 0 && stack.length === 2) {
          keyIsItems = source.slice(event.valueStart, event.valueEnd) === "items";
        } else keyIsItems = false;
        if (event.anchorStart !== -1) anchors.set(source.slice(event.anchorStart, event.anchorEnd), { size, height });
        break;
      }
      case EVENT_ID.ALIAS: {
        const name = source.slice(event.anchorStart, event.anchorEnd);
        const at = Math.max(0, event.anchorStart - 1);
        // go.yaml.in/yaml/v2 decode.go `alias`: "anchor '%s' value contains itself"; parser: "unknown anchor '%s' referenced".
        if (open.has(name))
          return result({ offset: at, message: goYamlMessage(`anchor '${name}' value contains itself`) }, i);
        const target = anchors.get(name);
        if (target === undefined)
          return result({ offset: at, message: goYamlMessage(`unknown anchor '${name}' referenced`) }, i);
        if (++aliases > LIMITS.aliasesPerDocument) {
          return result({ offset: at, message: tooManyAliasesMessage(), limit: "aliasesPerDocument" }, i);
        }
        expansion += target.size;
        if (expansion > expansionBudget)
          return result({ offset: at, message: aliasExpansionMessage(), limit: "aliasExpansionNodes" }, i);
        const parent = stack[stack.length - 1] as Frame;
        if (parent.items) itemStarts.push(at);
        keyIsItems = false;
        size = target.size;
        height = target.height;
        break;
      }
    }
    const parent = stack[stack.length - 1] as Frame;
    parent.children++;
    parent.size += size;
    if (height + 1 > parent.height) parent.height = height + 1;
    if (parent.kind !== DOC && stack.length - 2 + parent.height > LIMITS.nestingDepth) {
      return result({ offset: eventOffset(event), message: nestingMessage(), limit: "nestingDepth" }, i);
    }
  }
  return result(null, events.length);
}

/** Index just past the document that is `depth` levels open at event `at`. */
function skipDocument(events: Event[], at: number, depth: number): number {
  let open = depth;
  for (let i = at + 1; i < events.length; i++) {
    const type = (events[i] as Event).type;
    if (type === EVENT_ID.POP) {
      if (--open === 0) return i + 1;
    } else if (type === EVENT_ID.DOCUMENT || type === EVENT_ID.SEQUENCE || type === EVENT_ID.MAPPING) open++;
  }
  return events.length;
}

/** Where a mapping's first key sits (the line a learner looks at), or the mapping's own start. */
function firstKeyOffset(events: Event[], at: number): number {
  const next = events[at + 1];
  if (next !== undefined && next.type === EVENT_ID.SCALAR) return next.valueStart;
  return (events[at] as { start: number }).start;
}

function eventOffset(event: Event): number {
  if (event.type === EVENT_ID.SCALAR) return event.valueStart;
  if (event.type === EVENT_ID.ALIAS) return Math.max(0, event.anchorStart - 1);
  return 0;
}

function checkScalar(event: ScalarEvent, source: string): ScanProblem | null {
  // The raw span bounds the decoded length from above (escapes and indentation only shrink it).
  if (event.valueEnd - event.valueStart <= LIMITS.stringLength) return null;
  const length = getScalarValue(source, event).length;
  if (length <= LIMITS.stringLength) return null;
  return { offset: event.valueStart, message: stringLengthMessage(length), limit: "stringLength" };
}
