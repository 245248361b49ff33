import { describe, expect, it } from "vitest";
import type { PodSummary, SimulationResult } from "../../src/sandbox/result.js";
import { type Claim, claimSchema, holds } from "../../src/tutor/claims.js";

const pod = (over: Partial<PodSummary>): PodSummary => ({
  name: "web-abc-1",
  namespace: "default",
  owner: "Deployment/web",
  node: "node-a",
  phase: "Running",
  ready: true,
  restarts: 0,
  reason: null,
  message: null,
  deleted: false,
  ip: "10.0.0.1",
  status: "Running",
  readyContainers: "1/1",
  lastTerminationReason: null,
  ...over,
});

// Only contract fields are set: claims must not depend on fields added later.
const result = {
  apiVersion: "podsensei/v1",
  horizonSeconds: 600,
  cluster: { nodes: [] },
  rejected: [
    {
      document: 2,
      line: 1,
      kind: "Service",
      name: "x",
      namespace: "default",
      message: 'The Service "x" is invalid: bad',
      hint: null,
    },
  ],
  objects: [{ kind: "Deployment", apiVersion: "apps/v1", name: "web", namespace: "default" }],
  pods: [
    pod({}),
    pod({ name: "web-abc-2", node: "node-b" }),
    pod({
      name: "web-abc-3",
      node: null,
      phase: "Pending",
      ready: false,
      status: "Pending",
      reason: "Unschedulable",
      message: "0/3 nodes are available: 3 Insufficient cpu.",
    }),
    pod({
      name: "crashy",
      owner: null,
      node: "node-c",
      restarts: 5,
      status: "CrashLoopBackOff",
      reason: "CrashLoopBackOff",
      ready: false,
    }),
    pod({ name: "gone", deleted: true }),
  ],
  events: [
    {
      time: 1,
      type: "Warning",
      reason: "FailedScheduling",
      object: "Pod/web-abc-3",
      namespace: "default",
      source: "default-scheduler",
      message: "0/3 nodes are available: 3 Insufficient cpu.",
      count: 1,
      lastTime: 1,
    },
  ],
  findings: [
    {
      severity: "error",
      layer: "scheduling",
      object: "Deployment/web",
      message: "1 replica cannot be scheduled",
      hint: null,
    },
  ],
} as unknown as SimulationResult;

const cases: [string, Claim, boolean][] = [
  ["rejected count", { rejected: 1 }, true],
  ["rejected count wrong", { rejected: 0 }, false],
  ["rejection text", { rejectionIncludes: "is invalid" }, true],
  ["pods by owner and phase", { pods: { owner: "Deployment/web", phase: "Running", count: 2 } }, true],
  ["deleted pods do not count", { pods: { owner: "Deployment/web", count: 3 } }, true],
  ["pending with message", { pods: { phase: "Pending", messageIncludes: "Insufficient cpu", count: 1 } }, true],
  ["count range", { pods: { ready: false, count: { min: 1, max: 2 } } }, true],
  ["status column", { pods: { status: "CrashLoopBackOff", count: 1 } }, true],
  ["scheduled filter", { pods: { scheduled: false, count: 1 } }, true],
  ["distinct nodes", { distinctNodes: { owner: "Deployment/web", count: 2 } }, true],
  ["event with text", { eventReason: "FailedScheduling", messageIncludes: "3 Insufficient cpu" }, true],
  ["event with other text", { eventReason: "FailedScheduling", messageIncludes: "Insufficient memory" }, false],
  ["pod reason", { podReason: "CrashLoopBackOff" }, true],
  ["restarts", { restartsAtLeast: 5 }, true],
  ["restarts too many", { restartsAtLeast: 6 }, false],
  ["finding by layer", { finding: { layer: "scheduling" } }, true],
  ["finding of another layer", { finding: { layer: "network" } }, false],
  ["object", { object: { kind: "Deployment", name: "web" } }, true],
  ["allOf", { allOf: [{ rejected: 1 }, { restartsAtLeast: 9 }] }, false],
  ["anyOf", { anyOf: [{ rejected: 3 }, { restartsAtLeast: 1 }] }, true],
  ["not", { not: { podReason: "OOMKilled" } }, true],
];

describe("claims", () => {
  it.each(cases)("%s", (_name, claim, want) => {
    expect(claimSchema.parse(claim)).toEqual(claim);
    expect(holds(claim, result)).toBe(want);
  });

  it("rejects malformed claims", () => {
    expect(claimSchema.safeParse({ pods: { phase: "Sleeping", count: 1 } }).success).toBe(false);
    expect(claimSchema.safeParse({ rejected: 1, podReason: "x" }).success).toBe(false);
  });
});
