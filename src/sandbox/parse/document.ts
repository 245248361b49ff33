/**
 * Reads one document of a paste: js-yaml events (depth-limited in the parser), the limit scan,
 * then construction with the manifest schema. Every failure comes back as a value.
 */
import {
  type ConstructorOptions,
  constructFromEvents,
  EVENT_ID,
  type Event,
  getScalarValue,
  load,
  parseEvents,
  SCALAR_STYLE,
  type ScalarEvent,
  YAMLException,
} from "js-yaml";
import { LIMITS, type LimitName } from "../../core/limits.js";
import { duplicateKeyMessage, goQuoteKey, goYamlMessage, goYamlReason, nestingMessage } from "./messages.js";
import { type DocumentScan, type ScanProblem, scanDocument } from "./scan.js";
import { MANIFEST_SCHEMA } from "./schema.js";

/** A document's value and where its parts start (offsets into the document's source). */
export interface DocumentValue {
  kind: "value";
  value: unknown;
  /** Offset of the root's first key or first content. */
  start: number;
  /** Offsets of the root `items` entries. */
  itemStarts: number[];
  /** Values alias expansion added, charged to the paste-wide budget. */
  expansion: number;
}

/** Why a document was refused; `line` is counted from the document's first line as kubectl does. */
export interface DocumentFailure {
  kind: "failure";
  offset: number;
  message: (relativeLine: number) => string;
  limit?: LimitName;
}

/** The outcome of reading one document. */
export type DocumentOutcome = DocumentValue | DocumentFailure;

/**
 * Reads the first document in `source`, the section kubectl would hand to go-yaml (it reads one
 * document per `---` section). `json` allows duplicate keys as Go's encoding/json does.
 */
export function readDocument(source: string, json: boolean, expansionBudget: number): DocumentOutcome {
  let events: Event[];
  try {
    // js-yaml refuses nesting when depth reaches maxDepth, so allow one more than the limit.
    events = parseEvents(source, { maxDepth: LIMITS.nestingDepth + 1 });
  } catch (error) {
    return failureFromError(error, json, []);
  }
  if (events.length === 0) return { kind: "value", value: null, start: 0, itemStarts: [], expansion: 0 };
  const scan = scanDocument(events, source, expansionBudget);
  if (scan.problem !== null) return scanFailure(scan);
  const own = scan.end === events.length ? events : events.slice(0, scan.end);
  let value: unknown;
  try {
    [value] = constructFromEvents(own, constructorOptions(source, json));
  } catch (error) {
    return failureFromError(error, json, own, source);
  }
  return documentValue(value, scan, own, 0);
}

/** js-yaml constructor options for manifests. */
export function constructorOptions(source: string, json: boolean): ConstructorOptions {
  return { source, schema: MANIFEST_SCHEMA, json, maxAliases: LIMITS.aliasesPerDocument };
}

/** The failure a scan problem stands for. */
export function scanFailure(scan: DocumentScan): DocumentFailure {
  const { offset, message, limit } = scan.problem as ScanProblem;
  return { kind: "failure", offset, message: () => message, ...(limit === undefined ? {} : { limit }) };
}

/** A constructed document with its positions; `first` is the index of its DOCUMENT event. */
export function documentValue(value: unknown, scan: DocumentScan, events: Event[], first: number): DocumentValue {
  const start = scan.rootStart !== -1 ? scan.rootStart : contentOffset(events, first);
  return {
    kind: "value",
    value: scan.aliases > 0 ? cloneTree(value) : value,
    start,
    itemStarts: scan.itemStarts,
    expansion: scan.expansion,
  };
}

function failureFromError(error: unknown, json: boolean, events: Event[], source = ""): DocumentFailure {
  if (!(error instanceof YAMLException)) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: "failure", offset: 0, message: () => goYamlMessage(reason) };
  }
  const offset = error.mark?.position ?? 0;
  if (error.reason.startsWith("nesting exceeded maxDepth")) {
    return { kind: "failure", offset, message: nestingMessage, limit: "nestingDepth" };
  }
  if (error.reason === "duplicated mapping key") {
    const duplicate = duplicateAt(events, source, offset);
    return {
      kind: "failure",
      offset: duplicate.valueOffset,
      message: (line) => duplicateKeyMessage(goQuoteKey(duplicate.key), line),
    };
  }
  const reason = goYamlReason(error.reason);
  if (json) return { kind: "failure", offset, message: (line) => `line ${line}: ${reason}` };
  return { kind: "failure", offset, message: (line) => goYamlMessage(reason, line) };
}

/**
 * The duplicate key whose event starts at `offset`, decoded as the schema resolves it, and where
 * its value starts: goyaml.v2 `setMapIndex` reports the value node's line.
 */
function duplicateAt(events: Event[], source: string, offset: number): { key: unknown; valueOffset: number } {
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as Event;
    if (event.type !== EVENT_ID.SCALAR || scalarStart(event) !== offset) continue;
    const text = getScalarValue(source, event);
    const key = event.style === SCALAR_STYLE.PLAIN ? load(text, { schema: MANIFEST_SCHEMA }) : text;
    const value = events[i + 1];
    return { key, valueOffset: value === undefined ? offset : startOf(value, offset) };
  }
  return { key: "", valueOffset: offset };
}

function scalarStart(event: ScalarEvent): number {
  if (event.tagStart !== -1) return event.tagStart;
  return event.anchorStart !== -1 ? event.anchorStart : event.valueStart;
}

function startOf(event: Event, fallback: number): number {
  switch (event.type) {
    case EVENT_ID.SCALAR:
      return event.valueStart;
    case EVENT_ID.ALIAS:
      return Math.max(0, event.anchorStart - 1);
    case EVENT_ID.SEQUENCE:
    case EVENT_ID.MAPPING:
      return event.start;
    default:
      return fallback;
  }
}

function contentOffset(events: Event[], first: number): number {
  const content = events[first + 1];
  return content === undefined ? 0 : startOf(content, 0);
}

/**
 * Copies a tree so that every alias becomes its own value, as kubectl's YAML → JSON conversion
 * does; later stages may then mutate one object without touching another. `__proto__` keys stay
 * own data properties.
 */
function cloneTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneTree);
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === "__proto__") {
      Object.defineProperty(copy, key, {
        value: cloneTree(item),
        enumerable: true,
        configurable: true,
        writable: true,
      });
    } else copy[key] = cloneTree(item);
  }
  return copy;
}
