/**
 * CronJob schedules read as upstream reads them (github.com/robfig/cron/v3 ParseStandard: five
 * fields, the `@yearly`…`@hourly` descriptors and `@every <duration>`), evaluated by the
 * maintained `cron-parser` library in the CronJob's time zone (UTC when unset). Times are
 * simulated seconds; simulated zero is SIMULATION_EPOCH_MS.
 */
import { CronExpressionParser } from "cron-parser";
import { SIMULATION_EPOCH_MS } from "../api/server.js";
import { parseGoDuration } from "../model/duration.js";

/** A parsed schedule: the first activation strictly after a simulated time. */
export interface Schedule {
  next(after: number): number;
}

/** robfig/cron parser.go descriptors. */
const DESCRIPTORS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/** Whether `tz` is an IANA time zone the runtime knows. */
export function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Parses a schedule, or returns the parse error (robfig texts for field counts). */
export function parseSchedule(text: string, timeZone?: string): Schedule | { error: string } {
  const trimmed = text.trim();
  if (trimmed.startsWith("@every ")) {
    const d = parseGoDuration(trimmed.slice("@every ".length));
    if (d === null || d <= 0) return { error: `failed to parse duration ${trimmed}` };
    const step = Math.max(1, Math.floor(d));
    return { next: (after) => Math.floor(after) + step };
  }
  const expr = DESCRIPTORS[trimmed] ?? trimmed;
  if (expr.startsWith("@")) return { error: `unrecognized descriptor: ${trimmed}` };
  const fields = expr.split(/\s+/).filter((f) => f !== "");
  if (fields.length !== 5) return { error: `expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]` };
  const tz = timeZone ?? "UTC";
  try {
    CronExpressionParser.parse(expr, { tz });
  } catch (e) {
    return { error: (e as Error).message };
  }
  return {
    next(after: number): number {
      const it = CronExpressionParser.parse(expr, {
        currentDate: new Date(SIMULATION_EPOCH_MS + Math.floor(after) * 1000),
        tz,
      });
      return (it.next().getTime() - SIMULATION_EPOCH_MS) / 1000;
    },
  };
}

/** RFC 3339 of a simulated time in a time zone, with its offset (Go's time.RFC3339). */
export function rfc3339In(seconds: number, timeZone: string | undefined): string {
  const ms = SIMULATION_EPOCH_MS + seconds * 1000;
  if (!timeZone || timeZone === "UTC" || timeZone === "Etc/UTC") {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  }
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZoneName: "longOffset",
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const offset = get("timeZoneName").replace("GMT", "") || "Z";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}:${get("second")}${offset}`;
}
