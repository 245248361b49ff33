import { describe, expect, it } from "vitest";
import { dueReviews, review } from "../../src/tutor/spaced.js";
import { localDay, touchStreak } from "../../src/tutor/streak.js";

describe("daily streak in the learner's time zone", () => {
  it.each([
    ["2025-03-10T23:30:00Z", "UTC", "2025-03-10"],
    ["2025-03-10T23:30:00Z", "Europe/Paris", "2025-03-11"],
    ["2025-03-10T03:00:00Z", "America/Los_Angeles", "2025-03-09"],
    ["2025-03-10T03:00:00Z", "Not/AZone", "2025-03-10"],
  ])("%s in %s is %s", (iso, tz, day) => {
    expect(localDay(new Date(iso), tz)).toBe(day);
  });

  it("grows on consecutive local days, keeps within a day, restarts after a gap", () => {
    const s0 = { days: 0, best: 0, lastDay: null };
    const d1 = touchStreak(s0, new Date("2025-03-10T08:00:00Z"), "Asia/Tokyo");
    const same = touchStreak(d1, new Date("2025-03-10T12:00:00Z"), "Asia/Tokyo");
    const d2 = touchStreak(same, new Date("2025-03-10T16:00:00Z"), "Asia/Tokyo"); // 01:00 next day in Tokyo
    const gap = touchStreak(d2, new Date("2025-03-14T08:00:00Z"), "Asia/Tokyo");
    expect([d1.days, same.days, d2.days, gap.days, gap.best]).toEqual([1, 1, 2, 1, 2]);
  });
});

describe("spaced repetition", () => {
  it("a missed drill is due soon; answering it right pushes it further out", () => {
    const now = new Date("2025-03-10T12:00:00Z");
    const missed = review(undefined, false, now);
    expect(dueReviews({ x: missed }, new Date(now.getTime() + 86_400_000))).toEqual(["x"]);
    const later = new Date(Date.parse(missed.due));
    const right = review(missed, true, later);
    expect(Date.parse(right.due) - later.getTime()).toBeGreaterThan(Date.parse(missed.due) - now.getTime());
    expect(dueReviews({ x: right }, later)).toEqual([]);
  });
});
