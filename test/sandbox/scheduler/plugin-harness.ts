/**
 * Runs one plugin the way upstream's plugin tests do: build it through its factory over a snapshot
 * of the case's nodes and existing pods, then PreFilter → Filter per node, or PreScore → Score per
 * node → NormalizeScore.
 */

import { ApiServer } from "../../../src/sandbox/api/server.js";
import { ObjectStore } from "../../../src/sandbox/api/store.js";
import { EventRecorder } from "../../../src/sandbox/engine/recorder.js";
import type { KubeObject } from "../../../src/sandbox/model/object.js";
import { SeededRandom } from "../../../src/sandbox/model/random.js";
import { SchedulerCache } from "../../../src/sandbox/scheduler/cache.js";
import { type AnyPlugin, CODE_NAMES, Code, CycleState, type Handle } from "../../../src/sandbox/scheduler/framework.js";
import { newPodInfo, type PodInfo } from "../../../src/sandbox/scheduler/pod-info.js";
import type { PluginFactory } from "../../../src/sandbox/scheduler/registry.js";

export interface Verdict {
  code: string;
  reasons: readonly string[];
}

export const OK: Verdict = { code: "Success", reasons: [] };

export function world(nodes: KubeObject[], existing: KubeObject[] = [], objects: KubeObject[] = []) {
  const store = new ObjectStore();
  const random = new SeededRandom(1);
  for (const o of objects) store.add(structuredClone(o));
  const cache = new SchedulerCache();
  for (const n of nodes) cache.addNode(n);
  let uid = 0;
  const info = (p: KubeObject): PodInfo => {
    const c = structuredClone(p);
    c.metadata.uid ??= `uid-${uid++}`;
    return newPodInfo(c, c.spec?.priority ?? 0, 0);
  };
  for (const p of existing) cache.setAssignedPod(info(p));
  const handle: Handle = {
    cache,
    store,
    api: new ApiServer({ store, random, now: () => 0 }),
    recorder: new EventRecorder(() => 0),
    random,
    now: () => 0,
    runFilterWithNominatedPods: () => null,
    runPreFilterExtensionAddPod: () => {},
    runPreFilterExtensionRemovePod: () => {},
    namespaceLabels: (ns) => store.get("Namespace", undefined, ns)?.metadata.labels ?? {},
    nominatedPods: () => [],
    clearNomination: () => {},
  };
  return { cache, handle, info, store };
}

/** PreFilter then Filter on every node: node name → verdict (PreFilter rejection under "*"). */
export function runFilter(
  factory: PluginFactory,
  pod: KubeObject,
  nodes: KubeObject[],
  existing: KubeObject[] = [],
  objects: KubeObject[] = [],
): Record<string, Verdict> {
  const w = world(nodes, existing, objects);
  const plugin: AnyPlugin = factory(undefined, w.handle);
  const state = new CycleState();
  const p = w.info(pod);
  const out: Record<string, Verdict> = {};
  if (plugin.preFilter) {
    const { status } = plugin.preFilter(state, p, w.cache.nodes());
    if (status?.code === Code.Skip) state.skipFilter.add(plugin.name);
    else if (status && status.code !== Code.Success) {
      out["*"] = { code: CODE_NAMES[status.code], reasons: status.reasons };
      return out;
    }
  }
  for (const n of w.cache.nodes()) {
    const s = state.skipFilter.has(plugin.name) ? null : (plugin.filter?.(state, p, n) ?? null);
    out[n.name] = s === null ? OK : { code: CODE_NAMES[s.code], reasons: s.reasons };
  }
  return out;
}

/** PreScore, Score per node, NormalizeScore: node name → [raw, normalised], or "skip". */
export function runScore(
  factory: PluginFactory,
  pod: KubeObject,
  nodes: KubeObject[],
  existing: KubeObject[] = [],
  objects: KubeObject[] = [],
): Record<string, [number, number]> | "skip" {
  const w = world(nodes, existing, objects);
  const plugin: AnyPlugin = factory(undefined, w.handle);
  const state = new CycleState();
  const p = w.info(pod);
  const all = w.cache.nodes();
  if (plugin.preScore) {
    const s = plugin.preScore(state, p, all);
    if (s?.code === Code.Skip) return "skip";
  }
  const raw = new Int32Array(all.map((n) => plugin.score?.(state, p, n) ?? 0));
  const norm = raw.slice();
  plugin.normalizeScore?.(state, p, norm, all);
  const out: Record<string, [number, number]> = {};
  all.forEach((n, i) => {
    out[n.name] = [raw[i] as number, norm[i] as number];
  });
  return out;
}
