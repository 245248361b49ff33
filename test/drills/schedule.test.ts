import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, describe, expect, inject, it } from "vitest";
import { bullDrillJobs } from "../../src/drills/jobs.js";
import { cronPattern, latestPost, nextPosts, revealTime } from "../../src/drills/schedule.js";
import type { DrillPayload } from "../../src/jobs/payloads.js";
import { QUEUES } from "../../src/jobs/queues.js";

const iso = (ds: Date[]) => ds.map((d) => d.toISOString());

describe("drill schedule times across daylight-saving changes", () => {
  it.each([
    { time: "09:00", weekdays: false, want: "0 9 * * *" },
    { time: "07:05", weekdays: true, want: "5 7 * * 1-5" },
  ])("cron pattern of $time weekdays=$weekdays", ({ time, weekdays, want }) => {
    expect(cronPattern({ time, weekdays })).toBe(want);
  });

  it("Europe/Berlin 09:00 stays 09:00 local when summer time ends (2026-10-25)", () => {
    const s = { time: "09:00", weekdays: false, timeZone: "Europe/Berlin" };
    expect(iso(nextPosts(s, new Date("2026-10-23T12:00:00Z"), 4))).toEqual([
      "2026-10-24T07:00:00.000Z", // CEST, UTC+2
      "2026-10-25T08:00:00.000Z", // CET, UTC+1
      "2026-10-26T08:00:00.000Z",
      "2026-10-27T08:00:00.000Z",
    ]);
  });

  it("America/New_York weekdays skip the weekend and follow the 2026-11-01 change", () => {
    const s = { time: "09:00", weekdays: true, timeZone: "America/New_York" };
    expect(iso(nextPosts(s, new Date("2026-10-29T20:00:00Z"), 3))).toEqual([
      "2026-10-30T13:00:00.000Z", // Friday, EDT
      "2026-11-02T14:00:00.000Z", // Monday, EST
      "2026-11-03T14:00:00.000Z",
    ]);
  });

  it("latestPost includes the instant of the occurrence itself", () => {
    const s = { time: "09:00", weekdays: false, timeZone: "Europe/Berlin" };
    expect(latestPost(s, new Date("2026-10-26T08:00:00Z")).toISOString()).toBe("2026-10-26T08:00:00.000Z");
    expect(latestPost(s, new Date("2026-10-26T07:59:59Z")).toISOString()).toBe("2026-10-25T08:00:00.000Z");
  });

  it.each([
    { rule: { after: 8 }, posted: "2026-10-24T07:00:00Z", want: "2026-10-24T15:00:00.000Z" },
    // 17:00 local on the day summer time ends: 16:00 UTC, one hour later in UTC than the day before.
    { rule: { at: "17:00" }, posted: "2026-10-25T08:00:00Z", want: "2026-10-25T16:00:00.000Z" },
    { rule: { at: "08:00" }, posted: "2026-10-24T07:00:00Z", want: "2026-10-25T07:00:00.000Z" },
  ])("reveal $rule after a post at $posted", ({ rule, posted, want }) => {
    expect(revealTime(rule, new Date(posted), "Europe/Berlin").toISOString()).toBe(want);
  });
});

describe("the BullMQ job scheduler of a channel", () => {
  const redis = new Redis(inject("redisUrl"), { maxRetriesPerRequest: null });
  const prefix = `t-dsched-${process.pid}`;
  const queue = new Queue<DrillPayload>(QUEUES.drill, { connection: redis, prefix });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await redis.quit();
  });

  it("is registered with the cron pattern and the time zone, replaced and removed", async () => {
    const at = new Date("2026-10-20T10:00:00Z");
    const jobs = bullDrillJobs(queue, () => at);
    const address = { platform: "slack" as const, workspace: "T1", channel: "C1" };
    expect(await jobs.schedule(address, "0 9 * * 1-5", "Europe/Berlin")).toEqual({ ok: true });
    expect(await jobs.schedule(address, "30 8 * * *", "America/New_York")).toEqual({ ok: true });
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ pattern: "30 8 * * *", tz: "America/New_York" });
    expect(await jobs.unschedule(address)).toBe(true);
    expect(await queue.getJobSchedulers()).toHaveLength(0);
  });

  it("queues a post's reveal as a delayed job, once per key", async () => {
    const at = new Date("2026-10-20T10:00:00Z");
    const jobs = bullDrillJobs(queue, () => at);
    const address = { platform: "discord" as const, workspace: "G1", channel: "D1" };
    await jobs.runAt(address, "UTC", new Date("2026-10-20T18:00:00Z"), "ch.x1");
    await jobs.runAt(address, "UTC", new Date("2026-10-20T18:00:00Z"), "ch.x1");
    const delayed = await queue.getDelayed();
    expect(delayed.map((j) => j.id)).toEqual(["drill-reveal.ch.x1"]);
    expect(delayed[0]?.opts.delay).toBe(8 * 3_600_000);
    expect(delayed[0]?.data).toEqual({ v: 1, address, timeZone: "UTC" });
  });
});
