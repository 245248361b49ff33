/**
 * kubectl's names for things: resource words (`deploy`, `deployments.apps`, `no`) resolved
 * through API discovery, and how kubectl prints an object (`deployment.apps/web`) and a missing
 * one (`Error from server (NotFound): deployments.apps "web" not found`;
 * staging/src/k8s.io/cli-runtime/pkg/printers/name.go).
 */
import { Discovery } from "../api/discovery.js";
import type { ControllerContext, SimulationNote } from "../engine/controller.js";
import type { KubeObject } from "../model/object.js";

const discovery = new Discovery();

/** The served Kind a kubectl resource word names, if any. */
export function resolveKind(word: string): string | undefined {
  return discovery.resolve(word)?.kind;
}

function group(kind: string): string {
  const g = discovery.byKind(kind)?.group ?? "";
  return g ? `.${g}` : "";
}

/** `deployment.apps/web`, `node/node-b`. */
export function displayName(kind: string, name: string): string {
  return `${kind.toLowerCase()}${group(kind)}/${name}`;
}

/** `deployments.apps "web"`: how kubectl names an object in its errors. */
export function resourceName(kind: string, name: string): string {
  const resource = discovery.byKind(kind)?.resource ?? `${kind.toLowerCase()}s`;
  return `${resource}${group(kind)} ${JSON.stringify(name)}`;
}

/** `Error from server (NotFound): deployments.apps "web" not found`. */
export function notFoundMessage(kind: string, name: string): string {
  return `Error from server (NotFound): ${resourceName(kind, name)} not found`;
}

/**
 * Errors that repeat (a drain retrying refused evictions every 5 s) fold into one finding per
 * key: its message is rewritten with the count and the time range at each repeat.
 */
export interface Repeats {
  key: string;
  message: (r: { first: number; last: number; count: number; line: string }) => string;
  hint: string | null;
}

interface Fold {
  note: SimulationNote;
  first: number;
  count: number;
}

const folds = new WeakMap<ControllerContext, Map<string, Fold>>();

/**
 * Records one line of kubectl output on the timeline: an event from source `kubectl` (reason
 * `Kubectl`) about the object it concerns; error lines are Warnings and also become findings,
 * one per `repeats.key` when given.
 */
export function say(
  ctx: ControllerContext,
  about: Pick<KubeObject, "kind" | "metadata">,
  line: string,
  error = false,
  repeats?: Repeats,
): void {
  ctx.recorder.record(about, error ? "Warning" : "Normal", "Kubectl", line, "kubectl");
  if (!error) return;
  const now = ctx.clock.now;
  if (!repeats) {
    ctx.notes.push({
      severity: "warning",
      layer: "api",
      object: `${about.kind}/${about.metadata.name ?? ""}`,
      message: `at ${now}s the action failed: ${line}`,
      hint: null,
    });
    return;
  }
  let byKey = folds.get(ctx);
  if (!byKey) {
    byKey = new Map();
    folds.set(ctx, byKey);
  }
  const fold = byKey.get(repeats.key);
  if (fold) {
    fold.count++;
    fold.note.message = repeats.message({ first: fold.first, last: now, count: fold.count, line });
    return;
  }
  const note: SimulationNote = {
    severity: "warning",
    layer: "api",
    object: `${about.kind}/${about.metadata.name ?? ""}`,
    message: repeats.message({ first: now, last: now, count: 1, line }),
    hint: repeats.hint,
  };
  ctx.notes.push(note);
  byKey.set(repeats.key, { note, first: now, count: 1 });
}

/** A stand-in object for messages about something that does not exist. */
export function ref(kind: string, name: string, namespace?: string): Pick<KubeObject, "kind" | "metadata"> {
  const namespaced = discovery.byKind(kind)?.namespaced ?? true;
  return { kind, metadata: namespace && namespaced ? { name, namespace } : { name } };
}
