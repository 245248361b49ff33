/**
 * The content check: every drill is re-run through the simulator, and its stored answer must be the
 * only choice whose claim holds. Backs `podsensei content check` and `content stats --json`.
 */
import type { SimulationResult } from "../sandbox/result.js";
import { simulate } from "../sandbox/simulate.js";
import { holds } from "./claims.js";
import { allDrills, defaultContent } from "./content.js";
import { type Content, type Drill, LETTERS } from "./content-schema.js";
import { requestOf } from "./simulation.js";

/** The verdict on one drill. */
export interface DrillVerdict {
  id: string;
  level: number;
  checkpoint: boolean;
  /** Letters whose claim held in the simulation. */
  holding: string[];
  /** Empty when the drill is verified. */
  problems: string[];
}

/** The verdict on all content. */
export interface ContentCheck {
  ok: boolean;
  verdicts: DrillVerdict[];
}

/** Runs one drill: the answer's claim must hold and every other choice's claim must not. */
export function checkDrill(
  drill: Drill,
  run: (d: Drill) => SimulationResult = (d) => simulate(requestOf(d)),
): Omit<DrillVerdict, "level" | "checkpoint"> {
  let result: SimulationResult;
  try {
    result = run(drill);
  } catch (err) {
    return { id: drill.id, holding: [], problems: [`the simulator failed: ${(err as Error).message}`] };
  }
  const holding = drill.choices.flatMap((c, i) => (holds(c.claim, result) ? [LETTERS[i] as string] : []));
  const problems: string[] = [];
  if (!holding.includes(drill.answer)) problems.push(`the answer ${drill.answer}'s claim does not hold`);
  const others = holding.filter((l) => l !== drill.answer);
  if (others.length > 0) problems.push(`other choices also hold: ${others.join(", ")}`);
  return { id: drill.id, holding, problems };
}

/** Checks every drill of the content. */
export function checkContent(content: Content = defaultContent()): ContentCheck {
  const verdicts = allDrills(content).map(({ drill, level, checkpoint }) => ({
    ...checkDrill(drill),
    level,
    checkpoint,
  }));
  return { ok: verdicts.every((v) => v.problems.length === 0), verdicts };
}

/** A readable report of a check: one line per failing drill, then a summary. */
export function formatCheck(check: ContentCheck): string {
  const bad = check.verdicts.filter((v) => v.problems.length > 0);
  const lines = bad.map(
    (v) => `L${v.level} ${v.checkpoint ? "checkpoint " : ""}drill ${v.id}: ${v.problems.join("; ")}`,
  );
  lines.push(`${check.verdicts.length - bad.length}/${check.verdicts.length} drills verified by the simulator`);
  return lines.join("\n");
}

/** Counts for `podsensei content stats --json`. */
export interface ContentStats {
  levels: number;
  lessons: number;
  drills: number;
  checkpointDrills: number;
  verifiedDrills: number;
}

/** Content counts; `verifiedDrills` runs the check. */
export function contentStats(
  content: Content = defaultContent(),
  check: ContentCheck = checkContent(content),
): ContentStats {
  return {
    levels: content.levels.length,
    lessons: content.levels.reduce((n, l) => n + l.lessons.length, 0),
    drills: content.levels.reduce((n, l) => n + l.drills.length, 0),
    checkpointDrills: content.levels.reduce((n, l) => n + l.checkpoint.drills.length, 0),
    verifiedDrills: check.verdicts.filter((v) => v.problems.length === 0).length,
  };
}
