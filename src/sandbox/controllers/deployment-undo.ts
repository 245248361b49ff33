/**
 * `kubectl rollout undo deployment/<name> [--to-revision=N]`: kubectl copies the pod template
 * (and annotations) of the chosen revision's ReplicaSet back into the Deployment; the controller
 * then rolls out as for any template change (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollback.go
 * DeploymentRollbacker.Rollback and deploymentRevision).
 */
import type { ControllerContext } from "../engine/controller.js";
import type { KubeObject } from "../model/object.js";
import { ANNOTATIONS_TO_SKIP, equalIgnoreHash, revisionOf, templateWithoutHash } from "./deployment-util.js";
import { controlledBy } from "./owner-index.js";

/** What kubectl prints: `deployment.apps/web rolled back`, or an error line. */
export type RolloutUndoResult = { ok: true; message: string } | { ok: false; message: string };

/** rollback.go deploymentRevision: the RS of `toRevision`, or the previous revision when 0. */
function revisionReplicaSet(rss: KubeObject[], d: KubeObject, toRevision: number): KubeObject | string {
  let latest: { rev: number; rs?: KubeObject } = { rev: -1 };
  let previous: { rev: number; rs?: KubeObject } = { rev: -1 };
  for (const rs of rss) {
    const v = revisionOf(rs);
    if (toRevision === 0) {
      if (latest.rev < v) {
        previous = latest;
        latest = { rev: v, rs };
      } else if (previous.rev < v) previous = { rev: v, rs };
    } else if (toRevision === v) return rs;
  }
  if (toRevision > 0) return `error: unable to find specified revision ${toRevision} in history`;
  if (!previous.rs) return `error: no rollout history found for deployment "${d.metadata.name}"`;
  return previous.rs;
}

/**
 * Rolls a Deployment back to `toRevision` (default: the previous revision) by writing that
 * revision's template into its spec, as kubectl does. Returns kubectl's output line.
 */
export function rolloutUndo(
  ctx: ControllerContext,
  namespace: string,
  name: string,
  toRevision = 0,
): RolloutUndoResult {
  const d = ctx.store.get("Deployment", namespace, name);
  if (!d) return { ok: false, message: `Error from server (NotFound): deployments.apps "${name}" not found` };
  if (d.spec?.paused) {
    return {
      ok: false,
      message:
        "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    };
  }
  const rss = controlledBy(ctx.store, "ReplicaSet", d.metadata.uid ?? "");
  const target = revisionReplicaSet(rss, d, toRevision);
  if (typeof target === "string") return { ok: false, message: target };
  if (equalIgnoreHash(target.spec?.template, d.spec?.template)) {
    return {
      ok: true,
      message: `deployment.apps/${name} skipped rollback (current template already matches revision ${toRevision})`,
    };
  }
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(target.metadata.annotations ?? {}))
    if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  ctx.store.patch("Deployment", namespace, name, (o) => {
    o.spec = { ...o.spec, template: templateWithoutHash(target.spec?.template) };
    o.metadata.annotations = annotations;
    o.metadata.generation = (o.metadata.generation ?? 1) + 1;
  });
  return { ok: true, message: `deployment.apps/${name} rolled back` };
}
