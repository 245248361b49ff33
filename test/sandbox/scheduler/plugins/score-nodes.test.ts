import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../../src/sandbox/model/object.js";
import { type AnyPlugin, CycleState } from "../../../../src/sandbox/scheduler/framework.js";
import * as ImageLocality from "../../../../src/sandbox/scheduler/plugins/ImageLocality.js";
import * as InterPodAffinity from "../../../../src/sandbox/scheduler/plugins/InterPodAffinity.js";
import * as NodeResourcesBalancedAllocation from "../../../../src/sandbox/scheduler/plugins/NodeResourcesBalancedAllocation.js";
import * as NodeResourcesFit from "../../../../src/sandbox/scheduler/plugins/NodeResourcesFit.js";
import * as TaintToleration from "../../../../src/sandbox/scheduler/plugins/TaintToleration.js";
import type { PluginFactory } from "../../../../src/sandbox/scheduler/registry.js";
import { node, pod } from "../builders.js";
import { world } from "../plugin-harness.js";

const IMG = { names: ["nginx:1.27"], sizeBytes: 300 * 1024 * 1024 };

/** Nodes that differ in every input the batch scorers read. */
function nodes(): KubeObject[] {
  const out: KubeObject[] = [];
  for (let i = 0; i < 12; i++) {
    const n = node(`n${i}`, { cpu: `${2 + (i % 4)}`, memory: `${4 + (i % 3) * 4}Gi`, zone: `z${i % 3}` });
    if (i % 3 === 0) n.taint("soft", "x", "PreferNoSchedule");
    if (i % 4 === 0) n.taint("hard", "y", "NoSchedule");
    if (i % 2 === 0) n.images(IMG);
    out.push(n.build());
  }
  return out;
}

/** Pods already running, some with affinity terms, spread over the nodes. */
function existing(): KubeObject[] {
  const out: KubeObject[] = [];
  for (let i = 0; i < 20; i++) {
    const p = pod(`e${i}`)
      .labels({ app: `a${i % 3}` })
      .req({ cpu: `${100 * (1 + (i % 5))}m`, memory: `${128 * (1 + (i % 3))}Mi` })
      .spec({ nodeName: `n${(i * 7) % 12}` });
    if (i % 4 === 0) {
      p.spec({
        affinity: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 40,
                podAffinityTerm: {
                  topologyKey: "kubernetes.io/hostname",
                  labelSelector: { matchLabels: { app: "a0" } },
                },
              },
            ],
          },
        },
      });
    }
    out.push(p.build());
  }
  return out;
}

const incoming: { name: string; pod: KubeObject }[] = [
  { name: "plain requests", pod: pod("p").labels({ app: "a0" }).req({ cpu: "300m", memory: "256Mi" }).build() },
  { name: "no requests", pod: pod("p").labels({ app: "a1" }).build() },
  { name: "image present on some nodes", pod: pod("p").image("nginx:1.27").req({ cpu: "1" }).build() },
  {
    name: "tolerates the soft taint",
    pod: pod("p").tolerations({ key: "soft", operator: "Exists", effect: "PreferNoSchedule" }).build(),
  },
  {
    name: "preferred affinity and anti-affinity",
    pod: pod("p")
      .labels({ app: "a2" })
      .spec({
        affinity: {
          podAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 10,
                podAffinityTerm: {
                  topologyKey: "topology.kubernetes.io/zone",
                  labelSelector: { matchLabels: { app: "a1" } },
                },
              },
            ],
          },
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 70,
                podAffinityTerm: {
                  topologyKey: "kubernetes.io/hostname",
                  labelSelector: { matchLabels: { app: "a2" } },
                },
              },
            ],
          },
        },
      })
      .build(),
  },
];

const plugins: { name: string; factory: PluginFactory }[] = [
  { name: NodeResourcesFit.name, factory: NodeResourcesFit.create },
  { name: NodeResourcesBalancedAllocation.name, factory: NodeResourcesBalancedAllocation.create },
  { name: ImageLocality.name, factory: ImageLocality.create },
  { name: TaintToleration.name, factory: TaintToleration.create },
  { name: InterPodAffinity.name, factory: InterPodAffinity.create },
];

describe("batch scoring (scoreNodes) gives exactly the per-node scores", () => {
  for (const pl of plugins) {
    it.each(incoming)(`${pl.name}: $name`, ({ pod: p }) => {
      const w = world(nodes(), existing());
      const plugin: AnyPlugin = pl.factory(undefined, w.handle);
      const info = w.info(p);
      const all = w.cache.nodes();
      const state = new CycleState();
      // Even when PreScore skips (then the runner never scores), both forms must agree.
      plugin.preScore?.(state, info, all);
      const single = all.map((n) => plugin.score?.(state, info, n) ?? 0);
      const batch = new Int32Array(all.length).fill(-1);
      plugin.scoreNodes?.(state, info, all, batch);
      expect(plugin.scoreNodes).toBeTypeOf("function");
      expect(Array.from(batch)).toEqual(single);
    });
  }

  it("InterPodAffinity counts existing pods' terms per domain: the anti-affinity carriers' nodes score lower", () => {
    const w = world(nodes(), existing());
    const plugin: AnyPlugin = InterPodAffinity.create(undefined, w.handle);
    const info = w.info(pod("p").labels({ app: "a0" }).build());
    const all = w.cache.nodes();
    const state = new CycleState();
    expect(plugin.preScore?.(state, info, all)).toBeNull();
    const byName = Object.fromEntries(all.map((n) => [n.name, plugin.score?.(state, info, n)]));
    // e0, e4, e8, e12, e16 carry the weight-40 term against app=a0 on n0, n4, n8, n0, n4.
    expect(byName).toMatchObject({ n0: -80, n4: -80, n8: -40, n1: 0 });
  });
});
