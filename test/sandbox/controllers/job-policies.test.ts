import { describe, expect, it } from "vitest";
import { timestampAt } from "../../../src/sandbox/api/server.js";
import { jobController } from "../../../src/sandbox/controllers/job.js";
import { apply, controllerCluster, messages, podsOf } from "./harness.js";

function job(spec: Record<string, any>, command: string[]): Record<string, any> {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "work", namespace: "default" },
    spec: {
      ...spec,
      template: { spec: { restartPolicy: "Never", containers: [{ name: "w", image: "busybox", command }] } },
    },
  };
}

function cluster() {
  return controllerCluster([jobController()]);
}

type C = ReturnType<typeof cluster>;

function status(c: C): Record<string, any> {
  return c.store.get("Job", "default", "work")?.status ?? {};
}

function conditions(c: C): [string, string, string][] {
  return (status(c).conditions ?? []).map((x: any) => [x.type, x.reason, x.message]);
}

/** Ends a pod as the kubelet would: terminal phase, one terminated container, optional conditions. */
function finish(c: C, name: string, phase: "Succeeded" | "Failed", exitCode: number, extra: object[] = []): void {
  c.store.patch("Pod", "default", name, (p) => {
    const at = timestampAt(c.clock.now);
    p.status = {
      ...p.status,
      phase,
      conditions: [...extra, { type: "Ready", status: "False", lastTransitionTime: at }],
      containerStatuses: [
        { name: "w", ready: false, restartCount: 0, state: { terminated: { exitCode, finishedAt: at } } },
      ],
    };
  });
}

const created = (c: C) => messages(c, "SuccessfulCreate", "Job/work").length;

describe("Job podFailurePolicy (pod_failure_policy.go, job_controller.go)", () => {
  it("FailJob on an exit code: FailureTarget, then Failed with reason PodFailurePolicy and upstream's message", () => {
    const c = cluster();
    apply(
      c,
      job(
        {
          backoffLimit: 6,
          podFailurePolicy: { rules: [{ action: "FailJob", onExitCodes: { operator: "In", values: [42] } }] },
        },
        ["sh", "-c", "exit 42"],
      ),
    );
    c.clock.runUntil(120);
    const [pod] = podsOf(c, "work-");
    expect(created(c)).toBe(1);
    const msg = `Container w for pod default/${pod?.metadata.name} failed with exit code 42 matching FailJob rule at index 0`;
    expect(conditions(c)).toEqual([
      ["FailureTarget", "PodFailurePolicy", msg],
      ["Failed", "PodFailurePolicy", msg],
    ]);
    expect(c.recorder.list().find((e) => e.reason === "PodFailurePolicy")).toMatchObject({
      type: "Warning",
      message: msg,
      source: "job-controller",
    });
    expect(status(c)).toMatchObject({ failed: 1, active: 0 });
  });

  it("a FailJob rule that does not match (NotIn) leaves the failure to backoffLimit", () => {
    const c = cluster();
    const rules = [{ action: "FailJob", onExitCodes: { operator: "NotIn", values: [1] } }];
    apply(c, job({ backoffLimit: 1, podFailurePolicy: { rules } }, ["sh", "-c", "exit 1"]));
    c.clock.runUntil(120);
    expect(created(c)).toBe(2);
    expect(conditions(c).at(-1)).toEqual([
      "Failed",
      "BackoffLimitExceeded",
      "Job has reached the specified backoff limit",
    ]);
  });

  it("Ignore: failures matching the rule do not count against backoffLimit, but back-off still applies", () => {
    const c = cluster();
    const rules = [{ action: "Ignore", onExitCodes: { operator: "In", values: [1] } }];
    apply(c, job({ backoffLimit: 0, podFailurePolicy: { rules } }, ["sh", "-c", "exit 1"]));
    c.clock.runUntil(80);
    // Created at 0, then 10 s and 20 s after each failure (each pod fails 2 s after creation).
    expect(
      c.recorder
        .list()
        .filter((e) => e.reason === "SuccessfulCreate")
        .map((e) => e.time),
    ).toEqual([0, 12, 34, 76]);
    expect(status(c)).toMatchObject({ failed: 0 });
    expect(conditions(c)).toEqual([]);
  });

  it("onPodConditions DisruptionTarget with Ignore: an evicted pod is replaced and not counted", () => {
    const c = cluster();
    const rules = [{ action: "Ignore", onPodConditions: [{ type: "DisruptionTarget" }] }];
    apply(c, job({ backoffLimit: 0, podFailurePolicy: { rules } }, ["sleep", "300"]));
    c.clock.runUntil(5);
    const [first] = podsOf(c, "work-");
    finish(c, first?.metadata.name ?? "", "Failed", 137, [
      { type: "DisruptionTarget", status: "True", reason: "EvictionByEvictionAPI" },
    ]);
    c.clock.runUntil(30);
    expect(created(c)).toBe(2);
    expect(status(c)).toMatchObject({ failed: 0, active: 1 });
    expect(conditions(c)).toEqual([]);
  });

  it("onPodConditions FailJob names the condition in the message", () => {
    const c = cluster();
    const rules = [{ action: "FailJob", onPodConditions: [{ type: "DisruptionTarget", status: "True" }] }];
    apply(c, job({ podFailurePolicy: { rules } }, ["sleep", "300"]));
    c.clock.runUntil(5);
    const name = podsOf(c, "work-")[0]?.metadata.name ?? "";
    finish(c, name, "Failed", 137, [{ type: "DisruptionTarget", status: "True" }]);
    c.clock.runUntil(30);
    expect(conditions(c).at(-1)).toEqual([
      "Failed",
      "PodFailurePolicy",
      `Pod default/${name} has condition DisruptionTarget matching FailJob rule at index 0`,
    ]);
  });
});

