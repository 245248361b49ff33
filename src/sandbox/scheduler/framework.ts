/**
 * The scheduling framework's contracts, in the shape of kube-scheduler's
 * (staging/src/k8s.io/kube-scheduler/framework/interface.go, pkg/scheduler/framework/cycle_state.go):
 * a Status value with a Code instead of exceptions, a per-cycle scratch CycleState, and one narrow
 * interface per extension point. A plugin implements only the points it needs and declares them
 * with `satisfies`. A `null` Status means Success, as a nil *Status does upstream.
 */
import type { ApiServer } from "../api/server.js";
import type { ObjectStore } from "../api/store.js";
import type { EventRecorder } from "../engine/recorder.js";
import type { SeededRandom } from "../model/random.js";
import type { SchedulerCache } from "./cache.js";
import type { NodeInfo } from "./node-info.js";
import type { PodInfo } from "./pod-info.js";

/** Status codes (framework/interface.go `Code`). */
export enum Code {
  /** The plugin ran correctly and found the pod schedulable (or the point passed). */
  Success = 0,
  /** An internal error: the pod is retried with back-off; never a user-facing reason. */
  Error = 1,
  /** The node cannot run the pod now; preemption may help (the node is a preemption candidate). */
  Unschedulable = 2,
  /** The node cannot run the pod and preemption would not change that. */
  UnschedulableAndUnresolvable = 3,
  /** Permit only; unused here. */
  Wait = 4,
  /** The plugin has nothing to do for this pod: its later points are skipped for the cycle. */
  Skip = 5,
  /** PreEnqueue: the pod waits outside the active queue (e.g. scheduling gates). */
  Pending = 6,
}

/** Names of codes, as upstream's `Code.String()`. */
export const CODE_NAMES: Record<Code, string> = {
  [Code.Success]: "Success",
  [Code.Error]: "Error",
  [Code.Unschedulable]: "Unschedulable",
  [Code.UnschedulableAndUnresolvable]: "UnschedulableAndUnresolvable",
  [Code.Wait]: "Wait",
  [Code.Skip]: "Skip",
  [Code.Pending]: "Pending",
};

/** A plugin's verdict: a code, the user-facing reasons and the plugin that produced it. */
export class Status {
  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
    public plugin = "",
  ) {}

  /** Reasons joined with ", " (upstream `Status.Message()`). */
  message(): string {
    return this.reasons.join(", ");
  }

  /** Unschedulable or UnschedulableAndUnresolvable. */
  isRejected(): boolean {
    return this.code === Code.Unschedulable || this.code === Code.UnschedulableAndUnresolvable;
  }

  /** A copy attributed to `plugin`. */
  withPlugin(plugin: string): Status {
    return new Status(this.code, this.reasons, plugin);
  }
}

/** Builds a Status (upstream `framework.NewStatus`). */
export function newStatus(code: Code, ...reasons: string[]): Status {
  return new Status(code, reasons);
}

/** True for a null (Success) or Success status. */
export function isSuccess(s: Status | null): boolean {
  return s === null || s.code === Code.Success;
}

/** Per-cycle scratch data that can be cloned for preemption's dry runs. */
export interface StateData {
  clone(): StateData;
}

/** Per-cycle scratch space (cycle_state.go): PreFilter writes, Filter and Score read. */
export class CycleState {
  private readonly data = new Map<string, StateData>();
  /** Plugins that returned Skip at PreFilter; their Filter is not run. */
  readonly skipFilter = new Set<string>();
  /** Plugins that returned Skip at PreScore; their Score is not run. */
  readonly skipScore = new Set<string>();
  /** The Filter plugins to run this cycle (those not skipped), computed once by the runner. */
  filters: readonly FilterPlugin[] | undefined;

  /** Bumped by every write, so that a `StateReader` knows when what it remembers is stale. */
  version = 0;

  read<T extends StateData>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, value: StateData): void {
    this.data.set(key, value);
    this.version++;
  }

  /** A deep copy for a preemption dry run (upstream `CycleState.Clone`). */
  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) c.data.set(k, v.clone());
    for (const p of this.skipFilter) c.skipFilter.add(p);
    for (const p of this.skipScore) c.skipScore.add(p);
    c.filters = this.filters;
    return c;
  }
}

