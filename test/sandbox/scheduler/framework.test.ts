import { describe, expect, it } from "vitest";
import { makeNode } from "../../../src/sandbox/cluster/default-cluster.js";
import {
  Code,
  CycleState,
  NodeToStatus,
  type StateData,
  StateReader,
  Status,
} from "../../../src/sandbox/scheduler/framework.js";
import { NodeInfo } from "../../../src/sandbox/scheduler/node-info.js";

describe("NodeToStatus (statuses kept as lists, looked up through a map built on demand)", () => {
  const a = new Status(Code.Unschedulable, ["Insufficient cpu"], "NodeResourcesFit");
  const b = new Status(Code.UnschedulableAndUnresolvable, ["node(s) had untolerated taint(s)"], "TaintToleration");
  const absent = new Status(Code.UnschedulableAndUnresolvable, ["skipped"]);

  it("answers the same before and after the first look-up, including nodes set afterwards", () => {
    const m = new NodeToStatus();
    m.setAbsent(absent);
    m.set("n1", a);
    m.set("n2", b);
    expect(m.size).toBe(2);
    expect(m.get("n1")).toBe(a);
    expect(m.has("n3")).toBe(false);
    m.set("n3", a);
    expect(m.get("n3")).toBe(a);
    expect(m.get("n4")).toBe(absent);
    expect([...m.entries()].map(([n, s]) => [n, s.plugin])).toEqual([
      ["n1", "NodeResourcesFit"],
      ["n2", "TaintToleration"],
      ["n3", "NodeResourcesFit"],
    ]);
    expect(m.values()).toEqual([a, b, a]);
  });

  it("nodesWithCode counts absent nodes by the absent status", () => {
    const m = new NodeToStatus();
    m.set("n1", a);
    m.set("n2", b);
    m.setAbsent(new Status(Code.Unschedulable, ["x"]));
    const nodes = ["n1", "n2", "n3"].map((n, i) => new NodeInfo(makeNode(n), i));
    expect(m.nodesWithCode(nodes, Code.Unschedulable).map((n) => n.name)).toEqual(["n1", "n3"]);
  });
});

describe("StateReader (a Filter's per-node read of its cycle state)", () => {
  class Data implements StateData {
    constructor(readonly v: number) {}
    clone(): StateData {
      return new Data(this.v);
    }
  }

  it("sees a new cycle, a clone and a later write to the same cycle", () => {
    const r = new StateReader<Data>("k");
    const a = new CycleState();
    expect(r.read(a)).toBeUndefined();
    a.write("k", new Data(1));
    expect(r.read(a)?.v).toBe(1);
    const b = new CycleState();
    b.write("k", new Data(2));
    expect(r.read(b)?.v).toBe(2);
    const copy = a.clone();
    expect(r.read(copy)?.v).toBe(1);
    expect(r.read(copy)).not.toBe(a.read("k"));
    a.write("k", new Data(3));
    expect(r.read(a)?.v).toBe(3);
  });
});
