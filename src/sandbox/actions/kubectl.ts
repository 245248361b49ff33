/**
 * kubectl's names for things: resource words (`deploy`, `deployments.apps`, `no`) resolved
 * through API discovery, and how kubectl prints an object (`deployment.apps/web`) and a missing
 * one (`Error from server (NotFound): deployments.apps "web" not found`;
 * staging/src/k8s.io/cli-runtime/pkg/printers/name.go).
 */
import { Discovery } from "../api/discovery.js";
import type { ControllerContext } from "../engine/controller.js";
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

/** `Error from server (NotFound): deployments.apps "web" not found`. */
export function notFoundMessage(kind: string, name: string): string {
  const resource = discovery.byKind(kind)?.resource ?? `${kind.toLowerCase()}s`;
  return `Error from server (NotFound): ${resource}${group(kind)} ${JSON.stringify(name)} not found`;
}

/**
 * Records one line of kubectl output on the timeline: an event from source `kubectl` (reason
 * `Kubectl`) about the object it concerns; error lines are Warnings and also become findings.
 */
export function say(
  ctx: ControllerContext,
  about: Pick<KubeObject, "kind" | "metadata">,
  line: string,
  error = false,
): void {
  ctx.recorder.record(about, error ? "Warning" : "Normal", "Kubectl", line, "kubectl");
  if (error) {
    ctx.notes.push({
      severity: "warning",
      layer: "api",
      object: `${about.kind}/${about.metadata.name ?? ""}`,
      message: `at ${ctx.clock.now}s the action failed: ${line}`,
      hint: null,
    });
  }
}

/** A stand-in object for messages about something that does not exist. */
export function ref(kind: string, name: string, namespace?: string): Pick<KubeObject, "kind" | "metadata"> {
  const namespaced = discovery.byKind(kind)?.namespaced ?? true;
  return { kind, metadata: namespace && namespaced ? { name, namespace } : { name } };
}
