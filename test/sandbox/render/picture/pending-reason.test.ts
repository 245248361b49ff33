import { describe, expect, it } from "vitest";
import { pendingReason } from "../../../../src/sandbox/render/picture/pending-reason.js";
import { INSUFFICIENT_CPU, podSummary } from "./results.js";

describe("pendingReason", () => {
  it.each([
    {
      name: "FailedScheduling without its preemption tail",
      reason: "Unschedulable",
      message: INSUFFICIENT_CPU,
      want: "0/3 nodes: 1 node(s) were unschedulable, 2 Insufficient cpu",
    },
    {
      name: "without the DynamicResources and preemption PostFilter messages",
      reason: "Unschedulable",
      message:
        "0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
      want: "0/3 nodes: 1 node(s) were unschedulable, 2 Insufficient cpu",
    },
    {
      name: "a reason holding a dot (taint value) is kept whole",
      reason: "Unschedulable",
      message:
        "0/2 nodes are available: 2 node(s) had untolerated taint {team: ml.gpu}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
      want: "0/2 nodes: 2 node(s) had untolerated taint {team: ml.gpu}",
    },
    {
      name: "a PreFilter message without preemption",
      reason: "Unschedulable",
      message: "0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.",
      want: "0/3 nodes: pod has unbound immediate PersistentVolumeClaims",
    },
    {
      name: "another message is shown as it is",
      reason: "SchedulingGated",
      message: "Scheduling is blocked due to non-empty scheduling gates",
      want: "Scheduling is blocked due to non-empty scheduling gates",
    },
    { name: "a reason alone", reason: "SchedulingGated", message: null, want: "SchedulingGated" },
    { name: "nothing known yet", reason: null, message: null, want: "not scheduled yet" },
  ])("$name", ({ reason, message, want }) => {
    expect(pendingReason(podSummary({ name: "p", node: null, phase: "Pending", reason, message }))).toBe(want);
  });
});
