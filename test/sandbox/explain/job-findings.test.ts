/**
 * Job policy findings from a real simulated cluster: the Job controller fails or completes the
 * Job, and the finding names the rule or limit behind its condition.
 */
import { describe, expect, it } from "vitest";
import { JOB_POLICY_REASONS, jobPolicyFindings } from "../../../src/sandbox/explain/job-findings.js";
import type { Finding } from "../../../src/sandbox/result.js";
import { run } from "./harness.js";

function job(name: string, spec: string, command: string, podExtra = ""): string {
  return `apiVersion: batch/v1
kind: Job
metadata: {name: ${name}}
spec:
${spec}
  template:
    spec:
      restartPolicy: Never
${podExtra}      containers:
      - {name: main, image: "busybox:1.36", command: ${command}}
`;
}

const policyFindings = (r: ReturnType<typeof run>): Finding[] =>
  jobPolicyFindings({ cluster: r.cluster, scheduler: r.cluster.scheduling });

const cases: {
  name: string;
  yaml: string;
  at: number;
  then?: string[];
  want: { severity: Finding["severity"]; layer: Finding["layer"]; object: string; includes: string[] }[];
}[] = [
  {
    name: "FailJob on an exit code → the rule and the controller's message",
    yaml: job(
      "train",
      `  backoffLimit: 6
  podFailurePolicy:
    rules:
    - action: Ignore
      onPodConditions: [{type: DisruptionTarget}]
    - action: FailJob
      onExitCodes: {containerName: main, operator: In, values: [3, 42]}`,
      `["sh", "-c", "exit 42"]`,
    ),
    at: 120,
    want: [
      {
        severity: "error",
        layer: "runtime",
        object: "Job/train",
        includes: [
          'failed by its podFailurePolicy: rule 1 (FailJob on exit code In [3, 42] of container "main") matched',
          '("Container main for pod default/train-',
          'failed with exit code 42 matching FailJob rule at index 1")',
          "without the retries backoffLimit (6) would allow",
        ],
      },
    ],
  },
  {
    name: "FailJob on DisruptionTarget → a drain fails the Job",
    yaml: job(
      "etl",
      `  podFailurePolicy:
    rules:
    - action: FailJob
      onPodConditions: [{type: DisruptionTarget}]`,
      `["sleep", "600"]`,
      "      nodeSelector: {kubernetes.io/hostname: node-b}\n",
    ),
    at: 180,
    then: ["1m: kubectl drain node-b --ignore-daemonsets"],
    want: [
      {
        severity: "error",
        layer: "runtime",
        object: "Job/etl",
        includes: [
          "failed by its podFailurePolicy: rule 0 (FailJob on pod condition DisruptionTarget=True) matched",
          "has condition DisruptionTarget matching FailJob rule at index 0",
        ],
      },
    ],
  },
  {
    name: "FailJob matched but the evicted pod still terminates → FailureTarget, not yet Failed",
    yaml: job(
      "etl",
      `  parallelism: 2
  completions: 2
  podFailurePolicy:
    rules:
    - action: FailJob
      onPodConditions: [{type: DisruptionTarget}]`,
      `["sleep", "600"]`,
      `      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [node-a, node-b]}]
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - {labelSelector: {matchLabels: {job-name: etl}}, topologyKey: kubernetes.io/hostname}
`,
    ),
    at: 100,
    then: ["1m: kubectl drain node-b --ignore-daemonsets"],
    want: [
      {
        severity: "error",
        layer: "runtime",
        object: "Job/etl",
        includes: ["is failing (its last pods are terminating) by its podFailurePolicy: rule 0"],
      },
    ],
  },
  {
    name: "every index out of retries → FailedIndexes lists them",
    yaml: job(
      "sweep",
      `  completionMode: Indexed
  completions: 3
  parallelism: 3
  backoffLimitPerIndex: 1`,
      `["sh", "-c", "exit 1"]`,
    ),
    at: 300,
    want: [
      {
        severity: "error",
        layer: "runtime",
        object: "Job/sweep",
        includes: [
          "failed with FailedIndexes: 3 indexes (0-2) failed for good: each used up its backoffLimitPerIndex (1);",
          "(completed indexes: none)",
        ],
      },
    ],
  },
  {
    name: "past maxFailedIndexes → MaxFailedIndexesExceeded",
    yaml: job(
      "grid",
      `  completionMode: Indexed
  completions: 4
  parallelism: 1
  backoffLimitPerIndex: 0
  maxFailedIndexes: 1`,
      `["sh", "-c", "exit 1"]`,
    ),
    at: 300,
    want: [
      {
        severity: "error",
        layer: "runtime",
        object: "Job/grid",
        includes: [
          "failed with MaxFailedIndexesExceeded: 2 indexes (0,1) failed for good",
          "more than maxFailedIndexes (1) allows",
        ],
      },
    ],
  },
  {
    name: "an index failed while others still run → the end is announced",
    yaml: job(
      "long",
      `  completionMode: Indexed
  completions: 3
  parallelism: 3
  backoffLimitPerIndex: 0`,
      `["sleep", "3600"]`,
    ),
    at: 180,
    then: ["1m: kubectl drain node-b --ignore-daemonsets"],
    want: [
      {
        severity: "warning",
        layer: "runtime",
        object: "Job/long",
        includes: ["failed for good (backoffLimitPerIndex 0 used up)", "will end Failed with FailedIndexes"],
      },
    ],
  },
  {
    name: "successPolicy met → info with the rule and the succeeded indexes",
    yaml: job(
      "shards",
      `  completionMode: Indexed
  completions: 5
  parallelism: 2
  successPolicy:
    rules:
    - succeededIndexes: "0-3"
      succeededCount: 2`,
      `["sleep", "10"]`,
    ),
    at: 180,
    want: [
      {
        severity: "info",
        layer: "spec",
        object: "Job/shards",
        includes: [
          'completed early by its successPolicy: rule 0 (succeededIndexes "0-3", succeededCount 2) was met ("Matched rules at index 0")',
          "with 2 indexes succeeded (0,1) of 5",
        ],
      },
    ],
  },
  {
    name: "a Job that completes all its pods → no policy finding",
    yaml: job("plain", "  completions: 2", `["sleep", "5"]`),
    at: 120,
    want: [],
  },
  {
    name: "BackoffLimitExceeded is not a policy failure",
    yaml: job("crash", "  backoffLimit: 0", `["sh", "-c", "exit 1"]`),
    at: 120,
    want: [],
  },
];

describe("Job policy findings", () => {
  it.each(cases)("$name", ({ yaml, at, then, want }) => {
    const r = run(yaml, at, then ?? []);
    const got = policyFindings(r);
    expect(got.map((f) => [f.severity, f.layer, f.object])).toEqual(want.map((w) => [w.severity, w.layer, w.object]));
    got.forEach((f, i) => {
      for (const text of want[i]?.includes ?? []) expect(f.message).toContain(text);
      expect(f.hint).not.toBeNull();
    });
    // The findings reach the JSON result through FINDING_SOURCES.
    for (const f of got) expect(r.result.findings).toContainEqual(f);
  });

  it("names the reasons it explains", () => {
    expect(JOB_POLICY_REASONS).toEqual(["PodFailurePolicy", "FailedIndexes", "MaxFailedIndexesExceeded"]);
  });
});
