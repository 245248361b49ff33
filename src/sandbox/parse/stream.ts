/**
 * The fast path: the whole paste in one js-yaml parse and, when every document is clean, one
 * construction. Any parse or construction error sends the caller to the document-by-document
 * path, which places the error in its document exactly as kubectl would.
 */
import { constructFromEvents, type Event, parseEvents } from "js-yaml";
import { LIMITS } from "../../core/limits.js";
import { constructorOptions, type DocumentOutcome, documentValue, scanFailure } from "./document.js";
import { type DocumentScan, scanDocument } from "./scan.js";

/** One document of the stream: where its content starts, and what it read as. */
export interface StreamDocument {
  /** Offset of the document's first content, used to find its `---` section. */
  offset: number;
  outcome: DocumentOutcome;
}

/**
 * Reads every non-empty document of `source`, or returns null when the stream has a syntax or
 * construction error. Offsets are into `source`.
 */
export function readStream(source: string, json: boolean, expansionBudget: number): StreamDocument[] | null {
  let events: Event[];
  try {
    events = parseEvents(source, { maxDepth: LIMITS.nestingDepth + 1 });
  } catch {
    return null;
  }
  const scans: Array<{ first: number; scan: DocumentScan }> = [];
  let budget = expansionBudget;
  let clean = true;
  for (let first = 0; first < events.length; ) {
    const scan = scanDocument(events, source, budget, first);
    scans.push({ first, scan });
    if (scan.problem !== null) clean = false;
    budget -= scan.expansion;
    if (scan.problem?.limit === "aliasExpansionNodes") break;
    first = scan.end;
  }
  let values: unknown[];
  try {
    values = clean
      ? constructFromEvents(events, constructorOptions(source, json))
      : scans.map(({ first, scan }) =>
          scan.problem === null
            ? constructFromEvents(events.slice(first, scan.end), constructorOptions(source, json))[0]
            : null,
        );
  } catch {
    return null;
  }
  const documents: StreamDocument[] = [];
  scans.forEach(({ first, scan }, i) => {
    if (first + 2 >= scan.end) return; // DOCUMENT then POP: an empty document
    const offset = contentStart(events, first);
    if (scan.problem !== null) documents.push({ offset, outcome: scanFailure(scan) });
    else documents.push({ offset, outcome: documentValue(values[i], scan, events, first) });
  });
  return documents;
}

function contentStart(events: Event[], first: number): number {
  const content = events[first + 1] as Event;
  if ("valueStart" in content) return content.anchorStart !== -1 ? content.anchorStart : content.valueStart;
  if ("start" in content) return content.anchorStart !== -1 ? content.anchorStart : content.start;
  return "anchorStart" in content ? content.anchorStart : 0;
}
