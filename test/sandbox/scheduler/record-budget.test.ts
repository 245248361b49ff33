import { describe, expect, it } from "vitest";
import { createCluster } from "../../../src/sandbox/cluster/cluster.js";
import { createSchedulerWithProfile } from "../../../src/sandbox/scheduler/index.js";
import { DEFAULT_PROFILE } from "../../../src/sandbox/scheduler/profile.js";
import { node, pod } from "./builders.js";

describe("records over the full-detail budget (compaction and score-buffer reuse)", () => {
  it("every record's score table stays consistent: totals are the weighted sums, the chosen node is listed", () => {
    const nodes = Array.from({ length: 1000 }, (_, i) =>
      node(`n${i}`, { cpu: "16", memory: "64Gi", zone: `z${i % 3}` }).build(),
    );
    const scheduler = createSchedulerWithProfile(DEFAULT_PROFILE);
    const c = createCluster({ nodes, controllers: [scheduler] });
    for (let i = 0; i < 900; i++) {
      const p = pod(`p${i}`)
        .req({ cpu: `${100 + (i % 7) * 50}m`, memory: `${128 + (i % 5) * 64}Mi` })
        .build();
      p.metadata.uid = `u${i}`;
      p.status = { phase: "Pending" };
      c.store.add(p);
    }
    c.clock.runUntil(0);
    const records = scheduler.records();
    expect(records).toHaveLength(900);
    const details = new Set(records.map((r) => r.last.detail));
    expect(details).toEqual(new Set(["full", "summary"]));
    for (const r of records) {
      const t = r.last.scores;
      expect(t).not.toBeNull();
      if (!t) continue;
      expect(r.scheduledNode).not.toBeNull();
      expect(t.nodes).toContain(r.scheduledNode);
      expect(r.last.feasible).toContain(r.scheduledNode);
      let inconsistent = 0;
      for (let i = 0; i < t.nodes.length; i++) {
        const sum = t.plugins.reduce((s, p) => s + (p.normalized[i] as number) * p.weight, 0);
        if (t.totals[i] !== sum) inconsistent++;
      }
      expect(inconsistent).toBe(0);
      const best = Math.max(...Array.from(t.totals));
      expect(t.totals[t.nodes.indexOf(r.scheduledNode as string)]).toBe(best);
      if (r.last.detail === "summary") expect(t.nodes.length).toBeLessThanOrEqual(6);
      else expect(t.nodes.length).toBe(r.last.feasible.length);
    }
  });
});
