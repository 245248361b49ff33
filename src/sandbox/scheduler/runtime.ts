/**
 * The framework runner (pkg/scheduler/framework/runtime/framework.go): builds a profile's plugins
 * from the registry, sorts them into extension points by what they implement, and runs each point
 * with upstream's rules — PreFilter stops at the first UnschedulableAndUnresolvable, Filter at the
 * first rejecting plugin, PostFilter at the first success or error, Score multiplies normalised
 * scores by weights.
 */

import { PodsenseiError } from "../../core/errors.js";
import {
  type AnyPlugin,
  type BindPlugin,
  Code,
  type CycleState,
  type FilterPlugin,
  type Handle,
  MAX_NODE_SCORE,
  MIN_NODE_SCORE,
  type NodeToStatus,
  type PostFilterPlugin,
  type PostFilterResult,
  type PreEnqueuePlugin,
  type PreFilterPlugin,
  type PreScorePlugin,
  type QueueSortPlugin,
  type ScorePlugin,
  Status,
} from "./framework.js";
import type { NodeInfo } from "./node-info.js";
import type { PodInfo } from "./pod-info.js";
import type { Profile } from "./profile.js";
import { REGISTRY } from "./registry.js";

/** Scores of one plugin for the scored nodes (same order as the nodes), before and after normalising. */
export interface PluginScores {
  plugin: string;
  weight: number;
  raw: Int32Array;
  normalized: Int32Array;
}

export interface ScoreResult {
  /** Σ normalised × weight per node. */
  totals: Int32Array;
  plugins: PluginScores[];
  /** Score plugins skipped at PreScore. */
  skipped: string[];
  /** The array every column above is a view of; hand it to `recycle` once nothing reads them. */
  buffer: Int32Array;
}

/** Score buffers kept for reuse (a few suffice: records give theirs back as they are compacted). */
const SPARE_BUFFERS = 4;

export class Framework {
  readonly profile: Profile;
  readonly preEnqueue: PreEnqueuePlugin[] = [];
  readonly queueSort: QueueSortPlugin;
  readonly preFilter: PreFilterPlugin[] = [];
  readonly filter: FilterPlugin[] = [];
  readonly postFilter: PostFilterPlugin[] = [];
  readonly preScore: PreScorePlugin[] = [];
  readonly score: { plugin: ScorePlugin; weight: number }[] = [];
  readonly bind: BindPlugin[] = [];
  private readonly spare: Int32Array[] = [];
  /** Scratch of `runFilterBatch`, reused across cycles: the nodes still passing, one plugin's verdicts. */
  private alive = new Int32Array(0);
  private readonly batchOut: (Status | null)[] = [];

  constructor(profile: Profile, handle: Handle) {
    this.profile = profile;
    let sort: QueueSortPlugin | undefined;
    for (const entry of profile.plugins) {
      const factory = REGISTRY[entry.name];
      if (!factory) throw new PodsenseiError("SCHEDULER_PLUGIN_UNKNOWN", { name: entry.name });
      const p: AnyPlugin = factory(entry.args, handle);
      if (p.preEnqueue) this.preEnqueue.push(p as PreEnqueuePlugin);
      if (p.less) sort ??= p as QueueSortPlugin;
      if (p.preFilter) this.preFilter.push(p as PreFilterPlugin);
      if (p.filter) this.filter.push(p as FilterPlugin);
      if (p.postFilter) this.postFilter.push(p as PostFilterPlugin);
      if (p.preScore) this.preScore.push(p as PreScorePlugin);
      if (p.score) this.score.push({ plugin: p as ScorePlugin, weight: entry.weight ?? 1 });
      if (p.bind) this.bind.push(p as BindPlugin);
    }
    if (!sort) throw new PodsenseiError("SCHEDULER_QUEUE_SORT_MISSING");
    this.queueSort = sort;
  }

  /** The first PreEnqueue rejection, if any. */
  runPreEnqueue(pod: PodInfo): Status | null {
    for (const p of this.preEnqueue) {
      const s = p.preEnqueue(pod);
      if (s && s.code !== Code.Success) return s.withPlugin(p.name);
    }
    return null;
  }

