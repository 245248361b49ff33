/**
 * zod schemas for the tutor's content: `content/levels/NN-slug.yaml` and `content/glossary.yaml`.
 * Content is our own writing; these schemas are its contract, checked at load and in tests.
 */
import { z } from "zod";
import { claimSchema } from "./claims.js";

/** CKA and CKAD curriculum domains (CNCF curricula, 2024 revision), as short tags. */
export const EXAM_DOMAINS = {
  "cka:architecture": "CKA: Cluster Architecture, Installation and Configuration",
  "cka:workloads": "CKA: Workloads and Scheduling",
  "cka:networking": "CKA: Services and Networking",
  "cka:storage": "CKA: Storage",
  "cka:troubleshooting": "CKA: Troubleshooting",
  "ckad:design": "CKAD: Application Design and Build",
  "ckad:deployment": "CKAD: Application Deployment",
  "ckad:observability": "CKAD: Application Observability and Maintenance",
  "ckad:config": "CKAD: Application Environment, Configuration and Security",
  "ckad:networking": "CKAD: Services and Networking",
} as const;

export const examDomainSchema = z.enum(Object.keys(EXAM_DOMAINS) as [keyof typeof EXAM_DOMAINS]);
export type ExamDomain = z.infer<typeof examDomainSchema>;

const idSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "ids are kebab-case");

/** Go-style duration (`90s`, `5m`, `1h30m`), as `podsensei simulate --at` takes. */
export const durationSchema = z.string().regex(/^(\d+h)?(\d+m)?(\d+s)?$/, "a duration like 90s, 5m or 1h30m");

/** What to run through `simulate()`: manifests plus optional cluster, horizon and actions. */
const scenarioFields = {
  /** YAML documents (`---`-separated). */
  manifests: z.string().min(1),
  /** v1 Node objects; omitted means the default 3-node cluster. */
  cluster: z.string().optional(),
  /** Simulated horizon; omitted means the simulator's default (10m). */
  at: durationSchema.optional(),
  /** `DURATION: COMMAND` actions, as `podsensei simulate --then` takes them. */
  actions: z
    .array(z.string().regex(/^(\d+h)?(\d+m)?(\d+s)?: \S.*$/, "an action like `30s: kubectl cordon node-a`"))
    .optional(),
};

const tagFields = {
  topic: idSchema,
  domains: z.array(examDomainSchema).min(1),
};

export const lessonSchema = z
  .object({
    id: idSchema,
    title: z.string().min(1),
    ...tagFields,
    /** Chat-sized Markdown, one idea. */
    body: z.string().min(1),
    /** A manifest the learner can run by saying `simulate`. */
    manifest: z.string().optional(),
    cluster: z.string().optional(),
    at: durationSchema.optional(),
    /** What to look for when simulating, shown as the hint. */
    hint: z.string().optional(),
  })
  .strict();

export const choiceSchema = z
  .object({
    text: z.string().min(1),
    /** The machine-checkable outcome this choice asserts. */
    claim: claimSchema,
  })
  .strict();

export const LETTERS = ["A", "B", "C", "D"] as const;
export type Letter = (typeof LETTERS)[number];

export const drillSchema = z
  .object({
    id: idSchema,
    ...tagFields,
    ...scenarioFields,
    question: z.string().min(1),
    choices: z.array(choiceSchema).min(3).max(4),
    answer: z.enum(LETTERS),
    why: z.string().min(1),
    hint: z.string().min(1),
  })
  .strict()
  .refine((d) => LETTERS.indexOf(d.answer) < d.choices.length, { message: "answer must name one of the choices" });

export const levelSchema = z
  .object({
    level: z.number().int().min(1).max(7),
    slug: idSchema,
    title: z.string().min(1),
    goals: z.array(z.string().min(1)).min(1),
    /** Said after passing this level's checkpoint; unlocks the next level (the last one completes). */
    unlockWord: z.string().regex(/^[A-Z]{4,20}$/, "unlock words are 4-20 capital letters"),
    lessons: z.array(lessonSchema).min(6),
    drills: z.array(drillSchema).min(10),
    checkpoint: z
      .object({
        passMark: z.number().int().min(1),
        drills: z.array(drillSchema).min(5),
      })
      .strict()
      .refine((c) => c.passMark <= c.drills.length, { message: "passMark cannot exceed the number of drills" }),
  })
  .strict();

export const glossaryEntrySchema = z
  .object({
    term: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    definition: z.string().min(1),
    /** Level whose lessons teach it. */
    level: z.number().int().min(1).max(7),
  })
  .strict();

export const glossarySchema = z.object({ entries: z.array(glossaryEntrySchema).min(1) }).strict();

export type Lesson = z.infer<typeof lessonSchema>;
export type Choice = z.infer<typeof choiceSchema>;
export type Drill = z.infer<typeof drillSchema>;
export type Level = z.infer<typeof levelSchema>;
export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;

/** All content, loaded and validated. Levels are sorted 1..7. */
export interface Content {
  levels: Level[];
  glossary: GlossaryEntry[];
}

/** Parses a Go-style duration into seconds (`1h30m` → 5400). */
export function durationSeconds(d: string): number {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(d);
  if (!m) return 0;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}