describe("Job podReplacementPolicy and status.terminating", () => {
  function deleteRunning(c: C): void {
    const [pod] = podsOf(c, "work-");
    c.api.delete("Pod", "default", pod?.metadata.name ?? "", 30);
  }

  it("TerminatingOrFailed (default): a terminating pod already counts as failed and starts the back-off", () => {
    const c = cluster();
    apply(c, job({}, ["sleep", "300"]));
    c.clock.runUntil(5);
    deleteRunning(c);
    c.clock.runUntil(c.clock.now);
    expect(status(c)).toMatchObject({ active: 0, terminating: 1, failed: 1 });
    c.clock.runUntil(60);
    // Failure time = deletionTimestamp - grace period = 5 s; the replacement follows 10 s later.
    expect(
      c.recorder
        .list()
        .filter((e) => e.reason === "SuccessfulCreate")
        .map((e) => e.time),
    ).toEqual([0, 15]);
  });

  it("Failed: the replacement waits until the deleted pod is gone", () => {
    const c = cluster();
    apply(c, job({ podReplacementPolicy: "Failed" }, ["sleep", "300"]));
    c.clock.runUntil(5);
    deleteRunning(c);
    c.clock.runUntil(c.clock.now);
    expect(status(c)).toMatchObject({ active: 0, terminating: 1, failed: 0 });
    expect(created(c)).toBe(1);
    // The harness kubelet removes the pod 1 s later; only then is it a failure, and back-off applies.
    c.clock.runUntil(c.clock.now + 30);
    expect(created(c)).toBe(2);
    expect(status(c)).toMatchObject({ active: 1, terminating: 0, failed: 1 });
  });
});

