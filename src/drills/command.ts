/**
 * The channel-drill commands, parsed from the text an adapter puts in `IncomingMessage.text`
 * (`/kube drills on 09:00 Europe/Berlin level 2 weekdays` arrives as `drills on 09:00 …`), and
 * the answer buttons' action ids. Pure; bad input is a `usage` value with the reason, never a throw.
 */
import { isTimeZone } from "../tutor/streak.js";

/** How a reveal is timed: hours after the post, or a local time of day. */
export type RevealRule = { after: number } | { at: string };

/** The settings of `drills on`. */
export interface DrillSettings {
  /** Local time `HH:MM` of the daily post. */
  time: string;
  /** IANA time zone of `time`. */
  timeZone: string;
  /** A level 1-7, or `mixed` (weighted like the CKA/CKAD curricula). */
  level: number | "mixed";
  /** Monday to Friday only. */
  weekdays: boolean;
  reveal: RevealRule;
}

/** Leaderboard periods. */
export type BoardPeriod = "weekly" | "monthly" | "all";

/** A parsed drill command. */
export type DrillCommand =
  | { kind: "on"; settings: DrillSettings }
  | { kind: "off" }
  | { kind: "status" }
  | { kind: "reveal" }
  | { kind: "leaderboard"; period: BoardPeriod }
  | { kind: "team" }
  /** A drill command with wrong arguments: `message` says what is wrong and how to write it. */
  | { kind: "usage"; message: string };

/** The reveal when `drills on` names none: eight hours after the post. */
export const DEFAULT_REVEAL: RevealRule = { after: 8 };

/** How `drills on` is written (shown with every usage error). */
export const DRILLS_ON_USAGE =
  "drills on HH:MM Area/City [level 1-7 | mixed] [weekdays] [reveal HH:MM | reveal Nh], e.g. `drills on 09:00 Europe/Berlin level 2 weekdays`";

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** `9:05` → `09:05`; undefined when not a 24-hour time. */
export function normaliseTime(s: string): string | undefined {
  const m = TIME.exec(s);
  return m ? `${(m[1] ?? "").padStart(2, "0")}:${m[2]}` : undefined;
}

function usage(problem: string): DrillCommand {
  return { kind: "usage", message: `${problem}\nWrite it as: ${DRILLS_ON_USAGE}` };
}

function parseOn(words: string[]): DrillCommand {
  const [timeWord, zone, ...rest] = words;
  const time = normaliseTime(timeWord ?? "");
  if (!time) return usage(`"${timeWord ?? ""}" is not a time of day (24-hour HH:MM).`);
  if (!zone || !isTimeZone(zone))
    return usage(
      `"${zone ?? ""}" is not a time zone I know: use an IANA name such as Europe/Berlin or America/New_York.`,
    );
  const settings: DrillSettings = { time, timeZone: zone, level: "mixed", weekdays: false, reveal: DEFAULT_REVEAL };
  for (let i = 0; i < rest.length; i++) {
    const w = (rest[i] ?? "").toLowerCase();
    if (w === "mixed") settings.level = "mixed";
    else if (w === "weekdays") settings.weekdays = true;
    else if (w === "daily") settings.weekdays = false;
    else if (w === "level" || /^(level)?\d$/.test(w)) {
      const n = Number(w === "level" ? rest[++i] : w.replace("level", ""));
      if (!Number.isInteger(n) || n < 1 || n > 7) return usage(`Levels go from 1 to 7.`);
      settings.level = n;
    } else if (w === "reveal") {
      const arg = (rest[++i] ?? "").toLowerCase();
      const at = normaliseTime(arg);
      const hours = /^(\d{1,2})h$/.exec(arg);
      if (at) settings.reveal = { at };
      else if (hours && Number(hours[1]) >= 1 && Number(hours[1]) <= 23) settings.reveal = { after: Number(hours[1]) };
      else return usage(`"reveal ${arg}" should be a time (reveal 17:00) or 1-23 hours (reveal 8h).`);
    } else return usage(`I do not understand "${rest[i]}".`);
  }
  return { kind: "on", settings };
}

/**
 * Parses a message's text. Undefined when it is not a channel-drill command (so the tutor's own
 * `drill` command, singular, is left alone).
 */
export function parseDrillCommand(text: string): DrillCommand | undefined {
  const words = text
    .trim()
    .replace(/^\/kube\s+/i, "")
    .split(/\s+/)
    .filter((w) => w !== "");
  const [head, sub, ...rest] = words.map((w, i) => (i < 2 ? w.toLowerCase() : w));
  const restWords = words.slice(2);
  switch (head) {
    case "drills":
      if (sub === "on") return parseOn(restWords);
      if (sub === "off" && rest.length === 0) return { kind: "off" };
      if ((sub === "status" || sub === undefined) && rest.length === 0) return { kind: "status" };
      return usage(
        `"drills ${words.slice(1).join(" ")}" is not a drills command: use drills on, drills off or drills status.`,
      );
    case "reveal":
      return sub === undefined ? { kind: "reveal" } : undefined;
    case "leaderboard":
    case "board": {
      if (rest.length > 0) return undefined;
      const period =
        sub === undefined ? "weekly" : sub === "all" || sub === "all-time" || sub === "alltime" ? "all" : sub;
      if (period === "weekly" || period === "monthly" || period === "all") return { kind: "leaderboard", period };
      if (period === "week") return { kind: "leaderboard", period: "weekly" };
      if (period === "month") return { kind: "leaderboard", period: "monthly" };
      return { kind: "usage", message: "Write it as: leaderboard [weekly | monthly | all]" };
    }
    case "team":
      return sub === undefined ? { kind: "team" } : undefined;
    default:
      return undefined;
  }
}

/** Prefix of channel-drill answer buttons: `cdrill:<postId>:<letter>`. */
export const ANSWER_ACTION_PREFIX = "cdrill:";

/** The action id of an answer button. */
export function answerAction(postId: string, letter: string): string {
  return `${ANSWER_ACTION_PREFIX}${postId}:${letter}`;
}

/** Parses an answer button's action id; undefined for any other action. */
export function parseAnswerAction(action: string | undefined): { postId: string; letter: string } | undefined {
  const m = /^cdrill:([A-Za-z0-9-]{1,60}):([A-D])$/.exec(action ?? "");
  return m?.[1] && m[2] ? { postId: m[1], letter: m[2] } : undefined;
}
