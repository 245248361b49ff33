/**
 * NodeAffinity (pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go): Filter requires
 * `spec.nodeSelector` and required node affinity to match; PreFilter narrows the search to the
 * nodes named by `matchFields metadata.name In [...]` (DaemonSet pods); Score sums the weights of
 * matching preferred terms, normalised to 0..100.
 */
import { matchesNodeSelectorTerm, type NodeSelectorTerm } from "../../model/selector.js";
import {
  Code,
  type CycleState,
  type FilterPlugin,
  type Handle,
  MAX_NODE_SCORE,
  newStatus,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
  type StateData,
  StateReader,
  Status,
} from "../framework.js";
import type { NodeInfo } from "../node-info.js";
import { type RequiredNodeAffinity, requiredNodeAffinity } from "../node-selection.js";
import { defaultNormalizeScore } from "../normalize.js";
import type { PodInfo } from "../pod-info.js";
import { noArgs, parseArgs } from "./args.js";

export const name = "NodeAffinity";

/** node_affinity.go ErrReasonPod */
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
/** node_affinity.go errReasonConflict: terms name disjoint sets of nodes. */
export const ERR_REASON_CONFLICT = "pod affinity terms conflict";

const REJECT = newStatus(Code.UnschedulableAndUnresolvable, ERR_REASON_POD);
const PRE_FILTER_KEY = `PreFilter${name}`;
const PRE_SCORE_KEY = `PreScore${name}`;

class PreFilterState implements StateData {
  constructor(readonly required: RequiredNodeAffinity) {}
  clone(): StateData {
    return this;
  }
}

interface PreferredTerm {
  weight: number;
  preference: NodeSelectorTerm;
}

class PreScoreState implements StateData {
  constructor(readonly preferred: PreferredTerm[]) {}
  clone(): StateData {
    return this;
  }
}

function preferredTerms(pod: PodInfo): PreferredTerm[] {
  const p = pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  return Array.isArray(p) ? p.filter((t: PreferredTerm) => (t.weight ?? 0) !== 0) : [];
}

/** Node names from `matchFields: metadata.name In` of every term, or null when a term has none. */
function nodeNamesOfTerms(terms: NodeSelectorTerm[]): Set<string> | null {
  let names: Set<string> | null = null;
  for (const t of terms) {
    let termNames = null as Set<string> | null;
    for (const r of t.matchFields ?? []) {
      if (r.key === "metadata.name" && r.operator === "In") {
        const s = new Set(r.values ?? []);
        const prev = termNames as Set<string> | null;
        termNames = prev === null ? s : new Set([...prev].filter((x) => s.has(x)));
      }
    }
    if (termNames === null) return null;
    names = names === null ? termNames : new Set([...names, ...termNames]);
  }
  return names;
}

export function create(args?: unknown, h?: Handle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  parseArgs(noArgs, name, args);
  const preFilterState = new StateReader<PreFilterState>(PRE_FILTER_KEY);
  const verdicts = h && ((signature: string) => h.cache.nodeVerdicts(signature));
  return {
    name,
    preFilter(state, pod) {
      const required = requiredNodeAffinity(pod.pod, verdicts);
      if (!required.constrained) return { status: new Status(Code.Skip) };
      state.write(PRE_FILTER_KEY, new PreFilterState(required));
      const terms: NodeSelectorTerm[] | undefined =
        pod.pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
      if (!terms || terms.length === 0) return { status: null };
      const names = nodeNamesOfTerms(terms);
      if (names === null) return { status: null };
      if (names.size === 0) return { status: newStatus(Code.UnschedulableAndUnresolvable, ERR_REASON_CONFLICT) };
      return { result: { nodeNames: names }, status: null };
    },
    filter(state: CycleState, pod, node) {
      const required = preFilterState.read(state)?.required ?? requiredNodeAffinity(pod.pod);
      return required.match(node) ? null : REJECT;
    },
    filterNodes(state, pod, nodes, at, count, out) {
      const required = preFilterState.read(state)?.required ?? requiredNodeAffinity(pod.pod);
      let any = false;
      for (let k = 0; k < count; k++) {
        const s = required.match(nodes[at[k] as number] as NodeInfo) ? null : REJECT;
        out[k] = s;
        if (s !== null) any = true;
      }
      return any;
    },
    preScore(state, pod) {
      const preferred = preferredTerms(pod);
      if (preferred.length === 0) return new Status(Code.Skip);
      state.write(PRE_SCORE_KEY, new PreScoreState(preferred));
      return null;
    },
    score(state, pod, node) {
      const preferred = state.read<PreScoreState>(PRE_SCORE_KEY)?.preferred ?? preferredTerms(pod);
      let sum = 0;
      for (const t of preferred) {
        if (matchesNodeSelectorTerm(t.preference, node.name, node.labels)) sum += t.weight;
      }
      return sum;
    },
    normalizeScore(_state, _pod, scores) {
      defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
    },
  } satisfies PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;
}
