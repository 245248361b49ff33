/**
 * The pod garbage collector's orphan sweep (pkg/controller/podgc/gc_controller.go gcOrphaned):
 * every 20 s it looks for pods bound to a node that does not exist; such a node is quarantined
 * for 40 s (it may yet register), and if it is still missing afterwards each of its pods is marked
 * Failed with a DisruptionTarget condition and force-deleted. No kubelet would ever run them.
 */

import type { WatchEvent } from "../api/store.js";
import type { Controller, ControllerContext, ReconcileResult } from "../engine/controller.js";
import type { KubeObject } from "../model/object.js";
import { setDisruptionTarget } from "./pod-util.js";

/** gc_controller.go gcCheckPeriod: the sweep runs this often, from the controller's start. */
export const GC_CHECK_PERIOD = 20;
/** gc_controller.go quarantineTime: how long a missing node may still show up. */
export const QUARANTINE_TIME = 40;

const SWEEP = "orphaned";

function nodeMissing(ctx: ControllerContext, pod: KubeObject): boolean {
  const node = pod.spec?.nodeName;
  return Boolean(node) && !ctx.store.get("Node", undefined, node);
}

/** Seconds from `now` to the next sweep (now itself when a sweep is due). */
function untilNextSweep(now: number): number {
  const next = Math.ceil(now / GC_CHECK_PERIOD - 1e-9) * GC_CHECK_PERIOD;
  return Math.max(0, next - now);
}

/**
 * markFailedAndDeletePodWithCondition: a pod not yet terminal becomes Failed with the condition
 * (apipod.UpdatePodCondition), then it is deleted with grace period 0.
 */
function markFailedAndDelete(ctx: ControllerContext, pod: KubeObject): void {
  const phase = pod.status?.phase;
  if (phase !== "Succeeded" && phase !== "Failed") {
    ctx.store.patch("Pod", pod.metadata.namespace, pod.metadata.name ?? "", (p) => {
      setDisruptionTarget(p, "DeletionByPodGC", "PodGC: node no longer exists", ctx.clock.now);
      p.status.phase = "Failed";
    });
  }
  ctx.api.delete("Pod", pod.metadata.namespace, pod.metadata.name ?? "", 0);
}

/** The pod garbage collector (orphaned pods only). */
export function podGcController(): Controller {
  /** Missing node → the instant its quarantine ends (the controller's delaying node queue). */
  const quarantine = new Map<string, number>();
  /** Pods already explained, so each gets one note. */
  const noted = new Set<string>();

  function note(ctx: ControllerContext, pod: KubeObject): void {
    const object = `Pod/${pod.metadata.name ?? ""}`;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (noted.has(key)) return;
    noted.add(key);
    ctx.notes.push({
      severity: "error",
      layer: "scheduling",
      object,
      message:
        `bound to node ${pod.spec.nodeName}, which does not exist: no kubelet will ever run it, and the pod ` +
        `garbage collector marks it Failed and deletes it once the node has been missing for ${QUARANTINE_TIME} s`,
      hint: "spec.nodeName bypasses the scheduler; name an existing node, or use a nodeSelector so the scheduler places the pod",
    });
  }

  return {
    name: "pod-garbage-collector",
    watches: ["Pod", "Node"],
    keysFor(event: WatchEvent, ctx: ControllerContext): string[] {
      if (event.type === "DELETED") return event.object.kind === "Node" ? [SWEEP] : [];
      return event.object.kind === "Pod" && nodeMissing(ctx, event.object) ? [SWEEP] : [];
    },
    reconcile(_key: string, ctx: ControllerContext): ReconcileResult | undefined {
      const now = ctx.clock.now;
      const wait = untilNextSweep(now);
      if (wait > 0) return { requeueAfter: wait };
      const orphans = ctx.store.list("Pod").filter((p) => nodeMissing(ctx, p));
      for (const pod of orphans) {
        const node = pod.spec.nodeName as string;
        if (!quarantine.has(node)) quarantine.set(node, now + QUARANTINE_TIME);
        note(ctx, pod);
      }
      // discoverDeletedNodes: nodes whose quarantine is over and that are still missing.
      const deleted = new Set<string>();
      for (const [node, until] of quarantine) {
        if (until > now) continue;
        quarantine.delete(node);
        if (!ctx.store.get("Node", undefined, node)) deleted.add(node);
      }
      for (const pod of orphans) if (deleted.has(pod.spec.nodeName)) markFailedAndDelete(ctx, pod);
      return quarantine.size > 0 ? { requeueAfter: GC_CHECK_PERIOD } : undefined;
    },
  };
}
