/** FailedScheduling assembly (framework/types.go FitError.Error), table-driven. */
import { describe, expect, it } from "vitest";
import { fitErrorMessage, truncateMessage } from "../../../src/sandbox/scheduler/fit-error.js";
import { Code, NodeToStatus, Status } from "../../../src/sandbox/scheduler/framework.js";

function statuses(entries: [string, string[]][], absent?: string[]): NodeToStatus {
  const m = new NodeToStatus();
  for (const [n, r] of entries) m.set(n, new Status(Code.Unschedulable, r));
  if (absent) m.setAbsent(new Status(Code.UnschedulableAndUnresolvable, absent));
  return m;
}

describe("fitErrorMessage", () => {
  const cases = [
    {
      name: "counts sorted as text: digits before upper before lower case",
      n: 3,
      s: statuses([
        ["a", ["node(s) had untolerated taint(s)"]],
        ["b", ["Insufficient cpu"]],
        ["c", ["Insufficient cpu"]],
      ]),
      pre: "",
      post: "",
      want: "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu.",
    },
    {
      name: "10 sorts before 2",
      n: 12,
      s: statuses([
        ...Array.from({ length: 10 }, (_, i) => [`u${i}`, ["node(s) were unschedulable"]] as [string, string[]]),
        ["x", ["node(s) didn't match Pod's node affinity/selector"]],
        ["y", ["node(s) didn't match Pod's node affinity/selector"]],
      ]),
      pre: "",
      post: "",
      want: "0/12 nodes are available: 10 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector.",
    },
    {
      name: "one plugin's several reasons each count",
      n: 1,
      s: statuses([["a", ["Insufficient cpu", "Insufficient memory"]]]),
      pre: "",
      post: "",
      want: "0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.",
    },
    {
      name: "absent nodes share the absent status",
      n: 3,
      s: statuses([["a", ["Insufficient cpu"]]], ["node(s) didn't satisfy plugin(s) [NodeAffinity]"]),
      pre: "",
      post: "",
      want: "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    },
    {
      name: "PreFilter rejection: its message, no counts",
      n: 3,
      s: statuses([], ["pod has unbound immediate PersistentVolumeClaims"]),
      pre: "pod has unbound immediate PersistentVolumeClaims",
      post: "not found",
      want: "0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. not found",
    },
    {
      name: "PostFilter message appended without a period",
      n: 3,
      s: statuses([
        ["a", ["Insufficient cpu"]],
        ["b", ["Insufficient cpu"]],
        ["c", ["Insufficient cpu"]],
      ]),
      pre: "",
      post: "no new claims to deallocate, preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
      want: "0/3 nodes are available: 3 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
    },
  ];
  it.each(cases)("$name", (c) => {
    expect(fitErrorMessage(c.n, { statuses: c.s, preFilterMsg: c.pre, postFilterMsg: c.post })).toBe(c.want);
  });
  it("event messages are cut at 1024 characters with ' ...'", () => {
    const t = truncateMessage("x".repeat(2000));
    expect(t.length).toBe(1024);
    expect(t.endsWith(" ...")).toBe(true);
    expect(truncateMessage("short")).toBe("short");
  });
});

describe("reason counting past the short list of distinct statuses", () => {
  it("counts statuses of many distinct objects (e.g. one per node from NodeResourcesFit) by reason", () => {
    const m = new NodeToStatus();
    for (let i = 0; i < 25; i++) {
      m.set(
        `n${i}`,
        new Status(
          Code.Unschedulable,
          i % 5 === 0 ? ["Insufficient cpu", "Insufficient memory"] : ["Insufficient cpu"],
        ),
      );
    }
    const shared = new Status(Code.UnschedulableAndUnresolvable, ["node(s) had untolerated taint(s)"]);
    for (let i = 25; i < 28; i++) m.set(`n${i}`, shared);
    expect(fitErrorMessage(30, { statuses: m, preFilterMsg: "", postFilterMsg: "" })).toBe(
      "0/30 nodes are available: 25 Insufficient cpu, 3 node(s) had untolerated taint(s), 5 Insufficient memory.",
    );
  });
});
