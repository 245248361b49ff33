/**
 * DefaultBinder (pkg/scheduler/framework/plugins/defaultbinder/default_binder.go): binds the pod to
 * the node. The binding subresource sets `spec.nodeName` and the PodScheduled=True condition
 * (pkg/registry/core/pod/storage/storage.go assignPod), which we write in one store patch.
 */
import { timestampAt } from "../../api/server.js";
import { type BindPlugin, Code, type Handle, newStatus } from "../framework.js";
import { noArgs, parseArgs } from "./args.js";

export const name = "DefaultBinder";

export function create(args: unknown, h: Handle): BindPlugin {
  parseArgs(noArgs, name, args);
  return {
    name,
    bind(_state, pod, nodeName) {
      const cur = h.store.get("Pod", pod.namespace, pod.name);
      if (!cur) return newStatus(Code.Error, `pods "${pod.name}" not found`);
      // A shallow copy with new spec and status: stored objects are never mutated in place, so the
      // unchanged parts can be shared with the previous version (cheaper than a deep patch).
      const conds: { type?: string }[] = Array.isArray(cur.status?.conditions) ? cur.status.conditions : [];
      const cond = {
        type: "PodScheduled",
        status: "True",
        lastProbeTime: null,
        lastTransitionTime: timestampAt(h.now()),
      };
      h.store.update({
        ...cur,
        metadata: { ...cur.metadata },
        spec: { ...(cur.spec ?? {}), nodeName },
        status: {
          ...(cur.status ?? {}),
          phase: cur.status?.phase ?? "Pending",
          conditions: [...conds.filter((c) => c.type !== "PodScheduled"), cond],
        },
      });
      return null;
    },
  } satisfies BindPlugin;
}
