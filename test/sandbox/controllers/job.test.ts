import { describe, expect, it } from "vitest";
import { garbageCollector } from "../../../src/sandbox/controllers/garbage-collector.js";
import { jobController } from "../../../src/sandbox/controllers/job.js";
import { ttlAfterFinishedController } from "../../../src/sandbox/controllers/ttl-after-finished.js";
import { apply, controllerCluster, messages, podsOf } from "./harness.js";

function job(spec: Record<string, any>, command: string[], restartPolicy = "Never"): Record<string, any> {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "work", namespace: "default" },
    spec: {
      ...spec,
      template: { spec: { restartPolicy, containers: [{ name: "w", image: "busybox", command }] } },
    },
  };
}

function cluster() {
  return controllerCluster([jobController(), ttlAfterFinishedController(), garbageCollector()]);
}

function conditions(c: ReturnType<typeof cluster>) {
  return (c.store.get("Job", "default", "work")?.status?.conditions ?? []).map((x: any) => [
    x.type,
    x.reason,
    x.message,
  ]);
}

describe("Job controller", () => {
  it("runs parallelism pods until completions succeed, then SuccessCriteriaMet and Complete", () => {
    const c = cluster();
    apply(c, job({ completions: 3, parallelism: 2 }, ["sleep", "5"]));
    c.clock.runUntil(100);
    const pods = podsOf(c, "work-");
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.labels).toMatchObject({ "batch.kubernetes.io/job-name": "work", "job-name": "work" });
    }
    const creates = c.recorder.list().filter((e) => e.reason === "SuccessfulCreate");
    expect(creates.map((e) => e.time)).toEqual([0, 0, 6]);
    expect(conditions(c)).toEqual([
      ["SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods"],
      ["Complete", "CompletionsReached", "Reached expected number of succeeded pods"],
    ]);
    expect(messages(c, "Completed", "Job/work")).toEqual(["Job completed"]);
    expect(c.store.get("Job", "default", "work")?.status).toMatchObject({ succeeded: 3, active: 0, failed: 0 });
  });

  it("backoffLimit 2 with restartPolicy Never leaves 3 failed pods, created after 10 s and 20 s back-off", () => {
    const c = cluster();
    apply(c, job({ backoffLimit: 2 }, ["sh", "-c", "exit 1"]));
    c.clock.runUntil(600);
    expect(podsOf(c, "work-").map((p) => p.status.phase)).toEqual(["Failed", "Failed", "Failed"]);
    const times = c.recorder
      .list()
      .filter((e) => e.reason === "SuccessfulCreate")
      .map((e) => e.time);
    // Each pod fails 2 s after creation (1 s to start, 1 s to exit); the next waits 10 s, then 20 s.
    expect(times).toEqual([0, 12, 34]);
    expect(conditions(c)).toEqual([
      ["FailureTarget", "BackoffLimitExceeded", "Job has reached the specified backoff limit"],
      ["Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit"],
    ]);
    const warn = c.recorder.list().find((e) => e.reason === "BackoffLimitExceeded");
    expect(warn).toMatchObject({
      type: "Warning",
      message: "Job has reached the specified backoff limit",
      source: "job-controller",
    });
  });

  it("counts container restarts towards backoffLimit with restartPolicy OnFailure", () => {
    const c = cluster();
    apply(c, job({ backoffLimit: 3 }, ["sh", "-c", "exit 1"], "OnFailure"));
    c.clock.runUntil(600);
    expect(messages(c, "SuccessfulCreate", "Job/work")).toHaveLength(1);
    expect(conditions(c).at(-1)).toEqual([
      "Failed",
      "BackoffLimitExceeded",
      "Job has reached the specified backoff limit",
    ]);
    expect(podsOf(c, "work-")).toHaveLength(0);
  });

  it("activeDeadlineSeconds fails the Job with DeadlineExceeded and deletes its pods", () => {
    const c = cluster();
    apply(c, job({ activeDeadlineSeconds: 30 }, ["sleep", "1000"]));
    c.clock.runUntil(29);
    expect(conditions(c)).toEqual([]);
    c.clock.runUntil(100);
    expect(conditions(c)).toEqual([
      ["FailureTarget", "DeadlineExceeded", "Job was active longer than specified deadline"],
      ["Failed", "DeadlineExceeded", "Job was active longer than specified deadline"],
    ]);
    expect(c.recorder.list().find((e) => e.reason === "DeadlineExceeded")?.time).toBe(31);
    expect(podsOf(c, "work-")).toHaveLength(0);
  });

  it("Indexed completion gives each pod its index", () => {
    const c = cluster();
    apply(c, job({ completions: 3, parallelism: 3, completionMode: "Indexed" }, ["sleep", "2"]));
    c.clock.runUntil(60);
    const idx = podsOf(c, "work-")
      .map((p) => p.metadata.annotations?.["batch.kubernetes.io/job-completion-index"])
      .sort();
    expect(idx).toEqual(["0", "1", "2"]);
    expect(c.store.get("Job", "default", "work")?.status.completedIndexes).toBe("0-2");
  });

  it("ttlSecondsAfterFinished deletes the finished Job and, through the garbage collector, its pods", () => {
    const c = cluster();
    apply(c, job({ ttlSecondsAfterFinished: 60 }, ["sleep", "5"]));
    c.clock.runUntil(60);
    expect(c.store.get("Job", "default", "work")).toBeDefined();
    c.clock.runUntil(120);
    expect(c.store.get("Job", "default", "work")).toBeUndefined();
    expect(podsOf(c, "work-")).toHaveLength(0);
  });
});