  /**
   * framework.go RunPreFilterPlugins: intersects PreFilterResults; an UnschedulableAndUnresolvable
   * status stops at once, an Unschedulable one lets the rest run (issue #119770).
   */
  runPreFilter(
    state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
  ): { nodeNames: Set<string> | null; narrowedBy: string[]; status: Status | null } {
    let nodeNames = null as Set<string> | null;
    const narrowedBy: string[] = [];
    let rejected: Status | null = null;
    for (const p of this.preFilter) {
      const { result, status } = p.preFilter(state, pod, nodes);
      if (status?.code === Code.Skip) {
        state.skipFilter.add(p.name);
        continue;
      }
      if (status && status.code !== Code.Success) {
        const s = status.withPlugin(p.name);
        if (s.code === Code.UnschedulableAndUnresolvable) return { nodeNames: null, narrowedBy, status: s };
        if (s.code === Code.Unschedulable) {
          rejected = s;
          continue;
        }
        return {
          nodeNames: null,
          narrowedBy,
          status: new Status(Code.Error, [`running PreFilter plugin "${p.name}": ${s.message()}`], p.name),
        };
      }
      if (result?.nodeNames) {
        narrowedBy.push(p.name);
        const prev = nodeNames as Set<string> | null;
        const names = result.nodeNames;
        nodeNames = prev === null ? names : new Set([...prev].filter((n) => names.has(n)));
        if (nodeNames.size === 0) {
          return {
            nodeNames,
            narrowedBy,
            status: new Status(
              Code.UnschedulableAndUnresolvable,
              [
                narrowedBy.length === 1
                  ? `node(s) didn't satisfy plugin ${narrowedBy[0]}`
                  : `node(s) didn't satisfy plugin(s) [${[...narrowedBy].sort().join(" ")}] simultaneously`,
              ],
              p.name,
            ),
          };
        }
      }
    }
    return { nodeNames, narrowedBy, status: rejected };
  }