/**
 * One plugin's state as its Filter reads it on every node of a cycle: the last cycle state and
 * version it read are remembered, so that a per-node call costs an identity check instead of a map
 * look-up. (Preemption's clones are other CycleState objects, so they are read afresh.)
 */
export class StateReader<T extends StateData> {
  private state: CycleState | undefined;
  private version = -1;
  private value: T | undefined;

  constructor(private readonly key: string) {}

  read(state: CycleState): T | undefined {
    if (state !== this.state || state.version !== this.version) {
      this.state = state;
      this.version = state.version;
      this.value = state.read<T>(this.key);
    }
    return this.value;
  }
}

/** Node names a PreFilter narrowed the search to (`PreFilterResult.NodeNames`); `null` = all nodes. */
export interface PreFilterResult {
  nodeNames: Set<string> | null;
}

/** Maximum and minimum node scores (framework/interface.go). */
export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

/** What plugins may read besides the pod and node: the cluster snapshot and the store. */
export interface Handle {
  /** The snapshot: nodes in NodeTree order, assigned pods, image counts and indexes. */
  cache: SchedulerCache;
  /** The object store, read-only by convention (Services, PVCs, PDBs, Namespaces...). */
  store: ObjectStore;
  /** For writes that must pass the API server (preemption's graceful deletes). */
  api: ApiServer;
  recorder: EventRecorder;
  /** Pods nominated to a node (the queue's nominator). */
  nominatedPods(nodeName: string): readonly PodInfo[];
  /** Whether any pod is nominated at all; when false a Filter pass skips per-node look-ups. */
  anyNominated?(): boolean;
  /** Forgets a pod's nomination and clears its status.nominatedNodeName. */
  clearNomination(pod: PodInfo): void;
  random: SeededRandom;
  /** Simulated seconds now. */
  now(): number;
  /** Runs every Filter plugin on a node, with nominated pods of equal or higher priority added. */
  runFilterWithNominatedPods(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null;
  /** Runs PreFilter extensions' AddPod/RemovePod (preemption's what-if). */
  runPreFilterExtensionAddPod(state: CycleState, pod: PodInfo, toAdd: PodInfo, node: NodeInfo): void;
  runPreFilterExtensionRemovePod(state: CycleState, pod: PodInfo, toRemove: PodInfo, node: NodeInfo): void;
  /** Labels of a namespace (for namespaceSelector). */
  namespaceLabels(namespace: string): Record<string, string>;
}

/** The root of every plugin (upstream `Plugin`). */
export interface Plugin {
  readonly name: string;
}

/** PreEnqueue: may keep a pod out of the active queue (returns Pending/UnschedulableAndUnresolvable). */
export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: PodInfo): Status | null;
}

/** QueueSort: orders the active queue. */
export interface QueueSortPlugin extends Plugin {
  less(a: { pod: PodInfo; seq: number }, b: { pod: PodInfo; seq: number }): boolean;
}

/**
 * PreFilter: runs once per cycle before filtering. May narrow the nodes (PreFilterResult), reject
 * the pod for every node (then no node is filtered and the FailedScheduling message carries this
 * status's message), or return Skip so that its Filter is not run.
 */
export interface PreFilterPlugin extends Plugin {
  preFilter(
    state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
  ): { result?: PreFilterResult; status: Status | null };
  /** Keeps PreFilter state right when preemption adds a pod back to a node. */
  addPod?(state: CycleState, pod: PodInfo, toAdd: PodInfo, node: NodeInfo): void;
  /** Keeps PreFilter state right when preemption removes a pod from a node. */
  removePod?(state: CycleState, pod: PodInfo, toRemove: PodInfo, node: NodeInfo): void;
}

/**
 * Filter: may the pod run on this node? Returns null (fits), Unschedulable (preemption may help),
 * or UnschedulableAndUnresolvable. Must read only `node` (which may be a what-if copy).
 */
export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null;
  /**
   * Optional batch form of `filter` for the Filter pass: sets `out[k]` to the verdict on
   * `nodes[at[k]]` for every k < count and returns whether any verdict is not null (when none is,
   * `out` may be left as it was). It must give exactly what `filter` gives; it exists so that the
   * per-node work is one tight loop inside the plugin instead of one call per plugin and node.
   */
  filterNodes?(
    state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    at: Int32Array,
    count: number,
    out: (Status | null)[],
  ): boolean;
}

