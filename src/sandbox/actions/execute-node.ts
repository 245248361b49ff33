/**
 * Node actions: `kubectl cordon` / `uncordon` (a patch of `spec.unschedulable`;
 * staging/src/k8s.io/kubectl/pkg/drain/cordon.go and cmd/drain/drain.go for the printed lines),
 * `kubectl taint` (staging/src/k8s.io/kubectl/pkg/cmd/taint/taint.go) and `node-down`.
 */
import { timestampAt } from "../api/server.js";
import type { ControllerContext } from "../engine/controller.js";
import { NODE_DOWN_ANNOTATION } from "../kubelet/node-state.js";
import { ref, say } from "./kubectl.js";
import type { Action, TaintSpec } from "./types.js";

function missing(ctx: ControllerContext, node: string): boolean {
  if (ctx.store.get("Node", undefined, node)) return false;
  say(ctx, ref("Node", node), `Error from server (NotFound): nodes ${JSON.stringify(node)} not found`, true);
  return true;
}

/** Sets `spec.unschedulable`; prints `node/x cordoned` or `node/x already cordoned`. */
export function cordon(ctx: ControllerContext, node: string, on: boolean): void {
  if (missing(ctx, node)) return;
  const current = ctx.store.get("Node", undefined, node);
  const word = on ? "cordoned" : "uncordoned";
  if ((current?.spec?.unschedulable === true) === on) {
    say(ctx, ref("Node", node), `node/${node} already ${word}`);
    return;
  }
  ctx.store.patch("Node", undefined, node, (n) => {
    n.spec = n.spec ?? {};
    if (on) n.spec.unschedulable = true;
    else delete n.spec.unschedulable;
  });
  say(ctx, ref("Node", node), `node/${node} ${word}`);
}

function sameTaint(a: TaintSpec, b: TaintSpec): boolean {
  return a.key === b.key && (b.effect === undefined || a.effect === b.effect);
}

function taintText(t: TaintSpec): string {
  return `${t.key}${t.effect ? `:${t.effect}` : ""}`;
}

/** Adds and removes taints as `kubectl taint` does. */
export function taint(a: Extract<Action, { verb: "taint" }>, ctx: ControllerContext): void {
  if (missing(ctx, a.node)) return;
  const node = ctx.store.get("Node", undefined, a.node);
  const about = ref("Node", a.node);
  let taints: (TaintSpec & { timeAdded?: string })[] = [...(node?.spec?.taints ?? [])];
  for (const r of a.remove) {
    if (!taints.some((t) => sameTaint(t, r))) {
      say(ctx, about, `error: taint ${JSON.stringify(taintText(r))} not found`, true);
      return;
    }
    taints = taints.filter((t) => !sameTaint(t, r));
  }
  for (const add of a.add) {
    const clash = taints.find((t) => t.key === add.key && t.effect === add.effect);
    if (clash && !a.overwrite) {
      say(
        ctx,
        about,
        `error: node ${a.node} already has ${add.key} taint(s) with same effect(s) and --overwrite is false`,
        true,
      );
      return;
    }
    taints = taints.filter((t) => t !== clash);
    const entry: TaintSpec & { timeAdded?: string } = { key: add.key, effect: add.effect ?? "NoSchedule" };
    if (add.value) entry.value = add.value;
    if (entry.effect === "NoExecute") entry.timeAdded = timestampAt(ctx.clock.now);
    taints.push(entry);
  }
  ctx.store.patch("Node", undefined, a.node, (n) => {
    n.spec = n.spec ?? {};
    if (taints.length > 0) n.spec.taints = taints;
    else delete n.spec.taints;
  });
  say(ctx, about, `node/${a.node} ${a.add.length > 0 ? (a.remove.length > 0 ? "modified" : "tainted") : "untainted"}`);
}

/** `node-down NAME`: the node's kubelet stops; the node lifecycle controller takes it from there. */
export function nodeDown(ctx: ControllerContext, node: string): void {
  if (missing(ctx, node)) return;
  ctx.store.patch("Node", undefined, node, (n) => {
    n.metadata.annotations = { ...n.metadata.annotations, [NODE_DOWN_ANNOTATION]: String(ctx.clock.now) };
  });
  say(ctx, ref("Node", node), `node/${node}: kubelet stopped posting status (node-down)`);
}
