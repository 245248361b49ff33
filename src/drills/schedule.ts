/**
 * A channel's drill schedule: the stored record, its cron pattern, and its occurrences in the
 * channel's time zone. cron-parser evaluates the pattern in the zone, so 09:00 stays 09:00 local
 * across daylight-saving changes (the UTC instant moves by an hour), exactly as BullMQ's job
 * scheduler does with the same pattern and `tz`.
 */
import { CronExpressionParser } from "cron-parser";
import { z } from "zod";
import { replyAddressSchema } from "../core/address.js";
import type { DrillSettings, RevealRule } from "./command.js";

const hhmm = z.string().regex(/^\d\d:\d\d$/);

/** The stored schedule of one channel (or DM). */
export const drillScheduleSchema = z.object({
  v: z.literal(1),
  /** Where drills are posted (no thread, no user). */
  address: replyAddressSchema,
  time: hhmm,
  timeZone: z.string().min(1),
  level: z.union([z.number().int().min(1).max(7), z.literal("mixed")]),
  weekdays: z.boolean(),
  reveal: z.union([z.object({ after: z.number().int().min(1).max(23) }), z.object({ at: hhmm })]),
  /** Who turned drills on, and when (ms since the epoch). */
  by: z.string(),
  since: z.number().int().min(0),
});

export type DrillSchedule = z.infer<typeof drillScheduleSchema>;

/** The 5-field cron pattern of settings: `M H * * *`, or `M H * * 1-5` for weekdays. */
export function cronPattern(s: Pick<DrillSettings, "time" | "weekdays">): string {
  const [h, m] = s.time.split(":").map(Number);
  return `${m} ${h} * * ${s.weekdays ? "1-5" : "*"}`;
}

/** The next `count` post times strictly after `from`. */
export function nextPosts(s: Pick<DrillSchedule, "time" | "weekdays" | "timeZone">, from: Date, count = 1): Date[] {
  const it = CronExpressionParser.parse(cronPattern(s), { tz: s.timeZone, currentDate: from });
  return Array.from({ length: count }, () => it.next().toDate());
}

/** The latest post time at or before `at` (cron-parser's `prev` is exclusive, hence the +1 ms). */
export function latestPost(s: Pick<DrillSchedule, "time" | "weekdays" | "timeZone">, at: Date): Date {
  const it = CronExpressionParser.parse(cronPattern(s), { tz: s.timeZone, currentDate: new Date(at.getTime() + 1) });
  return it.prev().toDate();
}

/** When the answer to a drill posted at `postedAt` is revealed. */
export function revealTime(rule: RevealRule, postedAt: Date, timeZone: string): Date {
  if ("after" in rule) return new Date(postedAt.getTime() + rule.after * 3_600_000);
  const [h, m] = rule.at.split(":").map(Number);
  return CronExpressionParser.parse(`${m} ${h} * * *`, { tz: timeZone, currentDate: postedAt }).next().toDate();
}

/** A short description: "09:00 Europe/Berlin, Monday to Friday, level 2, reveal 8 h later". */
export function describeSchedule(
  s: Pick<DrillSchedule, "time" | "timeZone" | "weekdays" | "level" | "reveal">,
): string {
  const days = s.weekdays ? "Monday to Friday" : "every day";
  const level = s.level === "mixed" ? "mixed levels (weighted like the CKA/CKAD exams)" : `level ${s.level}`;
  const reveal =
    "after" in s.reveal ? `answer revealed ${s.reveal.after} h later` : `answer revealed at ${s.reveal.at}`;
  return `${s.time} ${s.timeZone}, ${days}, ${level}, ${reveal}`;
}

/** `date` as local `YYYY-MM-DD HH:MM` in `timeZone` (for status lines). */
export function localDateTime(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    weekday: "short",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("weekday")} ${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}
