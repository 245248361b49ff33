/**
 * What the picture shows, before any geometry: one card per node with its pods (most troubled
 * first), the pods that have no node, and the counts for the summary line.
 */
import { intValue, milliValue, parseQuantity } from "../../model/quantity.js";
import type { NodeSummary, PodSummary, SimulationResult } from "../../result.js";
import type { NodeRequests } from "./node-usage.js";
import { POD_STATES, type PodState, podState } from "./pod-state.js";

/** A pod as drawn. */
export interface PodChip {
  pod: PodSummary;
  state: PodState;
}

/** A node's card. */
export interface NodeCard {
  name: string;
  /** kubectl's node STATUS (`Ready`, `NotReady`, `Ready,SchedulingDisabled`) or `NotFound`. */
  status: string;
  ready: boolean;
  cordoned: boolean;
  /** True when pods name this node but the cluster has no such node. */
  missing: boolean;
  /** Requested vs allocatable, when requests were given. */
  cpu: { used: number; total: number } | null;
  memory: { used: number; total: number } | null;
  podCount: number;
  podCapacity: number | null;
  pods: PodChip[];
}

/** Everything the picture shows. */
export interface PictureModel {
  horizonSeconds: number;
  nodes: NodeCard[];
  /** Live pods without a node, in creation order. */
  unscheduled: PodChip[];
  /** Live pods per state. */
  counts: Record<PodState, number>;
}

/** Order of pods inside a card: problems first so that a "+N more" cut never hides them. */
const CARD_ORDER: Record<PodState, number> = {
  failing: 0,
  notReady: 1,
  pending: 2,
  terminating: 3,
  ready: 4,
  succeeded: 5,
};

/**
 * kubectl's node STATUS column (pkg/printers/internalversion/printers.go printNode): the Ready
 * condition as `Ready`/`NotReady`, then `SchedulingDisabled` when the node is cordoned.
 */
function nodeStatus(n: NodeSummary): string {
  return `${n.ready ? "Ready" : "NotReady"}${n.unschedulable ? ",SchedulingDisabled" : ""}`;
}

function allocatable(n: NodeSummary, name: string, milli: boolean): number | null {
  const raw = n.allocatable[name];
  const q = raw === undefined ? null : parseQuantity(raw);
  if (!q) return null;
  return milli ? milliValue(q) : intValue(q);
}

function card(n: NodeSummary, requests: NodeRequests | undefined): NodeCard {
  const used = requests?.[n.name];
  const cpuTotal = allocatable(n, "cpu", true);
  const memTotal = allocatable(n, "memory", false);
  return {
    name: n.name,
    status: nodeStatus(n),
    ready: n.ready,
    cordoned: n.unschedulable,
    missing: false,
    cpu: requests && cpuTotal !== null ? { used: used?.cpuMilli ?? 0, total: cpuTotal } : null,
    memory: requests && memTotal !== null ? { used: used?.memoryBytes ?? 0, total: memTotal } : null,
    podCount: 0,
    podCapacity: allocatable(n, "pods", false),
    pods: [],
  };
}

function missingCard(name: string): NodeCard {
  return {
    name,
    status: "NotFound",
    ready: false,
    cordoned: false,
    missing: true,
    cpu: null,
    memory: null,
    podCount: 0,
    podCapacity: null,
    pods: [],
  };
}

/** Sorts the result into cards, the unscheduled list and counts. */
export function pictureModel(result: SimulationResult, requests?: NodeRequests): PictureModel {
  const cards = new Map<string, NodeCard>();
  for (const n of result.cluster.nodes) cards.set(n.name, card(n, requests));
  const counts = Object.fromEntries(POD_STATES.map((s) => [s, 0])) as Record<PodState, number>;
  const unscheduled: PodChip[] = [];
  for (const pod of result.pods) {
    if (pod.deleted) continue;
    const chip = { pod, state: podState(pod) };
    counts[chip.state]++;
    if (pod.node === null) {
      unscheduled.push(chip);
      continue;
    }
    let c = cards.get(pod.node);
    if (!c) {
      c = missingCard(pod.node);
      cards.set(pod.node, c);
    }
    c.pods.push(chip);
    if (chip.state !== "succeeded" && pod.phase !== "Failed") c.podCount++;
  }
  for (const c of cards.values()) {
    // Array.prototype.sort is stable: creation order within a state.
    c.pods.sort((a, b) => CARD_ORDER[a.state] - CARD_ORDER[b.state]);
  }
  return { horizonSeconds: result.horizonSeconds, nodes: [...cards.values()], unscheduled, counts };
}
