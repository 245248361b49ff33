/**
 * SetDefaults_Job and SetDefaults_PodFailurePolicyOnPodConditionsPattern for the Job policy
 * fields (pkg/apis/batch/v1/defaults.go).
 */
import { describe, expect, it } from "vitest";
import { applyDefaults } from "../../../../src/sandbox/api/defaults/index.js";
import type { KubeObject } from "../../../../src/sandbox/model/object.js";
import { kind } from "../validation/kinds.js";

const template = { spec: { restartPolicy: "Never", containers: [{ name: "main", image: "busybox:1.36" }] } };

function defaulted(kindName: "Job" | "CronJob", spec: Record<string, unknown>): KubeObject {
  const obj = { apiVersion: "batch/v1", kind: kindName, metadata: { name: "train" }, spec } as KubeObject;
  applyDefaults(obj, kind(kindName));
  return obj;
}

const conditionRules = () => ({
  rules: [
    { action: "Ignore", onPodConditions: [{ type: "DisruptionTarget" }, { type: "Ready", status: "False" }] },
    { action: "FailJob", onExitCodes: { operator: "In", values: [42] } },
  ],
});

describe("Job policy defaults", () => {
  it.each([
    {
      name: "no podFailurePolicy → TerminatingOrFailed, backoffLimit 6",
      spec: { template },
      want: { podReplacementPolicy: "TerminatingOrFailed", backoffLimit: 6, manualSelector: false },
    },
    {
      name: "podFailurePolicy → Failed",
      spec: { template, podFailurePolicy: conditionRules() },
      want: { podReplacementPolicy: "Failed", backoffLimit: 6, manualSelector: false },
    },
    {
      name: "backoffLimitPerIndex → backoffLimit MaxInt32",
      spec: { template, completionMode: "Indexed", completions: 3, backoffLimitPerIndex: 1 },
      want: { podReplacementPolicy: "TerminatingOrFailed", backoffLimit: 2147483647, manualSelector: false },
    },
    {
      name: "set values are kept",
      spec: { template, podReplacementPolicy: "Failed", backoffLimit: 2, manualSelector: true },
      want: { podReplacementPolicy: "Failed", backoffLimit: 2, manualSelector: true },
    },
  ])("$name", ({ spec, want }) => {
    const s = defaulted("Job", spec).spec;
    expect({
      podReplacementPolicy: s.podReplacementPolicy,
      backoffLimit: s.backoffLimit,
      manualSelector: s.manualSelector,
    }).toEqual(want);
  });

  it("onPodConditions patterns without a status match True; a given status is kept", () => {
    const s = defaulted("Job", { template, podFailurePolicy: conditionRules() }).spec;
    expect(s.podFailurePolicy.rules[0].onPodConditions).toEqual([
      { type: "DisruptionTarget", status: "True" },
      { type: "Ready", status: "False" },
    ]);
    expect(s.podFailurePolicy.rules[1]).toEqual({ action: "FailJob", onExitCodes: { operator: "In", values: [42] } });
  });

  it("a CronJob's jobTemplate gets the pattern default but not the Job-level defaults", () => {
    const s = defaulted("CronJob", {
      schedule: "0 2 * * *",
      jobTemplate: { spec: { template, podFailurePolicy: conditionRules() } },
    }).spec.jobTemplate.spec;
    expect(s.podFailurePolicy.rules[0].onPodConditions[0]).toEqual({ type: "DisruptionTarget", status: "True" });
    expect([s.podReplacementPolicy, s.manualSelector, s.backoffLimit]).toEqual([undefined, undefined, undefined]);
  });
});
