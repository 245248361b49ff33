/**
 * Stalled rollouts: a Deployment whose Progressing condition turned False with
 * ProgressDeadlineExceeded (pkg/controller/deployment/progress.go syncRolloutStatus: no progress
 * for progressDeadlineSeconds). Kubernetes only reports it: nothing rolls back by itself, and the
 * old pods keep serving as far as maxUnavailable lets the rollout scale them down.
 */
import { maxUnavailable, progressDeadline } from "../controllers/deployment-util.js";
import type { KubeObject } from "../model/object.js";
import type { Finding } from "../result.js";
import type { FindingContext } from "./source.js";

/** One finding per Deployment whose rollout passed its progress deadline. */
export function rolloutFindings(ctx: FindingContext): Finding[] {
  const store = ctx.cluster.store;
  const out: Finding[] = [];
  for (const d of store.list("Deployment")) {
    const progressing = (d.status?.conditions ?? []).find((c: { type?: string }) => c.type === "Progressing");
    if (progressing?.status !== "False" || progressing.reason !== "ProgressDeadlineExceeded") continue;
    const name = String(d.metadata.name);
    const rsName = /^ReplicaSet "([^"]+)"/.exec(String(progressing.message ?? ""))?.[1];
    const newRS = rsName ? store.get("ReplicaSet", d.metadata.namespace, rsName) : undefined;
    const desired = Number(d.spec?.replicas ?? 1);
    const newAvailable = Number(newRS?.status?.availableReplicas ?? 0);
    const oldAvailable = Math.max(0, Number(d.status?.availableReplicas ?? 0) - newAvailable);
    out.push({
      severity: "error",
      layer: "runtime",
      object: `Deployment/${name}`,
      // kubectl polymorphichelpers/rollout_status.go: `deployment %q exceeded its progress deadline`.
      message: `rollout stalled: ${String(progressing.message).replace(/\.$/, "")} (ProgressDeadlineExceeded, no progress for ${progressDeadline(d) ?? 600}s); ${newAvailable} of ${desired} new pods are available and ${serving(d, oldAvailable)}. \`kubectl rollout status\` fails with 'deployment "${name}" exceeded its progress deadline'; nothing rolls back by itself`,
      hint: `\`kubectl rollout undo deployment/${name}\` returns to the previous ReplicaSet; then fix what keeps the new pods from becoming available (see the pod findings)`,
    });
  }
  return out;
}

/** Which old pods still serve and why (the RollingUpdate fencepost that protected them). */
function serving(d: KubeObject, oldAvailable: number): string {
  const pods = `${oldAvailable} old pod${oldAvailable === 1 ? "" : "s"}`;
  if (d.spec?.strategy?.type === "Recreate") return `${pods} serve: Recreate removed the old pods first`;
  const unavailable = maxUnavailable(d);
  return unavailable === 0
    ? `${pods} keep serving: maxUnavailable 0 lets no old pod go before a new one is available`
    : `${pods} keep serving: maxUnavailable ${unavailable} let the rollout remove at most ${unavailable} before new pods were available`;
}
