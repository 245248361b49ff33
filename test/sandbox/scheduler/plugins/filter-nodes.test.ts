/**
 * Batch filtering (`filterNodes`, `Framework.runFilterBatch`) gives exactly the node-by-node verdicts,
 * and the node-requirement verdicts remembered by the cache follow node label changes.
 */
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../../src/sandbox/model/object.js";
import { type AnyPlugin, CODE_NAMES, CycleState, type Status } from "../../../../src/sandbox/scheduler/framework.js";
import type { NodeInfo } from "../../../../src/sandbox/scheduler/node-info.js";
import { requiredNodeAffinity } from "../../../../src/sandbox/scheduler/node-selection.js";
import * as NodeAffinity from "../../../../src/sandbox/scheduler/plugins/NodeAffinity.js";
import * as NodeName from "../../../../src/sandbox/scheduler/plugins/NodeName.js";
import * as NodeResourcesFit from "../../../../src/sandbox/scheduler/plugins/NodeResourcesFit.js";
import * as NodeUnschedulable from "../../../../src/sandbox/scheduler/plugins/NodeUnschedulable.js";
import * as PodTopologySpread from "../../../../src/sandbox/scheduler/plugins/PodTopologySpread.js";
import * as TaintToleration from "../../../../src/sandbox/scheduler/plugins/TaintToleration.js";
import { DEFAULT_PROFILE } from "../../../../src/sandbox/scheduler/profile.js";
import type { PluginFactory } from "../../../../src/sandbox/scheduler/registry.js";
import { Framework } from "../../../../src/sandbox/scheduler/runtime.js";
import { node, pod } from "../builders.js";
import { world } from "../plugin-harness.js";

/** Nodes that differ in everything the filters read; some lack the zone label. */
function nodes(): KubeObject[] {
  const out: KubeObject[] = [];
  for (let i = 0; i < 15; i++) {
    const n = node(`n${i}`, { cpu: `${1 + (i % 3)}`, memory: "4Gi", pods: `${2 + (i % 4)}`, zone: `z${i % 3}` });
    if (i % 4 === 0) n.taint("pool", "gpu", "NoSchedule");
    if (i % 5 === 1) n.unschedulable();
    if (i % 3 === 2) n.labels({ disk: "ssd" });
    const built = n.build();
    if (i === 7) delete (built.metadata.labels as Record<string, string>)["topology.kubernetes.io/zone"];
    out.push(built);
  }
  return out;
}

/** Running pods: fill some nodes' pod slots and CPU, and give the spread constraints counts. */
function existing(): KubeObject[] {
  return Array.from({ length: 18 }, (_, i) =>
    pod(`e${i}`)
      .labels({ app: i % 2 === 0 ? "web" : "db" })
      .req({ cpu: `${300 + 100 * (i % 4)}m` })
      .node(`n${(i * 4) % 15}`)
      .build(),
  );
}

const incoming: { name: string; pod: KubeObject }[] = [
  { name: "plain", pod: pod("p").labels({ app: "web" }).req({ cpu: "500m" }).build() },
  { name: "too big for some nodes", pod: pod("p").req({ cpu: "1800m", memory: "5Gi" }).build() },
  { name: "names a node", pod: pod("p").node("n5").build() },
  {
    name: "tolerates the pool taint and selects ssd nodes",
    pod: pod("p")
      .tolerations({ key: "pool", operator: "Equal", value: "gpu", effect: "NoSchedule" })
      .nodeSelector({ disk: "ssd" })
      .build(),
  },
  {
    name: "tolerates cordoned nodes, required node affinity",
    pod: pod("p")
      .tolerations({ key: "node.kubernetes.io/unschedulable", operator: "Exists" })
      .affinity({
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: "topology.kubernetes.io/zone", operator: "In", values: ["z0", "z2"] }] },
            ],
          },
        },
      })
      .build(),
  },
  {
    name: "hard zone spread",
    pod: pod("p").labels({ app: "web" }).spread("topology.kubernetes.io/zone", 1, { app: "web" }).build(),
  },
  {
    name: "two hard constraints, one by hostname",
    pod: pod("p")
      .labels({ app: "db" })
      .spread("topology.kubernetes.io/zone", 1, { app: "db" })
      .spread("kubernetes.io/hostname", 1, { app: "db" })
      .build(),
  },
];

const plugins: { name: string; factory: PluginFactory }[] = [
  { name: NodeUnschedulable.name, factory: NodeUnschedulable.create },
  { name: NodeName.name, factory: NodeName.create },
  { name: TaintToleration.name, factory: TaintToleration.create },
  { name: NodeAffinity.name, factory: NodeAffinity.create },
  { name: NodeResourcesFit.name, factory: NodeResourcesFit.create },
  { name: PodTopologySpread.name, factory: PodTopologySpread.create },
];