describe("Indexed Jobs: backoffLimitPerIndex, maxFailedIndexes, FailIndex (indexed_job_utils.go)", () => {
  const indexed = (extra: Record<string, any>) => ({
    completionMode: "Indexed",
    completions: 3,
    parallelism: 3,
    ...extra,
  });

  it("each index retries backoffLimitPerIndex times, counting in the failure-count annotation; then FailedIndexes", () => {
    const c = cluster();
    apply(c, job(indexed({ backoffLimitPerIndex: 1, backoffLimit: 2147483647 }), ["sh", "-c", "exit 1"]));
    c.clock.runUntil(200);
    const pods = podsOf(c, "work-");
    expect(pods).toHaveLength(6);
    const counts = pods
      .map((p) => [
        p.metadata.annotations?.["batch.kubernetes.io/job-completion-index"],
        p.metadata.annotations?.["batch.kubernetes.io/job-index-failure-count"],
      ])
      .sort();
    expect(counts).toEqual([
      ["0", "0"],
      ["0", "1"],
      ["1", "0"],
      ["1", "1"],
      ["2", "0"],
      ["2", "1"],
    ]);
    expect(status(c)).toMatchObject({ failedIndexes: "0-2", completedIndexes: "", failed: 6 });
    expect(conditions(c).at(-1)).toEqual(["Failed", "FailedIndexes", "Job has failed indexes"]);
    // Per-index back-off: the second pod of each index waits 10 s after the first one failed.
    expect(
      c.recorder
        .list()
        .filter((e) => e.reason === "SuccessfulCreate")
        .map((e) => e.time),
    ).toEqual([0, 0, 0, 12, 12, 12]);
  });

  it("maxFailedIndexes 0: the first failed index fails the Job with MaxFailedIndexesExceeded", () => {
    const c = cluster();
    apply(c, job(indexed({ parallelism: 1, backoffLimitPerIndex: 0, maxFailedIndexes: 0 }), ["sh", "-c", "exit 1"]));
    c.clock.runUntil(100);
    expect(created(c)).toBe(1);
    expect(status(c)).toMatchObject({ failedIndexes: "0" });
    expect(conditions(c).at(-1)).toEqual([
      "Failed",
      "MaxFailedIndexesExceeded",
      "Job has exceeded the specified maximal number of failed indexes",
    ]);
  });

  it("FailIndex fails an index at its first matching failure, whatever backoffLimitPerIndex says", () => {
    const c = cluster();
    const rules = [{ action: "FailIndex", onExitCodes: { operator: "In", values: [3] } }];
    apply(c, job(indexed({ backoffLimitPerIndex: 5, podFailurePolicy: { rules } }), ["sh", "-c", "exit 3"]));
    c.clock.runUntil(100);
    expect(created(c)).toBe(3);
    expect(status(c)).toMatchObject({ failedIndexes: "0-2", failed: 3 });
    expect(conditions(c).at(-1)).toEqual(["Failed", "FailedIndexes", "Job has failed indexes"]);
  });
});

describe("Indexed Jobs: successPolicy (success_policy.go)", () => {
  it("succeededIndexes met: SuccessCriteriaMet, other pods terminated, then Complete with reason SuccessPolicy", () => {
    const c = cluster();
    apply(
      c,
      job(
        {
          completionMode: "Indexed",
          completions: 3,
          parallelism: 3,
          successPolicy: { rules: [{ succeededIndexes: "0" }] },
        },
        ["sleep", "300"],
      ),
    );
    c.clock.runUntil(5);
    const leader = podsOf(c, "work-").find(
      (p) => p.metadata.annotations?.["batch.kubernetes.io/job-completion-index"] === "0",
    );
    finish(c, leader?.metadata.name ?? "", "Succeeded", 0);
    c.clock.runUntil(c.clock.now);
    expect(conditions(c)).toEqual([["SuccessCriteriaMet", "SuccessPolicy", "Matched rules at index 0"]]);
    expect(podsOf(c, "work-").filter((p) => p.metadata.deletionTimestamp)).toHaveLength(2);
    c.clock.runUntil(60);
    expect(conditions(c)).toEqual([
      ["SuccessCriteriaMet", "SuccessPolicy", "Matched rules at index 0"],
      ["Complete", "SuccessPolicy", "Matched rules at index 0"],
    ]);
    expect(messages(c, "Completed", "Job/work")).toEqual(["Job completed"]);
    // Pods removed after success are neither failed nor succeeded.
    expect(status(c)).toMatchObject({ succeeded: 1, failed: 0, completedIndexes: "0", terminating: 0 });
  });

  it("succeededCount: the second rule matches once two indexes succeeded", () => {
    const c = cluster();
    const rules = [{ succeededIndexes: "3" }, { succeededCount: 2 }];
    apply(
      c,
      job({ completionMode: "Indexed", completions: 4, parallelism: 4, successPolicy: { rules } }, ["sleep", "300"]),
    );
    c.clock.runUntil(5);
    const pods = podsOf(c, "work-").filter((p) =>
      ["0", "1"].includes(p.metadata.annotations?.["batch.kubernetes.io/job-completion-index"] ?? ""),
    );
    for (const p of pods) finish(c, p.metadata.name ?? "", "Succeeded", 0);
    c.clock.runUntil(60);
    expect(conditions(c).at(-1)).toEqual(["Complete", "SuccessPolicy", "Matched rules at index 1"]);
    expect(status(c).completedIndexes).toBe("0,1");
  });
});
