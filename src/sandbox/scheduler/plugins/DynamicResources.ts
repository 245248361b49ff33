/**
 * DynamicResources (pkg/scheduler/framework/plugins/dynamicresources/dynamicresources.go), modelled
 * for pods without resource claims — the only kind the simulator runs. It matters because DRA is on
 * by default in v1.34: its PostFilter runs before DefaultPreemption and contributes
 * `no new claims to deallocate`, which kube-scheduler joins before `preemption: ...`. When an
 * earlier PreFilter rejected the pod, this plugin's PreFilter never ran, its PostFilter cannot read
 * its state and fails with `not found` (the cycle state's ErrNotFound), which ends PostFilter: that
 * is why real v1.34 clusters print `... pod has unbound immediate PersistentVolumeClaims. not found`.
 */
import { Code, newStatus, type PostFilterPlugin, type PreFilterPlugin, type StateData, Status } from "../framework.js";
import { noArgs, parseArgs } from "./args.js";

export const name = "DynamicResources";

/** dynamicresources.go PostFilter, for a pod with no claims. */
export const REASON_NO_CLAIMS = "no new claims to deallocate";
/** framework/cycle_state.go ErrNotFound, when PreFilter did not write the plugin's state. */
export const REASON_STATE_NOT_FOUND = "not found";

const STATE_KEY = `PreFilter${name}`;

class StateDataImpl implements StateData {
  clone(): StateData {
    return this;
  }
}

export function create(args?: unknown): PreFilterPlugin & PostFilterPlugin {
  parseArgs(noArgs, name, args);
  return {
    name,
    preFilter(state) {
      state.write(STATE_KEY, new StateDataImpl());
      return { status: new Status(Code.Skip) };
    },
    postFilter(state) {
      if (!state.read(STATE_KEY)) return { status: new Status(Code.Error, [REASON_STATE_NOT_FOUND]) };
      return { status: newStatus(Code.Unschedulable, REASON_NO_CLAIMS) };
    },
  } satisfies PreFilterPlugin & PostFilterPlugin;
}
