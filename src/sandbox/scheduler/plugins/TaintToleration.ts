/**
 * TaintToleration (pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go): Filter
 * rejects a node with an untolerated NoSchedule/NoExecute taint; Score counts untolerated
 * PreferNoSchedule taints, normalised in reverse (fewer is better).
 */
import {
  Code,
  type CycleState,
  type FilterPlugin,
  MAX_NODE_SCORE,
  newStatus,
  type PreScorePlugin,
  type ScorePlugin,
  type StateData,
  type Status,
} from "../framework.js";
import type { NodeInfo } from "../node-info.js";
import { defaultNormalizeScore } from "../normalize.js";
import type { PodInfo } from "../pod-info.js";
import { findUntoleratedTaint, isDoNotSchedule, type Taint, type Toleration, tolerationsTolerate } from "../taints.js";
import { noArgs, parseArgs } from "./args.js";
import { filterEachNode } from "./filter-each-node.js";

export const name = "TaintToleration";

/**
 * The Filter reason in the target release (v1.34.2+, kubernetes PR #134740 cherry-picked as #135023):
 * the taint's key and value are no longer printed. Up to v1.34.1 it was
 * `node(s) had untolerated taint {<key>: <value>}`.
 */
export const ERR_REASON_UNTOLERATED = "node(s) had untolerated taint(s)";

const REJECT = newStatus(Code.UnschedulableAndUnresolvable, ERR_REASON_UNTOLERATED);
const PRE_SCORE_KEY = `PreScore${name}`;

function verdict(pod: PodInfo, node: NodeInfo): Status | null {
  if (!node.hasHardTaint) return null;
  return findUntoleratedTaint(node.taints, pod.tolerations, isDoNotSchedule) ? REJECT : null;
}

class PreScoreState implements StateData {
  constructor(readonly tolerations: Toleration[]) {}
  clone(): StateData {
    return this;
  }
}

function preScoreTolerations(pod: PodInfo): Toleration[] {
  return pod.tolerations.filter((t) => !t.effect || t.effect === "PreferNoSchedule");
}

function tolerationsFor(state: CycleState, pod: PodInfo): Toleration[] {
  return state.read<PreScoreState>(PRE_SCORE_KEY)?.tolerations ?? preScoreTolerations(pod);
}

/** taint_toleration.go countIntolerableTaintsPreferNoSchedule */
function countIntolerable(taints: readonly Taint[], tolerations: readonly Toleration[]): number {
  let n = 0;
  for (const t of taints) if (t.effect === "PreferNoSchedule" && !tolerationsTolerate(tolerations, t)) n++;
  return n;
}

export function create(args?: unknown): FilterPlugin & PreScorePlugin & ScorePlugin {
  parseArgs(noArgs, name, args);
  return {
    name,
    filter(_state, pod, node) {
      return verdict(pod, node);
    },
    filterNodes: filterEachNode(verdict),
    preScore(state, pod) {
      state.write(PRE_SCORE_KEY, new PreScoreState(preScoreTolerations(pod)));
      return null;
    },
    score(state: CycleState, pod, node) {
      if (node.taints.length === 0) return 0;
      return countIntolerable(node.taints, tolerationsFor(state, pod));
    },
    scoreNodes(state, pod, nodes, out) {
      const tolerations = tolerationsFor(state, pod);
      for (let i = 0; i < nodes.length; i++) {
        const taints = (nodes[i] as NodeInfo).taints;
        out[i] = taints.length === 0 ? 0 : countIntolerable(taints, tolerations);
      }
    },
    normalizeScore(_state, _pod, scores) {
      defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
    },
  } satisfies FilterPlugin & PreScorePlugin & ScorePlugin;
}
