/**
 * Job policy fields as the v1.34 API server refuses them (pkg/apis/batch/validation/validation.go
 * validatePodFailurePolicy, validateSuccessPolicy, validatePodReplacementPolicy, validateJobSpec).
 */
import { describe, expect, it } from "vitest";
import { errorsOf, updateErrorsOf } from "./check.js";

const template = (restartPolicy = "Never") => ({
  spec: {
    restartPolicy,
    initContainers: [{ name: "setup", image: "busybox:1.36" }],
    containers: [{ name: "main", image: "busybox:1.36" }],
  },
});
const job = (spec: Record<string, unknown> = {}, name = "train") => ({
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: { name },
  spec: { template: template(), ...spec },
});
const indexed = (spec: Record<string, unknown> = {}) => job({ completionMode: "Indexed", completions: 5, ...spec });
const exitCodes = (operator: string | undefined, values: unknown, extra: Record<string, unknown> = {}) => ({
  action: "FailJob",
  onExitCodes: {
    ...(operator === undefined ? {} : { operator }),
    ...(values === undefined ? {} : { values }),
    ...extra,
  },
});
const pfp = (...rules: unknown[]) => ({ podFailurePolicy: { rules } });
const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => i + from);

describe("podFailurePolicy", () => {
  it.each([
    {
      name: "valid exit-code and condition rules",
      manifest: job(
        pfp(exitCodes("In", [1, 42]), { action: "Ignore", onPodConditions: [{ type: "DisruptionTarget" }] }),
      ),
      want: [],
    },
    {
      name: "restartPolicy OnFailure",
      manifest: job({ ...pfp(exitCodes("In", [42])), template: template("OnFailure") }),
      want: [
        'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
      ],
    },
    {
      name: "21 rules",
      manifest: job(pfp(...range(21, 1).map((v) => exitCodes("In", [v])))),
      want: ["spec.podFailurePolicy.rules: Too many: 21: must have at most 20 items"],
    },
    {
      name: "action missing",
      manifest: job(pfp({ onExitCodes: { operator: "In", values: [1] } })),
      want: [
        'spec.podFailurePolicy.rules[0].action: Required value: valid values: ["Count" "FailIndex" "FailJob" "Ignore"]',
      ],
    },
    {
      name: "unknown action",
      manifest: job(pfp({ action: "Retry", onExitCodes: { operator: "In", values: [1] } })),
      want: [
        'spec.podFailurePolicy.rules[0].action: Unsupported value: "Retry": supported values: "Count", "FailIndex", "FailJob", "Ignore"',
      ],
    },
    {
      name: "FailIndex without backoffLimitPerIndex",
      manifest: job(pfp({ action: "FailIndex", onExitCodes: { operator: "In", values: [1] } })),
      want: [
        'spec.podFailurePolicy.rules[0].action: Invalid value: "FailIndex": requires the backoffLimitPerIndex to be set',
      ],
    },
    {
      name: "FailIndex with backoffLimitPerIndex on an Indexed Job",
      manifest: indexed({
        backoffLimitPerIndex: 1,
        ...pfp({ action: "FailIndex", onExitCodes: { operator: "In", values: [1] } }),
      }),
      want: [],
    },
    {
      name: "operator missing",
      manifest: job(pfp(exitCodes(undefined, [1]))),
      want: ['spec.podFailurePolicy.rules[0].onExitCodes.operator: Required value: valid values: ["In" "NotIn"]'],
    },
    {
      name: "unknown operator",
      manifest: job(pfp(exitCodes("Equals", [1]))),
      want: [
        'spec.podFailurePolicy.rules[0].onExitCodes.operator: Unsupported value: "Equals": supported values: "In", "NotIn"',
      ],
    },
    {
      name: "containerName not in the template",
      manifest: job(pfp(exitCodes("In", [1], { containerName: "sidecar" }))),
      want: [
        'spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: "sidecar": must be one of the container or initContainer names in the pod template',
      ],
    },
    {
      name: "containerName of an init container",
      manifest: job(pfp(exitCodes("In", [1], { containerName: "setup" }))),
      want: [],
    },
    {
      name: "empty values",
      manifest: job(pfp(exitCodes("In", []))),
      want: [
        "spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{}: at least one value is required",
      ],
    },
    {
      name: "values missing",
      manifest: job(pfp(exitCodes("NotIn", undefined))),
      want: [
        "spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32(nil): at least one value is required",
      ],
    },
    {
      name: "256 values",
      manifest: job(pfp(exitCodes("NotIn", range(256)))),
      want: ["spec.podFailurePolicy.rules[0].onExitCodes.values: Too many: 256: must have at most 255 items"],
    },
    {
      name: "0 with In",
      manifest: job(pfp(exitCodes("In", [0, 1]))),
      want: [
        "spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator",
      ],
    },
    { name: "0 with NotIn", manifest: job(pfp(exitCodes("NotIn", [0]))), want: [] },
    {
      name: "duplicates, each reported",
      manifest: job(pfp(exitCodes("In", [12, 13, 13, 13]))),
      want: [
        "spec.podFailurePolicy.rules[0].onExitCodes.values[2]: Duplicate value: 13",
        "spec.podFailurePolicy.rules[0].onExitCodes.values[3]: Duplicate value: 13",
      ],
    },
    {
      name: "unordered",
      manifest: job(pfp(exitCodes("In", [19, 11]))),
      want: ["spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{19, 11}: must be ordered"],
    },
    {
      name: "both onExitCodes and onPodConditions",
      manifest: job(pfp({ ...exitCodes("In", [1]), onPodConditions: [{ type: "DisruptionTarget", status: "True" }] })),
      want: [
        "spec.podFailurePolicy.rules[0]: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported",
      ],
    },
    {
      name: "neither onExitCodes nor onPodConditions",
      manifest: job(pfp({ action: "Count", onPodConditions: [] })),
      want: [
        "spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required",
      ],
    },
    {
      name: "21 condition patterns",
      manifest: job(pfp({ action: "Ignore", onPodConditions: range(21).map((i) => ({ type: `Custom${i}` })) })),
      want: ["spec.podFailurePolicy.rules[0].onPodConditions: Too many: 21: must have at most 20 items"],
    },
    {
      name: "condition type not a qualified name",
      manifest: job(pfp({ action: "Ignore", onPodConditions: [{ type: "Invalid Condition Type" }] })),
      want: [
        "spec.podFailurePolicy.rules[0].onPodConditions[0].type: Invalid value: \"Invalid Condition Type\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ],
    },
    {
      name: "unknown condition status",
      manifest: job(pfp({ action: "Ignore", onPodConditions: [{ type: "DisruptionTarget", status: "Maybe" }] })),
      want: [
        'spec.podFailurePolicy.rules[0].onPodConditions[0].status: Unsupported value: "Maybe": supported values: "False", "True", "Unknown"',
      ],
    },
    {
      name: "the same rules inside a CronJob's jobTemplate",
      manifest: {
        apiVersion: "batch/v1",
        kind: "CronJob",
        metadata: { name: "nightly" },
        spec: {
          schedule: "0 2 * * *",
          jobTemplate: { spec: { template: template("OnFailure"), ...pfp(exitCodes("In", [3, 1])) } },
        },
      },
      want: [
        "spec.jobTemplate.spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{3, 1}: must be ordered",
        'spec.jobTemplate.spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
      ],
    },
  ])("$name", ({ manifest, want }) => {
    expect(errorsOf(manifest)).toEqual(want);
  });
});

describe("backoffLimitPerIndex and maxFailedIndexes", () => {
  it.each([
    { name: "valid on an Indexed Job", manifest: indexed({ backoffLimitPerIndex: 1, maxFailedIndexes: 2 }), want: [] },
    {
      name: "NonIndexed",
      manifest: job({ backoffLimitPerIndex: 1, maxFailedIndexes: 1 }),
      want: [
        "spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode",
        "spec.maxFailedIndexes: Invalid value: 1: requires indexed completion mode",
      ],
    },
    {
      name: "maxFailedIndexes without backoffLimitPerIndex",
      manifest: indexed({ maxFailedIndexes: 1 }),
      want: ["spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified"],
    },
    {
      name: "negative",
      manifest: indexed({ backoffLimitPerIndex: -1, maxFailedIndexes: -2 }),
      want: [
        "spec.backoffLimitPerIndex: Invalid value: -1: must be greater than or equal to 0",
        "spec.maxFailedIndexes: Invalid value: -2: must be greater than or equal to 0",
      ],
    },
    {
      name: "maxFailedIndexes above completions",
      manifest: indexed({ backoffLimitPerIndex: 1, maxFailedIndexes: 6 }),
      want: ["spec.maxFailedIndexes: Invalid value: 6: must be less than or equal to completions"],
    },
    {
      name: "more than 100,000 completions need maxFailedIndexes and lower limits",
      manifest: indexed({ completions: 100_001, parallelism: 10_001, backoffLimitPerIndex: 1 }),
      want: [
        "spec.maxFailedIndexes: Required value: must be specified when completions is above 100000",
        "spec.parallelism: Invalid value: 10001: must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index",
      ],
    },
    {
      name: "Indexed parallelism limit",
      manifest: indexed({ completions: 200_000, parallelism: 100_001 }),
      want: [
        "spec.parallelism: Invalid value: 100001: must be less than or equal to 100000 when completion mode is Indexed",
      ],
    },
    {
      name: "an Indexed Job's last hostname must be a DNS label",
      manifest: { ...indexed(), metadata: { name: "train.v2" } },
      want: [
        'metadata.name: Invalid value: "train.v2": will not able to create pod with invalid DNS label: train.v2-4',
      ],
    },
  ])("$name", ({ manifest, want }) => {
    expect(errorsOf(manifest)).toEqual(want);
  });
});

describe("successPolicy", () => {
  const sp = (...rules: unknown[]) => ({ successPolicy: { rules } });
  it.each([
    {
      name: "valid",
      manifest: indexed(sp({ succeededIndexes: "0,2-4", succeededCount: 2 }, { succeededCount: 5 })),
      want: [],
    },
    {
      name: "NonIndexed Job",
      manifest: job({ successPolicy: { rules: [] } }),
      want: [
        "spec.successPolicy: Invalid value: batch.SuccessPolicy{Rules:[]batch.SuccessPolicyRule{}}: requires indexed completion mode",
      ],
    },
    {
      name: "no rules",
      manifest: indexed({ successPolicy: {} }),
      want: [
        "spec.successPolicy.rules: Required value: at least one rules must be specified when the successPolicy is specified",
      ],
    },
    {
      name: "21 rules",
      manifest: indexed(sp(...range(21).map(() => ({ succeededCount: 1 })))),
      want: ["spec.successPolicy.rules: Too many: 21: must have at most 20 items"],
    },
    {
      name: "empty rule",
      manifest: indexed(sp({})),
      want: [
        "spec.successPolicy.rules[0]: Required value: at least one of succeededCount or succeededIndexes must be specified",
      ],
    },
    {
      name: "not a number",
      manifest: indexed(sp({ succeededIndexes: "invalid-format" })),
      want: [
        'spec.successPolicy.rules[0].succeededIndexes: Invalid value: "invalid-format": error parsing succeededIndexes: cannot convert string to integer for index: "invalid"',
      ],
    },
    {
      name: "three parts",
      manifest: indexed(sp({ succeededIndexes: "0-1-2" })),
      want: [
        `spec.successPolicy.rules[0].succeededIndexes: Invalid value: "0-1-2": error parsing succeededIndexes: the fragment "0-1-2" violates the requirement that an index interval can have at most two parts separated by '-'`,
      ],
    },
    {
      name: "index past completions",
      manifest: indexed(sp({ succeededIndexes: "1,5" })),
      want: [
        'spec.successPolicy.rules[0].succeededIndexes: Invalid value: "1,5": error parsing succeededIndexes: too large index: "5"',
      ],
    },
    {
      name: "decreasing range",
      manifest: indexed(sp({ succeededIndexes: "3-1" })),
      want: [
        'spec.successPolicy.rules[0].succeededIndexes: Invalid value: "3-1": error parsing succeededIndexes: non-increasing order, previous: 3, current: 1',
      ],
    },
    {
      name: "overlapping intervals",
      manifest: indexed(sp({ succeededIndexes: "0-2,2" })),
      want: [
        'spec.successPolicy.rules[0].succeededIndexes: Invalid value: "0-2,2": error parsing succeededIndexes: non-increasing order, previous: 2, current: 2',
      ],
    },
    {
      name: "too long",
      manifest: indexed({ completions: 100_000, ...sp({ succeededIndexes: "1".repeat(65_537) }) }),
      want: [
        "spec.successPolicy.rules[0].succeededIndexes: Too long: may not be more than 65536 bytes",
        `spec.successPolicy.rules[0].succeededIndexes: Invalid value: "${"1".repeat(65_537)}": error parsing succeededIndexes: cannot convert string to integer for index: "${"1".repeat(65_537)}"`,
      ],
    },
    {
      name: "succeededCount above completions",
      manifest: indexed(sp({ succeededCount: 6 })),
      want: [
        "spec.successPolicy.rules[0].succeededCount: Invalid value: 6: must be less than or equal to 5 (the number of specified completions)",
      ],
    },
    {
      name: "succeededCount above the listed indexes",
      manifest: indexed(sp({ succeededCount: 4, succeededIndexes: "0-2" })),
      want: [
        "spec.successPolicy.rules[0].succeededCount: Invalid value: 4: must be less than or equal to 3 (the number of indexes in the specified succeededIndexes field)",
      ],
    },
    {
      name: "negative succeededCount",
      manifest: indexed(sp({ succeededCount: -1 })),
      want: ["spec.successPolicy.rules[0].succeededCount: Invalid value: -1: must be greater than or equal to 0"],
    },
  ])("$name", ({ manifest, want }) => {
    expect(errorsOf(manifest)).toEqual(want);
  });
});

describe("podReplacementPolicy", () => {
  it.each([
    { name: "Failed", manifest: job({ podReplacementPolicy: "Failed" }), want: [] },
    {
      name: "unknown value",
      manifest: job({ podReplacementPolicy: "Always" }),
      want: [
        'spec.podReplacementPolicy: Unsupported value: "Always": supported values: "Failed", "TerminatingOrFailed"',
      ],
    },
    {
      name: "TerminatingOrFailed with a podFailurePolicy",
      manifest: job({ podReplacementPolicy: "TerminatingOrFailed", ...pfp(exitCodes("In", [1])) }),
      want: ['spec.podReplacementPolicy: Unsupported value: "TerminatingOrFailed": supported values: "Failed"'],
    },
  ])("$name", ({ manifest, want }) => {
    expect(errorsOf(manifest)).toEqual(want);
  });
});

describe("policy fields are immutable", () => {
  it.each([
    {
      name: "podFailurePolicy",
      previous: job(pfp(exitCodes("In", [1]))),
      next: job(pfp(exitCodes("In", [2]))),
      want: ["spec.podFailurePolicy: Invalid value: batch.PodFailurePolicy{...}: field is immutable"],
    },
    {
      name: "backoffLimitPerIndex",
      previous: indexed({ backoffLimitPerIndex: 1 }),
      next: indexed({ backoffLimitPerIndex: 2 }),
      want: ["spec.backoffLimitPerIndex: Invalid value: 2: field is immutable"],
    },
    {
      name: "successPolicy removed",
      previous: indexed({ successPolicy: { rules: [{ succeededCount: 1 }] } }),
      next: indexed(),
      want: ["spec.successPolicy: Invalid value: null: field is immutable"],
    },
  ])("$name", ({ previous, next, want }) => {
    expect(updateErrorsOf(previous, next)).toEqual(want);
  });
});