const verdictOf = (s: Status | null) => (s === null ? null : { plugin: s.plugin, code: s.code, reasons: s.reasons });

describe("batch filtering (filterNodes) gives exactly the per-node verdicts", () => {
  for (const pl of plugins) {
    it.each(incoming)(`${pl.name}: $name`, ({ pod: p }) => {
      const w = world(nodes(), existing());
      const plugin: AnyPlugin = pl.factory(undefined, w.handle);
      const info = w.info(p);
      const all = w.cache.nodes();
      const state = new CycleState();
      const { status } = plugin.preFilter?.(state, info, all) ?? { status: null };
      if (status !== null) {
        // Only a Skip (the plugin has nothing to check for this pod) leaves Filter unrun here.
        expect(CODE_NAMES[status.code]).toBe("Skip");
        return;
      }
      const single = all.map((n) => plugin.filter?.(state, info, n) ?? null);
      // Every other node, from the back, so that the batch is not simply the node list.
      const at = Int32Array.from(all.keys())
        .filter((i) => i % 2 === 1)
        .reverse();
      const out: (Status | null)[] = Array.from(at, () => null);
      const any = plugin.filterNodes?.(state, info, all, at, at.length, out);
      expect(plugin.filterNodes).toBeTypeOf("function");
      const expected = Array.from(at, (i) => single[i] ?? null);
      expect(any).toBe(expected.some((s) => s !== null));
      if (any) expect(out).toEqual(expected);
    });
  }

  it.each(incoming)("the default profile's runFilterBatch equals runFilter node by node: $name", ({ pod: p }) => {
    const w = world(nodes(), existing());
    const fw = new Framework(DEFAULT_PROFILE, w.handle);
    const info = w.info(p);
    const all = w.cache.nodes();
    const state = new CycleState();
    const pre = fw.runPreFilter(state, info, all);
    expect(pre.status).toBeNull();
    // The batch lists the nodes from the back: positions in the batch are not node indexes.
    const batch = Int32Array.from(all.keys()).reverse();
    const single = Array.from(batch, (i) => verdictOf(fw.runFilter(state, info, all[i] as NodeInfo)));
    const verdicts: (Status | null)[] = all.map(() => null);
    const passed = new Int32Array(all.length);
    const numPassed = fw.runFilterBatch(state, info, all, batch, batch.length, verdicts, passed);
    const passedSet = new Set(Array.from(passed.subarray(0, numPassed)));
    expect(numPassed).toBe(single.filter((v) => v === null).length);
    expect(Array.from(passed.subarray(0, numPassed))).toEqual([...passedSet].sort((a, b) => a - b));
    const fromBatch = single.map((_, k) => (passedSet.has(k) ? null : verdictOf(verdicts[k] ?? null)));
    expect(fromBatch).toEqual(single);
    // The cases reject some nodes and pass others: both sides of the walk are exercised.
    expect(single.some((v) => v !== null)).toBe(true);
  });
});

describe("remembered node verdicts (SchedulerCache.nodeVerdicts)", () => {
  it("are shared by pods with the same requirement and forgotten when a node's labels change", () => {
    const w = world(nodes());
    const ssd = pod("a").nodeSelector({ disk: "ssd" }).build();
    const memo = (sig: string) => w.cache.nodeVerdicts(sig);
    const first = requiredNodeAffinity(w.info(ssd).pod, memo);
    const n0 = w.cache.nodeInfo("n0") as NodeInfo;
    const n2 = w.cache.nodeInfo("n2") as NodeInfo;
    expect([first.match(n0), first.match(n2)]).toEqual([false, true]);
    const second = requiredNodeAffinity(w.info(pod("b").nodeSelector({ disk: "ssd" }).build()).pod, memo);
    const sig = JSON.stringify([[["disk", "ssd"]], null]);
    expect(Array.from(w.cache.nodeVerdicts(sig).subarray(0, 3))).toEqual([2, 0, 1]);
    expect(second.match(n0)).toBe(false);
    const relabelled = structuredClone(n0.node);
    (relabelled.metadata.labels as Record<string, string>).disk = "ssd";
    w.cache.updateNode(relabelled);
    expect(Array.from(w.cache.nodeVerdicts(sig).subarray(0, 3))).toEqual([0, 0, 0]);
    expect(requiredNodeAffinity(w.info(ssd).pod, memo).match(n0)).toBe(true);
  });
});
