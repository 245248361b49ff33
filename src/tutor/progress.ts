/**
 * A learner's progress: the tutor's whole state for one person, as a versioned record checked by
 * zod on every read, with migrations from older versions. `ProgressStore` is the port that keeps
 * it; `MemoryProgressStore` serves the console and tests, `RedisProgressStore` the bots.
 */
import { z } from "zod";
import { PodsenseiError } from "../core/errors.js";

/** The tutor's conversational states (the rows of the transition table). */
export const MODES = ["onboarding", "lesson", "drill", "checkpoint", "awaiting-unlock", "completed"] as const;
export type Mode = (typeof MODES)[number];

/** Who the progress belongs to: one record per platform + workspace + user. */
export interface LearnerKey {
  platform: string;
  workspace: string;
  user: string;
}

/** Serialized FSRS card (ts-fsrs `Card` with ISO dates). */
export const reviewCardSchema = z.object({
  due: z.string(),
  stability: z.number(),
  difficulty: z.number(),
  elapsed_days: z.number(),
  scheduled_days: z.number(),
  learning_steps: z.number(),
  reps: z.number(),
  lapses: z.number(),
  state: z.number().int().min(0).max(3),
  last_review: z.string().optional(),
});
export type ReviewCard = z.infer<typeof reviewCardSchema>;

export const PROGRESS_VERSION = 2;

export const progressSchema = z.object({
  version: z.literal(PROGRESS_VERSION),
  mode: z.enum(MODES),
  /** Level being studied (1-based). */
  level: z.number().int().min(1),
  /** Highest unlocked level. */
  unlocked: z.number().int().min(1),
  /** Index of the current lesson in the level. */
  lesson: z.number().int().min(0),
  /** Index of the next practice drill in the level's sequence. */
  practice: z.number().int().min(0),
  /** The open drill in mode `drill`. `origin` says where `next` goes after it. */
  drill: z
    .object({
      id: z.string(),
      answered: z.boolean(),
      origin: z.enum(["practice", "review", "extra"]),
      hinted: z.boolean(),
    })
    .nullable(),
  /** The running checkpoint in mode `checkpoint`. */
  checkpoint: z
    .object({ index: z.number().int().min(0), correct: z.number().int().min(0), missed: z.array(z.string()) })
    .nullable(),
  /** Level whose checkpoint was passed and whose unlock word is awaited. */
  earned: z.number().int().min(1).nullable(),
  /** Levels whose checkpoint was passed. */
  passed: z.array(z.number().int().min(1)),
  /** Set after `reset` until the learner confirms or cancels. */
  confirmReset: z.boolean(),
  lessonsSeen: z.array(z.string()),
  xp: z.number().int().min(0),
  streak: z.object({ days: z.number().int().min(0), best: z.number().int().min(0), lastDay: z.string().nullable() }),
  /** IANA time zone for the daily streak. */
  timeZone: z.string(),
  /** Per drill: answers right and wrong. */
  stats: z.record(z.string(), z.object({ right: z.number().int().min(0), wrong: z.number().int().min(0) })),
  /** Spaced-repetition cards of drills the learner has missed. */
  reviews: z.record(z.string(), reviewCardSchema),
  /** Bumped by every update (optimistic concurrency and debugging). */
  revision: z.number().int().min(0),
});
export type Progress = z.infer<typeof progressSchema>;

/** Version 1 (before spaced repetition and streaks): kept to migrate stored records. */
export const progressV1Schema = z.object({
  version: z.literal(1),
  mode: z.enum(MODES),
  level: z.number().int().min(1),
  unlocked: z.number().int().min(1),
  lesson: z.number().int().min(0),
  xp: z.number().int().min(0),
  passed: z.array(z.number().int().min(1)),
  missed: z.array(z.string()).default([]),
});

