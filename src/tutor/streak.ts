/**
 * XP awards and the daily streak, counted in the learner's own time zone (Intl APIs): a streak
 * grows when the learner is active on consecutive calendar days where they live.
 */
import type { Progress } from "./progress.js";

/** XP per achievement. */
export const XP = {
  lessonRead: 5,
  drillRight: 10,
  reviewRight: 5,
  checkpointRight: 15,
  checkpointPassed: 50,
} as const;

/** Whether `tz` is an IANA time zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The calendar day (`YYYY-MM-DD`) of `now` in `tz` (UTC when unknown). */
export function localDay(now: Date, tz: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: isTimeZone(tz) ? tz : "UTC",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

function dayNumber(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return Math.round(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) / 86_400_000);
}

/** Records activity at `now`: extends, keeps or restarts the streak. */
export function touchStreak(streak: Progress["streak"], now: Date, tz: string): Progress["streak"] {
  const today = localDay(now, tz);
  if (streak.lastDay === today) return streak;
  const days = streak.lastDay !== null && dayNumber(today) - dayNumber(streak.lastDay) === 1 ? streak.days + 1 : 1;
  return { days, best: Math.max(streak.best, days), lastDay: today };
}

/** Adds `xp` and records activity. */
export function award(p: Progress, xp: number, now: Date): Progress {
  return { ...p, xp: p.xp + xp, streak: touchStreak(p.streak, now, p.timeZone) };
}
