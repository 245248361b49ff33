/**
 * When a typed "what if" happens: `at 2m: …` / `2m: …` (simulated time since the paste was
 * applied), `after 90s …` / `… in 2 minutes` (since the thread's previous follow-up, or the paste
 * when there is none), or nothing (the buttons' default: a minute after the previous step).
 */
import { parseGoDuration } from "../sandbox/model/duration.js";

/** When a follow-up runs. */
export type Timing = { mode: "next" } | { mode: "at"; seconds: number } | { mode: "after"; seconds: number };

/** A line with its timing taken off. */
export interface Timed {
  timing: Timing;
  rest: string;
}

const WORD_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 };
const WORDS = /^(\d+(?:\.\d+)?)\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)$/i;
/** Go durations (`1m30s`) or a number with a word unit (`90 seconds`, `2 min`). */
export const DURATION = String.raw`\d[\d.]*(?:ns|us|µs|ms|s|m|h)(?:[\d.]+(?:ns|us|µs|ms|s|m|h))*|\d+(?:\.\d+)?\s*(?:secs?|seconds?|mins?|minutes?|hrs?|hours?)`;

const PREFIX = new RegExp(String.raw`^(?:(at|after|in)\s+)?(${DURATION})\s*(?:[:,]\s*|\s+(?=\S))`, "i");
const SUFFIX = new RegExp(String.raw`\s+(at|after|in)\s+(${DURATION})$`, "i");

/** Seconds of a duration as typed (Go syntax or `90 seconds`); null when it is none. */
export function durationSeconds(text: string): number | null {
  const t = text.trim();
  const words = WORDS.exec(t);
  if (words?.[1] && words[2]) return Number(words[1]) * (WORD_UNITS[words[2][0]?.toLowerCase() ?? ""] ?? 0);
  return parseGoDuration(t);
}

/** The timing of `at|after|in` (or no word: `at`) and a duration in seconds. */
export function timing(word: string | undefined, seconds: number): Timing {
  return word === undefined || word.toLowerCase() === "at" ? { mode: "at", seconds } : { mode: "after", seconds };
}

/**
 * Takes a leading (`at 2m:`, `2m:`, `after 90s,`) or trailing (`at 5m`, `in 2 minutes`) time off
 * a line. A bare leading duration needs its colon (`2m: …`, the `--then` form), so a command that
 * starts with a number is never misread.
 */
export function takeTiming(line: string): Timed {
  const pre = PREFIX.exec(line);
  if (pre?.[2]) {
    const bare = pre[1] === undefined;
    const seconds = durationSeconds(pre[2]);
    if (seconds !== null && (!bare || pre[0].includes(":")))
      return { timing: timing(pre[1], seconds), rest: line.slice(pre[0].length).trim() };
  }
  const post = SUFFIX.exec(line);
  if (post?.[2]) {
    const seconds = durationSeconds(post[2]);
    if (seconds !== null) return { timing: timing(post[1], seconds), rest: line.slice(0, post.index).trim() };
  }
  return { timing: { mode: "next" }, rest: line };
}
