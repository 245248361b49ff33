import { describe, expect, it } from "vitest";
import { explainPlacement, pendingSummary } from "../../../src/sandbox/explain/placement.js";
import { run } from "./harness.js";

function deployment(name: string, cpu: string, podExtra = ""): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
${podExtra}      containers: [{name: app, image: "nginx:1.27", resources: {requests: {cpu: "${cpu}"}}}]
`;
}

function recordOf(yaml: string) {
  const r = run(yaml, 60);
  const pod = r.cluster.store.list("Pod")[0];
  if (!pod) throw new Error("no pod");
  const record = r.cluster.scheduling?.explain(`${pod.metadata.namespace}/${pod.metadata.name}`);
  if (!record) throw new Error("no record");
  return { pod, record };
}

describe("explainPlacement", () => {
  it("why Pending: the FailedScheduling text, then each node's verdict grouped by plugin and reason", () => {
    const { pod, record } = recordOf(deployment("big", "9"));
    const lines = explainPlacement(record);
    expect(lines[0]).toBe(
      `default/${pod.metadata.name} is Pending: ${pod.status?.conditions.find((c: { type: string }) => c.type === "PodScheduled").message}`,
    );
    expect(lines.slice(1, 3)).toEqual(["Per node:", "  node-a, node-b, node-c: NodeResourcesFit: Insufficient cpu"]);
    expect(pendingSummary(record)).toBe("node-a, node-b, node-c ruled out by NodeResourcesFit");
  });

  it("why this node: feasible nodes, weighted scores best first with the chosen node marked", () => {
    const { pod, record } = recordOf(deployment("web", "100m"));
    const lines = explainPlacement(record);
    const node = pod.spec?.nodeName as string;
    const t = record.last.scores;
    const best = Math.max(...Array.from(t?.totals ?? []));
    const tied = (t?.nodes ?? []).filter((_n, i) => t?.totals[i] === best);
    const why =
      tied.length > 1
        ? `${tied.join(", ")} tied at ${best}; the scheduler picked ${node} among them at random (seeded)`
        : `${node} scored highest`;
    expect(tied).toContain(node);
    expect(lines[0]).toBe(`default/${pod.metadata.name} → ${node}: 3 of 3 node(s) passed the filters; ${why}`);
    expect(lines[1]).toBe("Scores (normalised × weight):");
    const scoreLines = lines.slice(2, 5);
    expect(scoreLines[0]).toMatch(new RegExp(`^  ${node}: \\d+ .*← chosen$`));
    const totals = scoreLines.map((l) => Number(l.split(":")[1]?.trim().split(" ")[0]));
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
    expect(pendingSummary(record)).toBeNull();
  });

  it("names the nodes a filter ruled out for a scheduled pod", () => {
    const { record } = recordOf(deployment("pinned", "100m", "      nodeSelector: {kubernetes.io/hostname: node-c}\n"));
    const lines = explainPlacement(record);
    expect(lines[0]).toContain("→ node-c: 1 of 3 node(s) passed the filters");
    expect(lines.slice(-2)).toEqual([
      "Ruled out:",
      "  node-a, node-b: NodeAffinity: node(s) didn't match Pod's node affinity/selector",
    ]);
  });
});

describe("explainPlacement on hand-made records", () => {
  const base = {
    time: 0,
    attempt: 1,
    numAllNodes: 3,
    preFilter: null,
    narrowedBy: [],
    evaluatedNodes: 3,
    viaNominatedNode: false,
    detail: "full" as const,
    reasonCounts: {},
  };
  const scores = (totals: number[]) => ({
    nodes: ["node-a", "node-b", "node-c"],
    totals,
    plugins: [{ plugin: "NodeResourcesFit", weight: 1, raw: totals, normalized: totals }],
    skipped: [],
  });
  const record = (last: object) => ({
    pod: "default/p",
    uid: "u",
    attempts: 1,
    scheduledNode: null,
    nominatedNode: null,
    history: [],
    last: { ...base, ...last } as never,
  });

  it.each([
    { totals: [50, 90, 70], want: "default/p → node-b: 3 of 3 node(s) passed the filters; node-b scored highest" },
    {
      totals: [90, 90, 70],
      want: "default/p → node-b: 3 of 3 node(s) passed the filters; node-a, node-b tied at 90; the scheduler picked node-b among them at random (seeded)",
    },
  ])("scores $totals → $want", ({ totals, want }) => {
    const lines = explainPlacement(
      record({
        outcome: "Scheduled",
        node: "node-b",
        message: null,
        rejected: [],
        feasible: ["node-a", "node-b", "node-c"],
        scores: scores(totals),
        preemption: null,
      }),
    );
    expect(lines[0]).toBe(want);
    expect(lines[2]).toBe(`  node-b: ${totals[1]} (NodeResourcesFit ${totals[1]}×1)  ← chosen`);
  });

  it("a pending pod with a nominated node names the preemption victims", () => {
    const lines = explainPlacement(
      record({
        outcome: "Unschedulable",
        node: null,
        message: "0/3 nodes are available: 3 Insufficient cpu.",
        rejected: ["node-a", "node-b", "node-c"].map((node) => ({
          node,
          plugin: "NodeResourcesFit",
          code: "Unschedulable",
          reasons: ["Insufficient cpu"],
        })),
        feasible: [],
        scores: null,
        preemption: { nominatedNode: "node-a", victims: ["default/low-1"] },
      }),
    );
    expect(lines).toEqual([
      "default/p is Pending: 0/3 nodes are available: 3 Insufficient cpu.",
      "Per node:",
      "  node-a, node-b, node-c: NodeResourcesFit: Insufficient cpu",
      "Preemption: evicting default/low-1 on node-a makes room",
    ]);
  });
});
