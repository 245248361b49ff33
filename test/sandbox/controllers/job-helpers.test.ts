import { describe, expect, it } from "vitest";
import { formatIntervals, intervalsOf, parseIntervals, total } from "../../../src/sandbox/controllers/job-indexes.js";
import { matchPodFailurePolicy } from "../../../src/sandbox/controllers/job-pod-failure-policy.js";
import { matchSuccessPolicy } from "../../../src/sandbox/controllers/job-success-policy.js";
import type { KubeObject } from "../../../src/sandbox/model/object.js";

function failedPod(containers: [string, number][], init: [string, number][] = []): KubeObject {
  const st = (list: [string, number][]) =>
    list.map(([name, exitCode]) => ({ name, state: { terminated: { exitCode } } }));
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "ns" },
    status: { phase: "Failed", containerStatuses: st(containers), initContainerStatuses: st(init) },
  };
}

describe("orderedIntervals (indexed_job_utils.go)", () => {
  it.each([
    { indexes: [0, 1, 3, 4, 5, 7], want: "0,1,3-5,7" },
    { indexes: [2], want: "2" },
    { indexes: [], want: "" },
  ])("formats $indexes as $want", ({ indexes, want }) => {
    expect(formatIntervals(intervalsOf(indexes))).toBe(want);
  });

  it("parses ranges below completions and skips corrupt pieces", () => {
    expect(parseIntervals("0,1,3-5,x,9", 8)).toEqual([
      { first: 0, last: 1 },
      { first: 3, last: 5 },
    ]);
    expect(total(parseIntervals("2-20", 6))).toBe(4);
  });
});

describe("matchPodFailurePolicy (pod_failure_policy.go)", () => {
  const rule = (action: string, onExitCodes: object) => ({ rules: [{ action, onExitCodes }] });

  it("ignores exit code 0 and honours containerName", () => {
    const pod = failedPod([
      ["ok", 0],
      ["main", 5],
    ]);
    expect(matchPodFailurePolicy(rule("FailJob", { operator: "NotIn", values: [1] }), pod).failJobMessage).toBe(
      "Container main for pod ns/p failed with exit code 5 matching FailJob rule at index 0",
    );
    expect(matchPodFailurePolicy(rule("Ignore", { containerName: "ok", operator: "NotIn", values: [] }), pod)).toEqual({
      countFailed: true,
    });
  });

  it("looks at init containers after app containers", () => {
    const pod = failedPod([], [["setup", 7]]);
    expect(matchPodFailurePolicy(rule("Ignore", { operator: "In", values: [7] }), pod)).toEqual({
      countFailed: false,
      action: "Ignore",
    });
  });

  it("skips a rule with an unknown action and takes the next match", () => {
    const pod = failedPod([["main", 2]]);
    const policy = {
      rules: [
        { action: "Retry", onExitCodes: { operator: "In", values: [2] } },
        { action: "Count", onExitCodes: { operator: "In", values: [2] } },
      ],
    };
    expect(matchPodFailurePolicy(policy, pod)).toEqual({ countFailed: true, action: "Count" });
  });
});

describe("matchSuccessPolicy (success_policy.go)", () => {
  const succeeded = intervalsOf([0, 1, 2, 5]);
  it.each([
    { rules: [{ succeededIndexes: "0-2" }], want: "Matched rules at index 0" },
    { rules: [{ succeededIndexes: "4-6" }], want: undefined },
    { rules: [{ succeededIndexes: "4-6", succeededCount: 1 }], want: "Matched rules at index 0" },
    { rules: [{ succeededIndexes: "3" }, { succeededCount: 4 }], want: "Matched rules at index 1" },
    { rules: [{ succeededCount: 5 }], want: undefined },
  ])("$rules → $want", ({ rules, want }) => {
    expect(matchSuccessPolicy({ rules }, 8, succeeded)).toBe(want);
  });
});
