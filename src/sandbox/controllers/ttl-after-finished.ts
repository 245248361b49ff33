/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished/ttlafterfinished_controller.go):
 * a finished Job with `ttlSecondsAfterFinished` is deleted that many seconds after it finished;
 * the garbage collector then removes its pods.
 */
import type { WatchEvent } from "../api/store.js";
import type { Controller, ControllerContext, ReconcileResult } from "../engine/controller.js";
import { jobFinishTime } from "./job-util.js";

/** The TTL-after-finished controller. */
export function ttlAfterFinishedController(): Controller {
  return {
    name: "ttl-after-finished-controller",
    watches: ["Job"],
    keysFor(event: WatchEvent): string[] {
      if (event.type === "DELETED") return [];
      return [`${event.object.metadata.namespace}/${event.object.metadata.name}`];
    },
    reconcile(key: string, ctx: ControllerContext): ReconcileResult | undefined {
      const i = key.indexOf("/");
      const job = ctx.store.get("Job", key.slice(0, i), key.slice(i + 1));
      const ttl = job?.spec?.ttlSecondsAfterFinished;
      if (!job || typeof ttl !== "number" || job.metadata.deletionTimestamp) return undefined;
      const finished = jobFinishTime(job);
      if (finished === undefined) return undefined;
      const left = finished + ttl - ctx.clock.now;
      if (left > 0) return { requeueAfter: left };
      ctx.api.delete("Job", job.metadata.namespace, job.metadata.name ?? "");
      return undefined;
    },
  };
}
