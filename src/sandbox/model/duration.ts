/**
 * Go duration syntax (`time.ParseDuration`): `90s`, `5m`, `1h30m`, `1.5h`, `300ms`. Used by
 * `--at` and `--then`. Returns seconds, or null when the text is not a duration.
 */
const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
const PART = /([0-9]*\.?[0-9]+)(ns|us|µs|ms|s|m|h)/y;

export function parseGoDuration(text: string): number | null {
  const s = text.trim();
  if (s === "0") return 0;
  if (s.length === 0 || s.length > 64) return null;
  let i = 0;
  let total = 0;
  while (i < s.length) {
    PART.lastIndex = i;
    const m = PART.exec(s);
    if (!m) return null;
    total += Number(m[1]) * (UNIT_SECONDS[m[2] as string] ?? 0);
    i = PART.lastIndex;
  }
  return total;
}

/** Seconds as a short Go-style duration: `90` → `1m30s`, `600` → `10m`, `0.5` → `500ms`. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return "0s";
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  let rest = Math.round(seconds);
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s || (!h && !m) ? `${s}s` : ""}`;
}

/** kubectl's AGE column (k8s.io/apimachinery/pkg/util/duration HumanDuration), e.g. `45s`, `5m10s`, `3h`. */
export function humanDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 120) return `${s}s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 10) return s % 60 === 0 ? `${minutes}m` : `${minutes}m${s % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(s / 3600);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}