/** A fresh learner at onboarding. */
export function newProgress(timeZone = "UTC"): Progress {
  return {
    version: PROGRESS_VERSION,
    mode: "onboarding",
    level: 1,
    unlocked: 1,
    lesson: 0,
    practice: 0,
    drill: null,
    checkpoint: null,
    earned: null,
    passed: [],
    confirmReset: false,
    lessonsSeen: [],
    xp: 0,
    streak: { days: 0, best: 0, lastDay: null },
    timeZone,
    stats: {},
    reviews: {},
    revision: 0,
  };
}

function migrateV1(old: z.infer<typeof progressV1Schema>): Progress {
  const p = newProgress();
  // Open drills and checkpoints of v1 are not resumable; the learner resumes at the lesson.
  const mode = old.mode === "drill" || old.mode === "checkpoint" ? "lesson" : old.mode;
  const reviews: Progress["reviews"] = {};
  const stats: Progress["stats"] = {};
  for (const id of old.missed) stats[id] = { right: 0, wrong: 1 };
  return {
    ...p,
    mode,
    level: old.level,
    unlocked: old.unlocked,
    lesson: old.lesson,
    xp: old.xp,
    passed: old.passed,
    stats,
    reviews,
  };
}

/**
 * Decodes a stored record (JSON text), migrating older versions to the current one. Missed drills
 * of a v1 record keep their counts and come back for review at the next `drill`.
 */
export function decodeProgress(json: string): Progress {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new PodsenseiError("PROGRESS_NOT_JSON", { detail: (err as Error).message }, { cause: err });
  }
  const version = typeof raw === "object" && raw !== null ? (raw as { version?: unknown }).version : undefined;
  const parsed =
    version === 1
      ? progressV1Schema.safeParse(raw)
      : version === PROGRESS_VERSION
        ? progressSchema.safeParse(raw)
        : undefined;
  if (!parsed) throw new PodsenseiError("PROGRESS_VERSION_UNKNOWN", { version });
  if (!parsed.success)
    throw new PodsenseiError("PROGRESS_INVALID", { detail: z.prettifyError(parsed.error) }, { cause: parsed.error });
  return parsed.data.version === 1 ? migrateV1(parsed.data) : parsed.data;
}

/** Encodes a record for storage. */
export function encodeProgress(p: Progress): string {
  return JSON.stringify(progressSchema.parse(p));
}

/** The storage key of a learner: `podsensei:progress:<platform>:<workspace>:<user>`. */
export function progressKey(k: LearnerKey, prefix = "podsensei:progress"): string {
  return `${prefix}:${k.platform}:${k.workspace}:${k.user}`;
}

/** A computed change: the new record and a value for the caller. */
export interface Update<T> {
  progress: Progress;
  value: T;
}

/**
 * Keeps progress. Contract: `update` applies `fn` atomically per learner: concurrent updates of one
 * learner never lose each other's changes (`fn` may run more than once, so it must be pure).
 */
export interface ProgressStore {
  get(key: LearnerKey): Promise<Progress | undefined>;
  update<T>(key: LearnerKey, fn: (current: Progress | undefined) => Update<T>): Promise<T>;
}

/** In-memory store for the console and tests; stores encoded JSON so reads go through zod too. */
export class MemoryProgressStore implements ProgressStore {
  readonly #records = new Map<string, string>();

  #read(key: LearnerKey): Progress | undefined {
    const raw = this.#records.get(progressKey(key));
    return raw === undefined ? undefined : decodeProgress(raw);
  }

  async get(key: LearnerKey): Promise<Progress | undefined> {
    return this.#read(key);
  }

  /** Read, compute and write happen in one synchronous step, so updates cannot interleave. */
  async update<T>(key: LearnerKey, fn: (current: Progress | undefined) => Update<T>): Promise<T> {
    const current = this.#read(key);
    const { progress, value } = fn(current);
    this.#records.set(progressKey(key), encodeProgress({ ...progress, revision: (current?.revision ?? 0) + 1 }));
    return value;
  }
}
