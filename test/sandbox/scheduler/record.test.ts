import { describe, expect, it } from "vitest";
import { makeNode } from "../../../src/sandbox/cluster/default-cluster.js";
import { Code, NodeToStatus, Status } from "../../../src/sandbox/scheduler/framework.js";
import { NodeInfo } from "../../../src/sandbox/scheduler/node-info.js";
import {
  type AttemptRecord,
  attemptCells,
  compactAttempt,
  materialize,
} from "../../../src/sandbox/scheduler/record.js";

const TAINT = new Status(Code.UnschedulableAndUnresolvable, ["node(s) had untolerated taint(s)"], "TaintToleration");
const CPU = new Status(Code.Unschedulable, ["Insufficient cpu"], "NodeResourcesFit");

/** A scheduled attempt as the cycle leaves it: statuses, feasible nodes and a score table in one buffer. */
function attempt(numFeasible: number, chosen: number): { a: AttemptRecord; buffer: Int32Array } {
  const statuses = new NodeToStatus();
  statuses.set("bad-0", TAINT);
  statuses.set("bad-1", TAINT);
  statuses.set("bad-2", CPU);
  const feasible = Array.from({ length: numFeasible }, (_, i) => new NodeInfo(makeNode(`n${i}`), i));
  const n = numFeasible;
  const buffer = new Int32Array(n * 3);
  const totals = buffer.subarray(0, n);
  const raw = buffer.subarray(n, 2 * n);
  const normalized = buffer.subarray(2 * n, 3 * n);
  for (let i = 0; i < n; i++) {
    raw[i] = (i * 37) % 11;
    normalized[i] = (i * 53) % 101;
    totals[i] = (normalized[i] as number) * 2;
  }
  const a: AttemptRecord = {
    time: 0,
    attempt: 1,
    outcome: "Scheduled",
    node: `n${chosen}`,
    message: null,
    numAllNodes: n + 3,
    preFilter: null,
    narrowedBy: [],
    evaluatedNodes: n + 3,
    viaNominatedNode: false,
    rejected: [],
    feasible: [],
    scores: null,
    preemption: null,
    detail: "full",
    reasonCounts: {},
    pending: {
      statuses,
      histogramNodes: 3,
      feasible,
      scores: { totals, plugins: [{ plugin: "P", weight: 2, raw, normalized }], skipped: ["Q"] },
      chosen,
      buffer,
    },
  };
  return { a, buffer };
}

const plain = (a: AttemptRecord) =>
  JSON.parse(JSON.stringify(a, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v)));

describe("attempt records: detail built lazily, compacted without building it", () => {
  it("materialize fills rejected, reason counts, feasible names and the score table", () => {
    const { a } = attempt(4, 2);
    materialize(a);
    expect(a.pending).toBeUndefined();
    expect(a.feasible).toEqual(["n0", "n1", "n2", "n3"]);
    expect(a.rejected.map((r) => [r.node, r.plugin, r.code])).toEqual([
      ["bad-0", "TaintToleration", "UnschedulableAndUnresolvable"],
      ["bad-1", "TaintToleration", "UnschedulableAndUnresolvable"],
      ["bad-2", "NodeResourcesFit", "Unschedulable"],
    ]);
    expect(a.reasonCounts).toEqual({ "Insufficient cpu": 1, "node(s) had untolerated taint(s)": 2 });
    expect(a.scores?.nodes).toBe(a.feasible);
    expect(Array.from(a.scores?.totals ?? [])).toEqual([0, 106, 10, 116]);
  });

  it.each([
    { name: "many feasible nodes, chosen among the best five", n: 40, chosen: 2 },
    { name: "many feasible nodes, chosen outside the best five", n: 40, chosen: 0 },
    { name: "five or fewer feasible nodes", n: 4, chosen: 1 },
  ])("compacting the pending form equals compacting the materialised form: $name", ({ n, chosen }) => {
    const lazy = attempt(n, chosen);
    const eager = attempt(n, chosen);
    materialize(eager.a);
    expect(attemptCells(lazy.a)).toBe(attemptCells(eager.a));
    const freed = compactAttempt(lazy.a);
    compactAttempt(eager.a);
    expect(plain(lazy.a)).toEqual(plain(eager.a));
    expect(lazy.a.detail).toBe("summary");
    expect(lazy.a.scores?.nodes).toContain(`n${chosen}`);
    // The buffer is handed back only when the compacted record no longer views it.
    expect(freed).toBe(n > 5 ? lazy.buffer : undefined);
  });

  it("a materialised record never hands its buffer back (its views may have been read)", () => {
    const { a } = attempt(40, 3);
    materialize(a);
    expect(compactAttempt(a)).toBeUndefined();
  });
});
