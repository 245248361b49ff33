/**
 * The namespace controller (pkg/controller/namespace/namespace_controller.go and
 * deletion/namespaced_resources_deleter.go): a Namespace marked for deletion is emptied, every
 * namespaced object in it deleted through the API server (pods gracefully, so their grace periods
 * run), and once nothing is left its `kubernetes` finalizer is removed and the Namespace goes.
 */
import type { WatchEvent } from "../api/store.js";
import type { Controller, ControllerContext, ReconcileResult } from "../engine/controller.js";
import type { KubeObject } from "../model/object.js";
import { secondsOf } from "./pod-util.js";

/**
 * Seconds the controller waits after seeing a deletion before it acts, so every API server has
 * seen the namespace terminating (namespace_controller.go namespaceDeletionGracePeriod).
 */
export const NAMESPACE_DELETION_GRACE_PERIOD = 5;

/** The finalizer the namespace controller owns (api.FinalizerKubernetes). */
const FINALIZER = "kubernetes";

/**
 * The deleter's estimate of how long remaining pods take to go: the longest grace period of the
 * pods not yet finished (namespaced_resources_deleter.go estimateGracefulTerminationForPods).
 */
function estimateGracefulTermination(pods: KubeObject[]): number {
  let estimate = 0;
  for (const pod of pods) {
    const phase = pod.status?.phase;
    if (phase === "Succeeded" || phase === "Failed") continue;
    const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    estimate = Math.max(estimate, grace);
  }
  return estimate;
}

/** Deletes every namespaced object in `namespace`; returns how many are still there. */
function deleteAllContent(ctx: ControllerContext, namespace: string): number {
  let remaining = 0;
  for (const kind of ctx.store.kinds()) {
    if (kind === "Namespace" || !ctx.api.discovery.byKind(kind)?.namespaced) continue;
    for (const obj of ctx.store.list(kind, namespace)) {
      if (!obj.metadata.deletionTimestamp) ctx.api.delete(kind, namespace, obj.metadata.name ?? "");
    }
    remaining += ctx.store.list(kind, namespace).length;
  }
  return remaining;
}

/** The namespace controller. */
export function namespaceController(): Controller {
  return {
    name: "namespace-controller",
    watches: ["Namespace"],
    keysFor(event: WatchEvent): string[] {
      const ns = event.object;
      return event.type !== "DELETED" && ns.metadata.deletionTimestamp ? [ns.metadata.name ?? ""] : [];
    },
    reconcile(name: string, ctx: ControllerContext): ReconcileResult | undefined {
      const ns = ctx.store.get("Namespace", undefined, name);
      const marked = ns?.metadata.deletionTimestamp;
      if (!ns || !marked) return undefined;
      const wait = (secondsOf(marked) ?? ctx.clock.now) + NAMESPACE_DELETION_GRACE_PERIOD - ctx.clock.now;
      if (wait > 0) return { requeueAfter: wait };
      const finalizers: string[] = ns.spec?.finalizers ?? [];
      if (finalizers.includes(FINALIZER)) {
        if (deleteAllContent(ctx, name) > 0) {
          // Content remains: look again after half the estimate, plus one second
          // (namespace_controller.go worker, ResourcesRemainingError).
          const estimate = estimateGracefulTermination(ctx.store.list("Pod", name));
          return { requeueAfter: Math.floor(estimate / 2) + 1 };
        }
        // The finalize subresource: only the controller's own finalizer goes.
        ctx.store.patch("Namespace", undefined, name, (o) => {
          o.spec.finalizers = finalizers.filter((f) => f !== FINALIZER);
        });
      }
      ctx.api.delete("Namespace", undefined, name);
      return undefined;
    },
  };
}
