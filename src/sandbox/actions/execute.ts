/**
 * Workload actions, each written through the API server as kubectl's request would be:
 * `scale` (cmd/scale), `set image` (cmd/set/set_image.go), `delete` (cmd/delete), `rollout undo`
 * (the Deployment controller's `rolloutUndo`), `rollout restart` (cmd/rollout/rollout_restart.go),
 * `apply -f` (cmd/apply), `label` (cmd/label) and
 * `load` (podsensei's own: annotations an autoscaler reads).
 */
import { SIMULATION_EPOCH_MS } from "../api/server.js";
import { statusMessage } from "../api/types.js";
import { rolloutUndo } from "../controllers/deployment-undo.js";
import type { ControllerContext } from "../engine/controller.js";
import { clone, type KubeObject } from "../model/object.js";
import { matchesLabelSelector } from "../model/selector.js";
import { displayName, notFoundMessage, ref, resourceName, say } from "./kubectl.js";
import type { Action, Target } from "./types.js";

/** Annotations a `load` action puts on a workload and its pods (percent of requests in use). */
export const LOAD_CPU_ANNOTATION = "podsensei.dev/load-cpu";
export const LOAD_MEMORY_ANNOTATION = "podsensei.dev/load-memory";

function lookup(ctx: ControllerContext, t: Target): KubeObject | undefined {
  const obj = ctx.store.get(t.kind, t.namespace, t.name) ?? ctx.store.get(t.kind, undefined, t.name);
  if (!obj) say(ctx, ref(t.kind, t.name, t.namespace), notFoundMessage(t.kind, t.name), true);
  return obj;
}

function write(ctx: ControllerContext, obj: KubeObject, done: string): void {
  const out = ctx.api.apply(obj, { origin: "user" });
  if (out.ok) say(ctx, obj, `${displayName(obj.kind, obj.metadata.name ?? "")} ${done}`);
  else say(ctx, obj, out.message, true);
}

function podSpecOf(obj: KubeObject): any {
  if (obj.kind === "Pod") return obj.spec;
  if (obj.kind === "CronJob") return obj.spec?.jobTemplate?.spec?.template?.spec;
  return obj.spec?.template?.spec;
}

function setImage(a: Extract<Action, { verb: "set-image" }>, ctx: ControllerContext): void {
  const obj = lookup(ctx, a);
  if (!obj) return;
  const next = clone(obj);
  const spec = podSpecOf(next);
  if (!spec) {
    say(ctx, obj, `error: ${displayName(obj.kind, a.name)} has no pod template`, true);
    return;
  }
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  for (const [name, image] of Object.entries(a.images)) {
    const hits = name === "*" ? containers : containers.filter((c: { name: string }) => c.name === name);
    if (hits.length === 0) {
      say(ctx, obj, `error: unable to find container named ${JSON.stringify(name)}`, true);
      return;
    }
    for (const c of hits) c.image = image;
  }
  write(ctx, next, "image updated");
}

function scale(a: Extract<Action, { verb: "scale" }>, ctx: ControllerContext): void {
  const obj = lookup(ctx, a);
  if (!obj) return;
  if (!["Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"].includes(obj.kind)) {
    say(
      ctx,
      obj,
      `error: no scaler has been implemented for {${obj.apiVersion.includes("/") ? obj.apiVersion.split("/")[0] : ""} ${obj.kind}}`,
      true,
    );
    return;
  }
  const next = clone(obj);
  next.spec = { ...next.spec, replicas: a.replicas };
  write(ctx, next, "scaled");
}

function remove(a: Extract<Action, { verb: "delete" }>, ctx: ControllerContext): void {
  for (const t of a.targets) {
    const obj = lookup(ctx, t);
    if (!obj) continue;
    const out = ctx.api.delete(obj.kind, obj.metadata.namespace, obj.metadata.name ?? "", a.gracePeriod ?? undefined);
    if (!out.ok) {
      // kubectl's CheckErr: a Status error with a reason prints as `Error from server (<Reason>): ...`.
      say(ctx, obj, `Error from server (${out.reason}): ${statusMessage(out)}`, true);
      continue;
    }
    const [resource] = displayName(obj.kind, "").split("/");
    // kubectl 1.33+ names the namespace of a deleted namespaced object.
    const where = obj.metadata.namespace ? ` from ${obj.metadata.namespace} namespace` : "";
    say(ctx, obj, `${resource} ${JSON.stringify(obj.metadata.name)} deleted${where}`);
  }
}

/** The pod-template annotation `kubectl rollout restart` sets (polymorphichelpers defaultObjectRestarter). */
export const RESTARTED_AT_ANNOTATION = "kubectl.kubernetes.io/restartedAt";

/**
 * `kubectl rollout restart`: a new pod-template annotation with the current time (RFC 3339), which
 * rolls the workload like any template change. Deployments, DaemonSets and StatefulSets only; a
 * paused Deployment is refused (objectrestarter.go).
 */
