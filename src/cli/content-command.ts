/**
 * `podsensei content stats [--json]` and `podsensei content check`: counts of the curriculum, and
 * every drill re-simulated against its stored answer (exit 1 when any disagrees).
 */
import { checkContent, contentStats, formatCheck } from "../tutor/content-check.js";
import type { CommandIO } from "./simulate-command.js";

const USAGE = "usage: podsensei content stats [--json] | podsensei content check";

export function contentCommand(argv: string[], io: CommandIO): number {
  const [sub, ...rest] = argv;
  if (sub === "stats") {
    const stats = contentStats();
    if (rest.includes("--json")) io.stdout(`${JSON.stringify(stats)}\n`);
    else
      io.stdout(
        `${Object.entries(stats)
          .map(([k, v]) => `${k}: ${v}`)
          .join("\n")}\n`,
      );
    return 0;
  }
  if (sub === "check") {
    const check = checkContent();
    io.stdout(`${formatCheck(check)}\n`);
    return check.ok ? 0 : 1;
  }
  io.stderr(`${USAGE}\n`);
  return 2;
}