  /** framework.go RunFilterPlugins: the first rejecting plugin's status, or null. */
  runFilter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    // No closure in this function: one capturing `state` would allocate a context on every call.
    const filters = state.filters ?? this.activeFilters(state);
    for (let i = 0; i < filters.length; i++) {
      const p = filters[i] as FilterPlugin;
      const s = p.filter(state, pod, node);
      if (s !== null && s.code !== Code.Success) return this.attributed(p, s);
    }
    return null;
  }

  /**
   * RunFilterPlugins over a batch of nodes, `nodes[batch[k]]` for k < count: every active plugin, in
   * order, filters the nodes that passed the plugins before it (each in one `filterNodes` call when
   * it has one). A node some plugin rejects gets `verdicts[k]` = exactly what
   * `runFilter(state, pod, nodes[batch[k]])` returns; the positions k of the others are written to
   * `passed`, ascending. Returns how many passed. (Nodes go by index, so no node reference is copied.)
   */
  runFilterBatch(
    state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    batch: Int32Array,
    count: number,
    verdicts: (Status | null)[],
    passed: Int32Array,
  ): number {
    const filters = state.filters ?? this.activeFilters(state);
    const out = this.batchOut;
    if (this.alive.length < count) this.alive = new Int32Array(count);
    // The indexes of the nodes still passing: `batch` itself (positions 0..count) until a plugin rejects one.
    let alive = batch;
    let numAlive = count;
    for (let i = 0; i < filters.length && numAlive > 0; i++) {
      const p = filters[i] as FilterPlugin;
      let anyRejected = false;
      if (p.filterNodes) anyRejected = p.filterNodes(state, pod, nodes, alive, numAlive, out);
      else {
        for (let k = 0; k < numAlive; k++) {
          const s = p.filter(state, pod, nodes[alive[k] as number] as NodeInfo);
          out[k] = s;
          if (s !== null) anyRejected = true;
        }
      }
      if (!anyRejected) continue;
      const first = alive === batch;
      const kept = this.alive;
      let numKept = 0;
      // Plugins mostly return one shared rejection: attribute each distinct status once.
      let last: Status | null = null;
      let lastAttributed: Status | null = null;
      for (let k = 0; k < numAlive; k++) {
        const s = out[k] as Status | null;
        const position = first ? k : (passed[k] as number);
        if (s === null || s.code === Code.Success) {
          kept[numKept] = alive[k] as number;
          passed[numKept++] = position;
        } else {
          if (s !== last) {
            last = s;
            lastAttributed = this.attributed(p, s);
          }
          verdicts[position] = lastAttributed;
        }
      }
      alive = kept;
      numAlive = numKept;
    }
    if (alive === batch) for (let k = 0; k < count; k++) passed[k] = k;
    return numAlive;
  }

  /** A rejecting plugin's status as RunFilterPlugins returns it; anything else becomes an Error. */
  private attributed(p: FilterPlugin, s: Status): Status {
    if (!s.isRejected()) return new Status(Code.Error, [`running "${p.name}" filter plugin: ${s.message()}`], p.name);
    // framework.go sets the plugin on the returned status in place (status.SetPlugin), so a
    // plugin's shared rejection constant needs no copy per node.
    if (s.plugin !== p.name) s.plugin = p.name;
    return s;
  }

  /** The Filter plugins not skipped at PreFilter, computed once per cycle. */
  private activeFilters(state: CycleState): readonly FilterPlugin[] {
    const filters = this.filter.filter((p) => !state.skipFilter.has(p.name));
    state.filters = filters;
    return filters;
  }

  /** framework.go RunPostFilterPlugins. */
  runPostFilter(
    state: CycleState,
    pod: PodInfo,
    statuses: NodeToStatus,
  ): { result: PostFilterResult | undefined; status: Status } {
    let result: PostFilterResult | undefined;
    const reasons: string[] = [];
    let rejector = "";
    for (const p of this.postFilter) {
      const r = p.postFilter(state, pod, statuses);
      const s = r.status;
      if (s === null || s.code === Code.Success)
        return { result: r.result, status: new Status(Code.Success, [], p.name) };
      if (s.code === Code.UnschedulableAndUnresolvable) return { result: r.result, status: s.withPlugin(p.name) };
      if (!s.isRejected()) return { result: undefined, status: new Status(Code.Error, s.reasons, p.name) };
      if (r.result) result = r.result;
      reasons.push(...s.reasons);
      if (rejector === "") rejector = p.name;
    }
    return { result, status: new Status(Code.Unschedulable, reasons, rejector) };
  }

  /** framework.go RunPreScorePlugins + RunScorePlugins, keeping raw and normalised scores. */
  runScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): ScoreResult | Status {
    for (const p of this.preScore) {
      const s = p.preScore(state, pod, nodes);
      if (s?.code === Code.Skip) state.skipScore.add(p.name);
      else if (s && s.code !== Code.Success) return new Status(Code.Error, s.reasons, p.name);
    }
    const n = nodes.length;
    // One allocation for every column of the table: totals, then raw (and normalised) per plugin.
    let columns = 1;
    for (const { plugin } of this.score) {
      if (!state.skipScore.has(plugin.name)) columns += plugin.normalizeScore ? 2 : 1;
    }
    const buffer = this.takeBuffer(n * columns);
    let offset = n;
    const column = () => {
      offset += n;
      return buffer.subarray(offset - n, offset);
    };
    const totals = buffer.subarray(0, n);
    totals.fill(0);
    const plugins: PluginScores[] = [];
    const skipped: string[] = [];
    for (const { plugin, weight } of this.score) {
      if (state.skipScore.has(plugin.name)) {
        skipped.push(plugin.name);
        continue;
      }
      const raw = column();
      if (plugin.scoreNodes) plugin.scoreNodes(state, pod, nodes, raw);
      else for (let i = 0; i < n; i++) raw[i] = plugin.score(state, pod, nodes[i] as NodeInfo);
      // Without NormalizeScore the raw scores are the normalised ones: share the column.
      let normalized = raw;
      if (plugin.normalizeScore) {
        normalized = column();
        normalized.set(raw);
        plugin.normalizeScore(state, pod, normalized, nodes);
      }
      for (let i = 0; i < normalized.length; i++) {
        const v = normalized[i] as number;
        if (v > MAX_NODE_SCORE || v < MIN_NODE_SCORE) {
          return new Status(
            Code.Error,
            [
              `plugin "${plugin.name}" returns an invalid score ${v}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`,
            ],
            plugin.name,
          );
        }
        totals[i] = (totals[i] as number) + v * weight;
      }
      plugins.push({ plugin: plugin.name, weight, raw, normalized });
    }
    return { totals, plugins, skipped, buffer };
  }

  /** Gives back a score buffer whose views nobody reads any more. */
  recycle(buffer: Int32Array): void {
    if (this.spare.length < SPARE_BUFFERS) this.spare.push(buffer);
  }

  private takeBuffer(size: number): Int32Array {
    for (let i = this.spare.length - 1; i >= 0; i--) {
      const b = this.spare[i] as Int32Array;
      if (b.length >= size) {
        this.spare.splice(i, 1);
        return b;
      }
    }
    return new Int32Array(size);
  }

  /** framework.go RunBindPlugins: the first plugin that does not Skip decides. */
  runBind(state: CycleState, pod: PodInfo, nodeName: string): Status | null {
    for (const p of this.bind) {
      const s = p.bind(state, pod, nodeName);
      if (s?.code === Code.Skip) continue;
      return s ? s.withPlugin(p.name) : null;
    }
    return new Status(Code.Error, ["no bind plugin bound the pod"]);
  }
}