function restart(a: Extract<Action, { verb: "rollout-restart" }>, ctx: ControllerContext): void {
  const obj = lookup(ctx, a);
  if (!obj) return;
  // rollout_restart.go: a restarter error prints as `error: <resource>.<group> "<name>" <error>`.
  const named = resourceName(obj.kind, obj.metadata.name ?? "");
  if (!["Deployment", "DaemonSet", "StatefulSet"].includes(obj.kind)) {
    say(ctx, obj, `error: ${named} restarting is not supported`, true);
    return;
  }
  if (obj.kind === "Deployment" && obj.spec?.paused) {
    say(ctx, obj, `error: ${named} can't restart paused deployment (run rollout resume first)`, true);
    return;
  }
  const next = clone(obj);
  next.spec.template ??= {};
  const template = next.spec.template;
  template.metadata ??= {};
  const at = new Date(SIMULATION_EPOCH_MS + Math.floor(ctx.clock.now) * 1000).toISOString().replace(".000Z", "Z");
  template.metadata.annotations = { ...template.metadata.annotations, [RESTARTED_AT_ANNOTATION]: at };
  write(ctx, next, "restarted");
}

function undo(a: Extract<Action, { verb: "rollout-undo" }>, ctx: ControllerContext): void {
  if (a.kind !== "Deployment") {
    say(ctx, ref(a.kind, a.name, a.namespace), `error: rollout undo is simulated for deployments only`, true);
    return;
  }
  const result = rolloutUndo(ctx, a.namespace, a.name, a.toRevision);
  say(ctx, ref(a.kind, a.name, a.namespace), result.message, !result.ok);
}

function apply(a: Extract<Action, { verb: "apply" }>, ctx: ControllerContext): void {
  for (const value of a.objects) {
    const input = clone(value) as KubeObject;
    if (a.namespace && input?.metadata && !input.metadata.namespace) input.metadata.namespace = a.namespace;
    const existed =
      input?.kind && input.metadata?.name
        ? (ctx.store.get(input.kind, input.metadata.namespace ?? "default", input.metadata.name) ??
          ctx.store.get(input.kind, undefined, input.metadata.name))
        : undefined;
    const out = ctx.api.apply(input, { origin: "user" });
    const about = ref(
      input?.kind ?? "Unknown",
      input?.metadata?.name ?? a.file,
      input?.metadata?.namespace ?? "default",
    );
    if (!out.ok) {
      // kubectl apply wraps the error with its source (cmdutil.AddSourceToErr: "creating" for a new
      // object; a patch of an existing one quotes the whole patch, shortened here to "applying");
      // CheckErr prints an Invalid one as its causes only, the rest as `Error from server (...)`.
      const when = `error when ${existed ? "applying" : "creating"} ${JSON.stringify(a.file)}`;
      const text =
        out.reason === "Invalid" ? out.message : `Error from server (${out.reason}): ${when}: ${statusMessage(out)}`;
      say(ctx, about, text, true);
      continue;
    }
    const verb = !existed ? "created" : out.changed ? "configured" : "unchanged";
    say(ctx, out.object, `${displayName(out.object.kind, out.object.metadata.name ?? "")} ${verb}`);
  }
}

function label(a: Extract<Action, { verb: "label" }>, ctx: ControllerContext): void {
  const obj = lookup(ctx, a);
  if (!obj) return;
  const labels = { ...obj.metadata.labels };
  for (const [k, v] of Object.entries(a.set)) {
    if (labels[k] !== undefined && labels[k] !== v && !a.overwrite) {
      say(ctx, obj, `error: '${k}' already has a value (${labels[k]}), and --overwrite is false`, true);
      return;
    }
    labels[k] = v;
  }
  for (const k of a.remove) delete labels[k];
  ctx.store.patch(obj.kind, obj.metadata.namespace, obj.metadata.name ?? "", (o) => {
    o.metadata.labels = labels;
  });
  const word = Object.keys(a.set).length === 0 ? "unlabeled" : "labeled";
  say(ctx, obj, `${displayName(obj.kind, obj.metadata.name ?? "")} ${word}`);
}

function load(a: Extract<Action, { verb: "load" }>, ctx: ControllerContext): void {
  const obj = lookup(ctx, a);
  if (!obj) return;
  const notes: Record<string, string> = {};
  if (a.cpu !== null) notes[LOAD_CPU_ANNOTATION] = String(a.cpu);
  if (a.memory !== null) notes[LOAD_MEMORY_ANNOTATION] = String(a.memory);
  const annotate = (o: KubeObject) =>
    ctx.store.patch(o.kind, o.metadata.namespace, o.metadata.name ?? "", (x) => {
      x.metadata.annotations = { ...x.metadata.annotations, ...notes };
    });
  annotate(obj);
  const selector = obj.kind === "Pod" ? null : obj.spec?.selector;
  if (selector) {
    const sel = selector.matchLabels || selector.matchExpressions ? selector : { matchLabels: selector };
    for (const p of ctx.store.list("Pod", obj.metadata.namespace))
      if (matchesLabelSelector(sel, p.metadata.labels)) annotate(p);
  }
  const parts = [a.cpu !== null ? `cpu ${a.cpu}%` : null, a.memory !== null ? `memory ${a.memory}%` : null].filter(
    Boolean,
  );
  say(ctx, obj, `${displayName(obj.kind, a.name)}: pods now use ${parts.join(", ")} of their requests`);
}

/** Runs a workload action at the current simulated time. */
export function executeWorkloadAction(action: Action, ctx: ControllerContext): void {
  switch (action.verb) {
    case "scale":
      scale(action, ctx);
      return;
    case "set-image":
      setImage(action, ctx);
      return;
    case "delete":
      remove(action, ctx);
      return;
    case "rollout-undo":
      undo(action, ctx);
      return;
    case "rollout-restart":
      restart(action, ctx);
      return;
    case "apply":
      apply(action, ctx);
      return;
    case "label":
      label(action, ctx);
      return;
    case "load":
      load(action, ctx);
      return;
    default:
      return;
  }
}
