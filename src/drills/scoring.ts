/**
 * Fair scoring of a channel drill, decided once at the reveal (Doozy's rules, peers.md):
 * - one answer per person counts: a person may change it until the reveal, and the answer they
 *   hold at the reveal is scored; clicking the same choice again changes nothing;
 * - a right answer earns {@link POINTS}.right, and the first right answers (by the time the
 *   person settled on that answer) earn a small bonus, +5, +3, +1; a wrong answer earns nothing;
 * - XP equals the points, so the personal total and the boards agree.
 * Pure: the caller loads answers and stores the outcome.
 */
import { localDay } from "../tutor/streak.js";

/** Points of a right answer and the speed bonus of the first right answers, in order. */
export const POINTS = { right: 10, bonus: [5, 3, 1] } as const;

/** One person's standing answer to a drill. */
export interface Answer {
  user: string;
  /** Display name when the platform gave one. */
  name?: string;
  letter: string;
  /** When the person chose this letter (ms since the epoch); a repeat click keeps the first time. */
  at: number;
  /** The person's IANA time zone, when known (for the streak day). */
  timeZone?: string;
}

/** What one person got for a drill. */
export interface Score {
  user: string;
  correct: boolean;
  points: number;
  /** 1-based rank among right answers (0 for a wrong one). */
  place: number;
}

/** Scores every answer: right ones ordered by time (ties by user id), each with its bonus. */
export function scoreAnswers(answers: readonly Answer[], correctLetter: string): Score[] {
  const right = answers
    .filter((a) => a.letter === correctLetter)
    .sort((a, b) => a.at - b.at || (a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
  const scores: Score[] = right.map((a, i) => ({
    user: a.user,
    correct: true,
    points: POINTS.right + (POINTS.bonus[i] ?? 0),
    place: i + 1,
  }));
  for (const a of answers)
    if (a.letter !== correctLetter) scores.push({ user: a.user, correct: false, points: 0, place: 0 });
  return scores;
}

/** A person's drill streak in one channel: consecutive drills answered, counted once per local day. */
export interface Streak {
  days: number;
  best: number;
  /** Sequence number of the last drill the person answered. */
  lastSeq: number;
  /** Local day (`YYYY-MM-DD`, the person's zone) of that answer. */
  lastDay: string | null;
}

/** A new person's streak. */
export const NO_STREAK: Streak = { days: 0, best: 0, lastSeq: 0, lastDay: null };

/**
 * The streak after answering drill number `seq` at `at` in `timeZone`. Answering the channel's
 * next drill extends it (days without a drill, such as weekends, do not break it); skipping a
 * drill restarts it; a second answer on the same local day counts once.
 */
export function extendStreak(s: Streak, seq: number, at: Date, timeZone: string): Streak {
  const day = localDay(at, timeZone);
  if (s.lastSeq === seq || s.lastDay === day) return { ...s, lastSeq: Math.max(s.lastSeq, seq) };
  const days = s.lastSeq === seq - 1 && s.lastDay !== null ? s.days + 1 : 1;
  return { days, best: Math.max(s.best, days), lastSeq: seq, lastDay: day };
}

/** The streak to show once drill `revealedSeq` is revealed: zero when the person missed one since. */
export function currentStreak(s: Streak, revealedSeq: number): number {
  return s.lastSeq >= revealedSeq ? s.days : 0;
}

/** Leaderboard period keys of a moment in a zone: ISO week (`2026-W43`) and month (`2026-10`). */
export function periodKeys(at: Date, timeZone: string): { week: string; month: string } {
  const day = localDay(at, timeZone);
  const [y, m, d] = day.split("-").map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  const weekday = date.getUTCDay() || 7;
  // ISO 8601: the week belongs to the year of its Thursday.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const isoYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(isoYear, 0, 1)) / 86_400_000 + 1) / 7);
  return { week: `${isoYear}-W${String(week).padStart(2, "0")}`, month: day.slice(0, 7) };
}