/** PostFilter result: a node to nominate (`""` clears the nomination). */
export interface PostFilterResult {
  nominatedNodeName: string;
  /** `namespace/name` of the pods preempted for it (DefaultPreemption). */
  victims?: string[];
}

/** PostFilter: runs when no node fits (preemption). Success means the pod may fit later. */
export interface PostFilterPlugin extends Plugin {
  postFilter(
    state: CycleState,
    pod: PodInfo,
    statuses: NodeToStatus,
  ): { result?: PostFilterResult; status: Status | null };
}

/** PreScore: computes once what Score needs; Skip means Score and NormalizeScore do not run. */
export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null;
}

/**
 * Score: an integer per feasible node; NormalizeScore maps them to 0..100 in place. (Upstream
 * passes a NodeScoreList of {name, score}; here the scores and their nodes are parallel arrays, so
 * that scoring allocates nothing per node.)
 */
export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: PodInfo, node: NodeInfo): number;
  /**
   * Optional batch form of `score`: writes `out[i]` = the score of `nodes[i]` for every node. It must
   * give exactly what `score` gives; it exists so that the hot loop is one call per plugin.
   */
  scoreNodes?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], out: Int32Array): void;
  normalizeScore?(state: CycleState, pod: PodInfo, scores: Int32Array, nodes: readonly NodeInfo[]): void;
}

/** Bind: commits the decision. */
export interface BindPlugin extends Plugin {
  bind(state: CycleState, pod: PodInfo, nodeName: string): Status | null;
}

/** Any plugin: the union of extension points it may implement. */
export type AnyPlugin = Plugin &
  Partial<
    PreEnqueuePlugin &
      QueueSortPlugin &
      PreFilterPlugin &
      FilterPlugin &
      PostFilterPlugin &
      PreScorePlugin &
      ScorePlugin &
      BindPlugin
  >;

/**
 * Node name → filter status, with one shared status for nodes absent from the map
 * (framework/types.go `NodeToStatus`).
 */
export class NodeToStatus {
  /** Names and statuses in insertion order; the lookup map is built only when someone asks. */
  private names: string[] = [];
  private statuses: Status[] = [];
  private map: Map<string, Status> | undefined;
  private absent: Status = new Status(Code.UnschedulableAndUnresolvable);

  /** Records a node's status; each node is set at most once per cycle. */
  set(node: string, status: Status): void {
    this.names.push(node);
    this.statuses.push(status);
    this.map?.set(node, status);
  }

  /** Records the first `count` nodes of parallel lists at once (one exact-size copy of each). */
  setMany(nodes: readonly string[], statuses: readonly Status[], count: number): void {
    if (this.names.length === 0 && this.map === undefined) {
      this.names = nodes.slice(0, count);
      this.statuses = statuses.slice(0, count);
      return;
    }
    for (let i = 0; i < count; i++) this.set(nodes[i] as string, statuses[i] as Status);
  }

  get(node: string): Status {
    return this.lookup().get(node) ?? this.absent;
  }

  has(node: string): boolean {
    return this.lookup().has(node);
  }

  get size(): number {
    return this.names.length;
  }

  setAbsent(status: Status): void {
    this.absent = status;
  }

  absentStatus(): Status {
    return this.absent;
  }

  *entries(): IterableIterator<[string, Status]> {
    for (let i = 0; i < this.names.length; i++) yield [this.names[i] as string, this.statuses[i] as Status];
  }

  /** The statuses in insertion order (no per-entry allocation). */
  values(): readonly Status[] {
    return this.statuses;
  }

  /** Nodes whose status has this code; absent nodes count when the absent status has it. */
  nodesWithCode(all: readonly NodeInfo[], code: Code): NodeInfo[] {
    const m = this.lookup();
    return all.filter((n) => (m.get(n.name) ?? this.absent).code === code);
  }

  private lookup(): Map<string, Status> {
    if (this.map === undefined) {
      this.map = new Map();
      for (let i = 0; i < this.names.length; i++) this.map.set(this.names[i] as string, this.statuses[i] as Status);
    }
    return this.map;
  }
}
