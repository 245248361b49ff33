import { describe, expect, it } from "vitest";
import { parseSchedule, rfc3339In } from "../../../src/sandbox/controllers/cron-schedule.js";
import { cronJobController, cronJobName } from "../../../src/sandbox/controllers/cronjob.js";
import { garbageCollector } from "../../../src/sandbox/controllers/garbage-collector.js";
import { jobController } from "../../../src/sandbox/controllers/job.js";
import { apply, controllerCluster, messages } from "./harness.js";

function cronJob(spec: Record<string, any>, command = ["sleep", "5"]): Record<string, any> {
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "tick", namespace: "default" },
    spec: {
      schedule: "* * * * *",
      ...spec,
      jobTemplate: {
        spec: {
          template: { spec: { restartPolicy: "Never", containers: [{ name: "t", image: "busybox", command }] } },
        },
      },
    },
  };
}

function cluster() {
  return controllerCluster([cronJobController(), jobController(), garbageCollector()]);
}

describe("schedules (robfig/cron ParseStandard semantics)", () => {
  it.each([
    ["*/5 * * * *", 0, 300],
    ["@hourly", 10, 3600],
    ["0 0 * * *", 0, 86400],
    ["@every 90s", 30, 120],
  ])("%s after %is → %is", (text, after, next) => {
    const s = parseSchedule(text);
    expect("next" in s && s.next(after)).toBe(next);
  });
  it("rejects six fields as robfig does", () => {
    expect(parseSchedule("0 * * * * *")).toEqual({ error: "expected exactly 5 fields, found 6: [0 * * * * *]" });
  });
  it("honours the CronJob's time zone", () => {
    const s = parseSchedule("0 9 * * *", "Europe/Paris");
    // 2026-01-01 09:00 in Paris is 08:00 UTC.
    expect("next" in s && s.next(0)).toBe(8 * 3600);
    expect(rfc3339In(8 * 3600, "Europe/Paris")).toBe("2026-01-01T09:00:00+01:00");
  });
});

describe("CronJob controller", () => {
  it("creates <cronjob>-<minutes since the epoch> at each scheduled minute inside the horizon", () => {
    const c = cluster();
    apply(c, cronJob({}));
    c.clock.runUntil(200);
    const names = [60, 120, 180].map((t) => cronJobName("tick", t));
    expect(names[0]).toBe(`tick-${(Date.UTC(2026, 0, 1) / 1000 + 60) / 60}`);
    expect(messages(c, "SuccessfulCreate", "CronJob/tick")).toEqual(names.map((n) => `Created job ${n}`));
    expect(messages(c, "SawCompletedJob", "CronJob/tick")).toContain(
      `Saw completed job: ${names[0]}, condition: Complete`,
    );
    const job = c.store.get("Job", "default", names[0] ?? "");
    expect(job?.metadata.annotations?.["batch.kubernetes.io/cronjob-scheduled-timestamp"]).toBe("2026-01-01T00:01:00Z");
  });

  it("Forbid skips a run while the previous Job is active", () => {
    const c = cluster();
    apply(c, cronJob({ concurrencyPolicy: "Forbid" }, ["sleep", "100"]));
    c.clock.runUntil(150);
    expect(messages(c, "SuccessfulCreate", "CronJob/tick")).toHaveLength(1);
    expect(messages(c, "JobAlreadyActive", "CronJob/tick")).toEqual([
      "Not starting job because prior execution is running and concurrency policy is Forbid",
    ]);
  });

  it("Replace deletes the running Job and starts a new one", () => {
    const c = cluster();
    apply(c, cronJob({ concurrencyPolicy: "Replace" }, ["sleep", "100"]));
    c.clock.runUntil(150);
    const first = cronJobName("tick", 60);
    expect(messages(c, "SuccessfulDelete", "CronJob/tick")).toEqual([`Deleted job ${first}`]);
    expect(c.store.get("Job", "default", first)).toBeUndefined();
    expect(c.store.get("Job", "default", cronJobName("tick", 120))).toBeDefined();
  });

  it("keeps successfulJobsHistoryLimit finished Jobs", () => {
    const c = cluster();
    apply(c, cronJob({ successfulJobsHistoryLimit: 2 }));
    c.clock.runUntil(330);
    expect(c.store.list("Job", "default").map((j) => j.metadata.name)).toEqual(
      [240, 300].map((t) => cronJobName("tick", t)),
    );
  });

  it("a suspended CronJob creates nothing", () => {
    const c = cluster();
    apply(c, cronJob({ suspend: true }));
    c.clock.runUntil(300);
    expect(c.store.list("Job", "default")).toHaveLength(0);
  });
});
