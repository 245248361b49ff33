/**
 * One scheduling cycle (pkg/scheduler/schedule_one.go `schedulePod`, `findNodesThatFitPod`,
 * `findNodesThatPassFilters`, `prioritizeNodes`, `selectHost`): PreFilter; the nominated node
 * first; Filter over the nodes starting where the previous cycle stopped, until
 * `numFeasibleNodesToFind` nodes fit; PostFilter when none does; Score; pick the best, breaking
 * ties at random with reservoir sampling (our draws come from the simulation's seeded generator,
 * so the choice is deterministic for a given input).
 */

import { type Diagnosis, ERR_NO_NODES_AVAILABLE, fitErrorMessage } from "./fit-error.js";
import { CODE_NAMES, Code, CycleState, type Handle, NodeToStatus, Status } from "./framework.js";
import type { NodeInfo } from "./node-info.js";
import type { PodInfo } from "./pod-info.js";
import type { AttemptRecord, PendingAttempt } from "./record.js";
import type { Framework } from "./runtime.js";

/** schedule_one.go minFeasibleNodesToFind */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** schedule_one.go minFeasibleNodesPercentageToFind */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** schedule_one.go numFeasibleNodesToFind with the adaptive default percentage. */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return Math.max(n, MIN_FEASIBLE_NODES_TO_FIND);
}

/** The smallest Filter batch: when few nodes are still to be found, a few more are filtered at once. */
const MIN_BATCH = 16;

/** What a cycle decided. `nominatedNode`: undefined keeps the nomination, "" clears it. */
export interface CycleOutcome {
  outcome: "Scheduled" | "Unschedulable" | "Error";
  node: string | null;
  message: string;
  nominatedNode: string | undefined;
  record: AttemptRecord;
}

export class SchedulingAlgorithm {
  /** Where the next Filter pass starts (schedule_one.go nextStartNodeIndex). */
  nextStartNodeIndex = 0;
  private readonly scratch: (NodeInfo | undefined)[] = [];
  private readonly scratchNames: string[] = [];
  private readonly scratchStatuses: Status[] = [];
  /** The nodes of one Filter batch (indexes into the node list), in order, and the verdicts of those rejected. */
  private batch = new Int32Array(0);
  private readonly batchVerdicts: (Status | null)[] = [];
  /** Positions in the batch of the nodes that passed every filter. */
  private passed = new Int32Array(0);

  constructor(
    private readonly fw: Framework,
    private readonly h: Handle,
  ) {}

  /** Runs one cycle for a pod; binds it when a node is found. */
  scheduleOne(pod: PodInfo, attempt: number): CycleOutcome {
    const allNodes = this.h.cache.nodes();
    const record: AttemptRecord = {
      time: this.h.now(),
      attempt,
      outcome: "Unschedulable",
      node: null,
      message: null,
      numAllNodes: allNodes.length,
      preFilter: null,
      narrowedBy: [],
      evaluatedNodes: 0,
      viaNominatedNode: false,
      rejected: [],
      feasible: [],
      scores: null,
      preemption: null,
      detail: "full",
      reasonCounts: {},
    };
    const fail = (outcome: "Unschedulable" | "Error", message: string, nominatedNode?: string): CycleOutcome => {
      record.outcome = outcome;
      record.message = message;
      return { outcome, node: null, message, nominatedNode, record };
    };
    if (allNodes.length === 0) return fail("Error", ERR_NO_NODES_AVAILABLE);

    const state = new CycleState();
    const d: Diagnosis = { statuses: new NodeToStatus(), preFilterMsg: "", postFilterMsg: "" };
    const found = this.findNodesThatFitPod(state, pod, allNodes, d, record);
    if (found instanceof Status) return fail("Error", found.message());
    const feasible = found;
    const pending: PendingAttempt = {
      statuses: d.statuses,
      histogramNodes: feasible.length === 0 ? allNodes.length : d.statuses.size,
      feasible,
    };
    record.pending = pending;

    if (feasible.length === 0) {
      let nominatedNode: string | undefined;
      if (this.fw.postFilter.length > 0) {
        const { result, status } = this.fw.runPostFilter(state, pod, d.statuses);
        d.postFilterMsg = status.message();
        if (result) nominatedNode = result.nominatedNodeName;
        if (status.code === Code.Success && result) {
          record.preemption = { nominatedNode: result.nominatedNodeName, victims: result.victims ?? [] };
        }
      }
      return fail("Unschedulable", fitErrorMessage(allNodes.length, d), nominatedNode);
    }

    let host: NodeInfo;
    if (feasible.length === 1) {
      host = feasible[0] as NodeInfo;
      pending.chosen = 0;
    } else {
      const scored = this.fw.runScore(state, pod, feasible);
      if (scored instanceof Status) return fail("Error", scored.message());
      pending.scores = { totals: scored.totals, plugins: scored.plugins, skipped: scored.skipped };
      pending.buffer = scored.buffer;
      pending.chosen = this.selectHost(scored.totals);
      host = feasible[pending.chosen] as NodeInfo;
    }
    const bound = this.fw.runBind(state, pod, host.name);
    if (bound && bound.code !== Code.Success) return fail("Error", `binding rejected: ${bound.message()}`);
    record.outcome = "Scheduled";
    record.node = host.name;
    return { outcome: "Scheduled", node: host.name, message: "", nominatedNode: undefined, record };
  }

