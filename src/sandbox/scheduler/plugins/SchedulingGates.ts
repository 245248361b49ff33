/**
 * SchedulingGates (pkg/scheduler/framework/plugins/schedulinggates/scheduling_gates.go): a pod with
 * `spec.schedulingGates` stays out of the active queue until every gate is removed.
 */
import { Code, newStatus, type PreEnqueuePlugin } from "../framework.js";
import type { PodInfo } from "../pod-info.js";
import { noArgs, parseArgs } from "./args.js";

export const name = "SchedulingGates";

/** The PodScheduled condition of a gated pod (pkg/apis/core/types.go PodReasonSchedulingGated). */
export const REASON_SCHEDULING_GATED = "SchedulingGated";
/** Condition message set at creation (pkg/registry/core/pod/strategy.go applySchedulingGatedCondition). */
export const MESSAGE_SCHEDULING_GATED = "Scheduling is blocked due to non-empty scheduling gates";

export function create(args?: unknown): PreEnqueuePlugin {
  parseArgs(noArgs, name, args);
  return {
    name,
    preEnqueue(p: PodInfo) {
      const gates: { name?: string }[] = Array.isArray(p.pod.spec?.schedulingGates) ? p.pod.spec.schedulingGates : [];
      if (gates.length === 0) return null;
      return newStatus(
        Code.UnschedulableAndUnresolvable,
        `waiting for scheduling gates: [${gates.map((g) => g.name ?? "").join(" ")}]`,
      );
    },
  } satisfies PreEnqueuePlugin;
}
