/**
 * Loads and validates the tutor's content (`content/levels/*.yaml`, `content/glossary.yaml`).
 * Content errors are authoring mistakes: they throw one `CONTENT_INVALID` error listing every problem.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { load } from "js-yaml";
import { z } from "zod";
import { PodsenseiError } from "../core/errors.js";
import { type Content, type Drill, glossarySchema, type Level, levelSchema } from "./content-schema.js";

/**
 * The repository's `content/` directory: two levels up from this file in the source tree, three
 * from its compiled copy in `dist/src/tutor/`.
 */
export const DEFAULT_CONTENT_DIR =
  [
    fileURLToPath(new URL("../../content/", import.meta.url)),
    fileURLToPath(new URL("../../../content/", import.meta.url)),
  ].find((dir) => existsSync(join(dir, "levels"))) ?? fileURLToPath(new URL("../../content/", import.meta.url));

function parseFile<T>(path: string, schema: z.ZodType<T>, problems: string[]): T | undefined {
  let raw: unknown;
  try {
    raw = load(readFileSync(path, "utf8"));
  } catch (err) {
    problems.push(`${path}: ${(err as Error).message}`);
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    problems.push(`${path}:\n${z.prettifyError(parsed.error)}`);
    return undefined;
  }
  return parsed.data;
}

function crossCheck(levels: Level[], problems: string[]): void {
  const numbers = levels.map((l) => l.level);
  for (let n = 1; n <= 7; n++) {
    if (numbers.filter((x) => x === n).length !== 1) problems.push(`level ${n} must appear exactly once`);
  }
  const seen = new Set<string>();
  const words = new Set<string>();
  for (const l of levels) {
    const ids = [
      ...l.lessons.map((x) => `lesson ${x.id}`),
      ...l.drills.map((x) => `drill ${x.id}`),
      ...l.checkpoint.drills.map((x) => `drill ${x.id}`),
    ];
    for (const id of ids) {
      if (seen.has(id)) problems.push(`duplicate ${id}`);
      seen.add(id);
    }
    if (words.has(l.unlockWord)) problems.push(`duplicate unlock word ${l.unlockWord}`);
    words.add(l.unlockWord);
  }
  const last = levels.find((l) => l.level === 7);
  if (last && last.unlockWord !== "EXPERT") problems.push("the last level's unlock word must be EXPERT");
}

/** Loads all content from `dir` (default: the repository's `content/`). Throws `CONTENT_INVALID`. */
export function loadContent(dir: string = DEFAULT_CONTENT_DIR): Content {
  const problems: string[] = [];
  const levelDir = join(dir, "levels");
  const files = readdirSync(levelDir)
    .filter((f) => /^\d\d-[a-z0-9-]+\.yaml$/.test(f))
    .sort();
  const levels = files.flatMap((f) => parseFile(join(levelDir, f), levelSchema, problems) ?? []);
  const glossary = parseFile(join(dir, "glossary.yaml"), glossarySchema, problems);
  crossCheck(levels, problems);
  if (problems.length > 0 || !glossary) throw new PodsenseiError("CONTENT_INVALID", { problems });
  levels.sort((a, b) => a.level - b.level);
  return { levels, glossary: glossary.entries };
}

let cached: Content | undefined;

/** The repository's content, loaded once per process. */
export function defaultContent(): Content {
  cached ??= loadContent();
  return cached;
}

/** Level `n` (1-based); throws for a number outside the content. */
export function levelOf(content: Content, n: number): Level {
  const l = content.levels[n - 1];
  if (!l) throw new PodsenseiError("CONTENT_LEVEL_UNKNOWN", { level: n });
  return l;
}

/** Where a drill lives: its level and whether it belongs to the checkpoint. */
export interface DrillRef {
  drill: Drill;
  level: number;
  checkpoint: boolean;
}

/** Every drill of the content, practice and checkpoint, in level order. */
export function allDrills(content: Content): DrillRef[] {
  return content.levels.flatMap((l) => [
    ...l.drills.map((drill) => ({ drill, level: l.level, checkpoint: false })),
    ...l.checkpoint.drills.map((drill) => ({ drill, level: l.level, checkpoint: true })),
  ]);
}

/** Finds a drill by id. */
export function findDrill(content: Content, id: string): DrillRef | undefined {
  return allDrills(content).find((d) => d.drill.id === id);
}