  /** schedule_one.go findNodesThatFitPod. Returns the feasible nodes, or an Error status. */
  private findNodesThatFitPod(
    state: CycleState,
    pod: PodInfo,
    allNodes: readonly NodeInfo[],
    d: Diagnosis,
    record: AttemptRecord,
  ): NodeInfo[] | Status {
    const pre = this.fw.runPreFilter(state, pod, allNodes);
    record.narrowedBy = pre.narrowedBy;
    if (pre.status) {
      if (!pre.status.isRejected()) return pre.status;
      d.statuses.setAbsent(pre.status);
      d.preFilterMsg = pre.status.message();
      record.preFilter = { plugin: pre.status.plugin, code: CODE_NAMES[pre.status.code], reasons: pre.status.reasons };
      return [];
    }
    const nominated: string = pod.pod.status?.nominatedNodeName ?? "";
    if (nominated !== "") {
      const n = this.h.cache.nodeInfo(nominated);
      if (n) {
        const s = this.h.runFilterWithNominatedPods(state, pod, n);
        if (s === null) {
          record.viaNominatedNode = true;
          record.evaluatedNodes = 1;
          return [n];
        }
        if (s.code === Code.Error) return s;
      }
    }
    let nodes = allNodes;
    if (pre.nodeNames !== null) {
      const names = pre.nodeNames;
      nodes = allNodes.filter((n) => names.has(n.name));
      d.statuses.setAbsent(
        new Status(Code.UnschedulableAndUnresolvable, [
          `node(s) didn't satisfy plugin(s) [${[...pre.narrowedBy].sort().join(" ")}]`,
        ]),
      );
    }
    const feasible = this.findNodesThatPassFilters(state, pod, nodes, d);
    if (feasible instanceof Status) return feasible;
    const processed = feasible.length + d.statuses.size;
    record.evaluatedNodes = processed;
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % allNodes.length;
    return feasible;
  }

  /**
   * schedule_one.go findNodesThatPassFilters, sequentially: nodes are taken in order from where the
   * previous cycle stopped until `numFeasibleNodesToFind` fit. They are filtered in batches of about
   * as many nodes as are still to be found (`runFilterBatch`), then walked in order, so the nodes
   * counted, found and rejected are exactly those of a node-by-node pass; a batch's nodes past the
   * stopping point were filtered for nothing, which Filter allows (it has no side effects).
   */
  private findNodesThatPassFilters(
    state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    d: Diagnosis,
  ): NodeInfo[] | Status {
    const numAll = nodes.length;
    if (numAll === 0) return [];
    const toFind = numFeasibleNodesToFind(this.fw.profile.percentageOfNodesToScore, numAll);
    const h = this.h;
    // Nodes with nominated pods need a what-if per node: those cycles go node by node.
    const withNominated = h.anyNominated?.() ?? true;
    // Found and rejected nodes go to scratch lists reused across cycles; results are exact-size copies.
    const found = this.scratch;
    let numFound = 0;
    const rejectedNames = this.scratchNames;
    const rejected = this.scratchStatuses;
    let numRejected = 0;
    const verdicts = this.batchVerdicts;
    if (this.passed.length < numAll) {
      this.batch = new Int32Array(numAll);
      this.passed = new Int32Array(numAll);
    }
    const batch = this.batch;
    const passed = this.passed;
    let j = this.nextStartNodeIndex % numAll;
    for (let processed = 0; processed < numAll && numFound < toFind; ) {
      const size = withNominated ? 1 : Math.min(numAll - processed, Math.max(toFind - numFound, MIN_BATCH));
      for (let k = 0; k < size; k++) {
        batch[k] = j;
        j = j + 1 === numAll ? 0 : j + 1;
      }
      let numPassed: number;
      const first = nodes[batch[0] as number] as NodeInfo;
      if (withNominated && h.nominatedPods(first.name).length > 0) {
        const s = h.runFilterWithNominatedPods(state, pod, first);
        verdicts[0] = s;
        passed[0] = 0;
        numPassed = s === null ? 1 : 0;
      } else numPassed = this.fw.runFilterBatch(state, pod, nodes, batch, size, verdicts, passed);
      // Walk the batch in order: a node passed when its position is the next one in `passed`.
      for (let k = 0, next = 0; k < size; k++) {
        const n = nodes[batch[k] as number] as NodeInfo;
        processed++;
        if (next < numPassed && passed[next] === k) {
          next++;
          found[numFound++] = n;
          if (numFound >= toFind) break;
          continue;
        }
        const s = verdicts[k] as Status;
        if (s.code === Code.Error) {
          d.statuses.setMany(rejectedNames, rejected, numRejected);
          return s;
        }
        rejectedNames[numRejected] = n.name;
        rejected[numRejected++] = s;
      }
    }
    d.statuses.setMany(rejectedNames, rejected, numRejected);
    const feasible = found.slice(0, numFound);
    found.fill(undefined, 0, numFound);
    return feasible as NodeInfo[];
  }

  /** schedule_one.go selectHost: the best total; ties by reservoir sampling. Returns an index. */
  private selectHost(totals: Int32Array): number {
    let best = 0;
    let bestScore = totals[0] as number;
    let count = 1;
    for (let i = 1; i < totals.length; i++) {
      const v = totals[i] as number;
      if (v > bestScore) {
        bestScore = v;
        best = i;
        count = 1;
      } else if (v === bestScore) {
        count++;
        if (this.h.random.int(count) === 0) best = i;
      }
    }
    return best;
  }
}
