import { describe, expect, it } from "vitest";
import {
  type Answer,
  currentStreak,
  extendStreak,
  NO_STREAK,
  POINTS,
  periodKeys,
  scoreAnswers,
} from "../../src/drills/scoring.js";

const a = (user: string, letter: string, at: number): Answer => ({ user, letter, at });

describe("scoreAnswers", () => {
  it("gives right answers points plus +5/+3/+1 by time, wrong answers nothing", () => {
    const scores = scoreAnswers(
      [a("u5", "B", 50), a("u1", "B", 10), a("u2", "A", 5), a("u3", "B", 30), a("u4", "B", 20)],
      "B",
    );
    expect(scores).toEqual([
      { user: "u1", correct: true, points: POINTS.right + 5, place: 1 },
      { user: "u4", correct: true, points: POINTS.right + 3, place: 2 },
      { user: "u3", correct: true, points: POINTS.right + 1, place: 3 },
      { user: "u5", correct: true, points: POINTS.right, place: 4 },
      { user: "u2", correct: false, points: 0, place: 0 },
    ]);
  });
  it("breaks a tie in time by user id, so the order never depends on storage", () => {
    expect(scoreAnswers([a("zed", "A", 1), a("amy", "A", 1)], "A").map((s) => s.user)).toEqual(["amy", "zed"]);
  });
  it("scores nobody when nobody answered", () => {
    expect(scoreAnswers([], "A")).toEqual([]);
  });
});

describe("streaks", () => {
  const day = (iso: string) => new Date(iso);
  it("grows over consecutive drills even across a weekend, and counts one local day once", () => {
    let s = extendStreak(NO_STREAK, 1, day("2026-10-23T08:00:00Z"), "Europe/Berlin"); // Friday
    s = extendStreak(s, 2, day("2026-10-26T08:00:00Z"), "Europe/Berlin"); // Monday, next drill
    expect(s).toMatchObject({ days: 2, best: 2, lastSeq: 2 });
    const again = extendStreak(s, 3, day("2026-10-26T20:00:00Z"), "Europe/Berlin"); // same local day
    expect(again.days).toBe(2);
    expect(again.lastSeq).toBe(3);
  });
  it("restarts after a missed drill and keeps the best", () => {
    let s = extendStreak(NO_STREAK, 1, day("2026-10-20T08:00:00Z"), "UTC");
    s = extendStreak(s, 2, day("2026-10-21T08:00:00Z"), "UTC");
    s = extendStreak(s, 4, day("2026-10-23T08:00:00Z"), "UTC");
    expect(s).toMatchObject({ days: 1, best: 2 });
  });
  it("uses the person's own zone: 23:30 in New York is the next day in Berlin", () => {
    const s1 = extendStreak(NO_STREAK, 1, day("2026-10-21T03:30:00Z"), "America/New_York"); // Oct 20 local
    expect(s1.lastDay).toBe("2026-10-20");
    const s2 = extendStreak(NO_STREAK, 1, day("2026-10-21T03:30:00Z"), "Europe/Berlin");
    expect(s2.lastDay).toBe("2026-10-21");
  });
  it("shows zero once the person missed the latest revealed drill", () => {
    const s = { days: 4, best: 4, lastSeq: 7, lastDay: "2026-10-20" };
    expect(currentStreak(s, 7)).toBe(4);
    expect(currentStreak(s, 8)).toBe(0);
  });
});

describe("periodKeys", () => {
  it.each([
    { at: "2026-10-25T08:00:00Z", tz: "Europe/Berlin", week: "2026-W43", month: "2026-10" },
    { at: "2026-10-26T08:00:00Z", tz: "Europe/Berlin", week: "2026-W44", month: "2026-10" },
    // Sunday night in New York is already Monday in UTC.
    { at: "2026-11-02T03:00:00Z", tz: "America/New_York", week: "2026-W44", month: "2026-11" },
    { at: "2027-01-01T12:00:00Z", tz: "UTC", week: "2026-W53", month: "2027-01" },
  ])("$at in $tz → $week, $month", ({ at, tz, week, month }) => {
    expect(periodKeys(new Date(at), tz)).toEqual({ week, month });
  });
});
