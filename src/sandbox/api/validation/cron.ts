/**
 * CronJob schedules as kube-apiserver checks them: `cron.ParseStandard` of
 * github.com/robfig/cron/v3 (parser.go), with its error texts, plus time zones
 * (pkg/apis/batch/validation/validation.go validateTimeZone).
 */

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];
const DESCRIPTORS = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]);

/** Go's `strconv.Atoi` for a cron number: the number, or the error text. */
function atoi(expr: string): number | string {
  if (!/^[+-]?[0-9]+$/.test(expr))
    return `failed to parse int from ${expr}: strconv.Atoi: parsing "${expr}": invalid syntax`;
  const n = Number(expr);
  if (!Number.isSafeInteger(n))
    return `failed to parse int from ${expr}: strconv.Atoi: parsing "${expr}": value out of range`;
  if (n < 0) return `negative number (${n}) not allowed: ${expr}`;
  return n;
}

function intOrName(expr: string, names: Record<string, number> | undefined): number | string {
  const named = names?.[expr.toLowerCase()];
  return named !== undefined ? named : atoi(expr);
}

function checkRange(expr: string, b: Bounds): string | undefined {
  const rangeAndStep = expr.split("/");
  const lowAndHigh = (rangeAndStep[0] ?? "").split("-");
  let start: number;
  let end: number;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    start = b.min;
    end = b.max;
  } else {
    const s = intOrName(lowAndHigh[0] ?? "", b.names);
    if (typeof s === "string") return s;
    start = s;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const e = intOrName(lowAndHigh[1] ?? "", b.names);
      if (typeof e === "string") return e;
      end = e;
    } else return `too many hyphens: ${expr}`;
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const s = atoi(rangeAndStep[1] ?? "");
    if (typeof s === "string") return s;
    step = s;
    if (lowAndHigh.length === 1 && lowAndHigh[0] !== "*" && lowAndHigh[0] !== "?") end = b.max;
  } else if (rangeAndStep.length > 2) return `too many slashes: ${expr}`;
  if (start < b.min) return `beginning of range (${start}) below minimum (${b.min}): ${expr}`;
  if (end > b.max) return `end of range (${end}) above maximum (${b.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  return undefined;
}

/** Go's `time.ParseDuration` accepts these (for `@every`). */
function isGoDuration(s: string): boolean {
  return s === "0" || /^[+-]?(([0-9]*\.?[0-9]+)(ns|us|µs|ms|s|m|h))+$/.test(s);
}

/**
 * Parses a standard 5-field schedule (or a descriptor) as robfig/cron's `ParseStandard`;
 * returns the upstream error text, or undefined when valid.
 */
export function cronScheduleError(spec: string): string | undefined {
  if (spec.length === 0) return "empty spec string";
  let rest = spec;
  const tz = /^(?:CRON_)?TZ=(\S*)\s+/.exec(rest);
  if (tz) {
    if (!isKnownTimeZone(tz[1] ?? "")) return `provided bad location ${tz[1]}: unknown time zone ${tz[1]}`;
    rest = rest.slice(tz[0].length);
  }
  if (rest.startsWith("@")) {
    if (DESCRIPTORS.has(rest)) return undefined;
    if (rest.startsWith("@every ")) {
      const d = rest.slice("@every ".length);
      return isGoDuration(d) ? undefined : `failed to parse duration ${rest}: time: invalid duration "${d}"`;
    }
    return `unrecognized descriptor: ${rest}`;
  }
  const fields = rest.split(/\s+/).filter((f) => f !== "");
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]`;
  for (let i = 0; i < 5; i++) {
    for (const part of (fields[i] ?? "").split(",")) {
      const err = checkRange(part, FIELDS[i] as Bounds);
      if (err) return err;
    }
  }
  return undefined;
}

/** Whether the runtime's IANA database knows the zone (as Go's `time.LoadLocation`). */
export function isKnownTimeZone(zone: string): boolean {
  if (zone === "" || zone === "UTC") return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
