/**
 * Which drill a channel gets next. Pure and seeded (the same history and seed give the same drill):
 * - the pool is the chosen level's drills, or every level for `mixed`;
 * - a drill posted in the channel within {@link NO_REPEAT_DAYS} days is left out; when a level has
 *   run dry, the nearest levels (easier first) lend theirs, and only when every drill was posted
 *   recently does the least recently posted one come back;
 * - `mixed` weights drills so that each exam domain gets its curriculum share (peers.md, CNCF
 *   curriculum: CKA troubleshooting 30 %, …);
 * - topics the channel got wrong come more often, and drills whose spaced-repetition card
 *   (FSRS, kept per channel) is due come more often still.
 */
import { SeededRandom } from "../sandbox/model/random.js";
import type { DrillRef } from "../tutor/content.js";
import type { ExamDomain } from "../tutor/content-schema.js";

/** A drill is not posted again in the same channel within this many days. */
export const NO_REPEAT_DAYS = 30;

/** Curriculum weights of the exam domains, percent (CNCF curriculum, CKA v1.35 and CKAD; see peers.md). */
export const DOMAIN_WEIGHTS: Record<ExamDomain, number> = {
  "cka:troubleshooting": 30,
  "cka:architecture": 25,
  "cka:networking": 20,
  "cka:workloads": 15,
  "cka:storage": 10,
  "ckad:config": 25,
  "ckad:design": 20,
  "ckad:deployment": 20,
  "ckad:networking": 20,
  "ckad:observability": 15,
};

/** How the channel did on a topic. */
export interface TopicStat {
  right: number;
  total: number;
}

/** What the choice depends on. */
export interface ChoiceInput {
  drills: readonly DrillRef[];
  level: number | "mixed";
  /** Drill id → when it was last posted in the channel (ms since the epoch). */
  posted: ReadonlyMap<string, number>;
  /** Topic → the channel's answers on it. */
  topics: Readonly<Record<string, TopicStat>>;
  /** Drill ids whose spaced-repetition card is due. */
  due: ReadonlySet<string>;
  now: Date;
  seed: number;
}

const DAY_MS = 86_400_000;

function pool(input: ChoiceInput): DrillRef[] {
  const fresh = (d: DrillRef) => {
    const at = input.posted.get(d.drill.id);
    return at === undefined || input.now.getTime() - at >= NO_REPEAT_DAYS * DAY_MS;
  };
  if (input.level === "mixed") return input.drills.filter(fresh);
  const target = input.level;
  const levels = [...new Set(input.drills.map((d) => d.level))].sort(
    (a, b) => Math.abs(a - target) - Math.abs(b - target) || a - b,
  );
  for (const level of levels) {
    const found = input.drills.filter((d) => d.level === level && fresh(d));
    if (found.length > 0) return found;
  }
  return [];
}

function weights(candidates: readonly DrillRef[], input: ChoiceInput): number[] {
  const perDomain = new Map<ExamDomain, number>();
  for (const d of candidates) for (const dom of d.drill.domains) perDomain.set(dom, (perDomain.get(dom) ?? 0) + 1);
  return candidates.map((d) => {
    const domain =
      input.level === "mixed"
        ? Math.max(...d.drill.domains.map((dom) => DOMAIN_WEIGHTS[dom] / (perDomain.get(dom) ?? 1)))
        : 1;
    const t = input.topics[d.drill.topic];
    const weak = t && t.total > 0 ? 1 + 2 * (1 - t.right / t.total) : 1;
    const due = input.due.has(d.drill.id) ? 3 : 1;
    return domain * weak * due;
  });
}

/** Picks the next drill; undefined only when there are no drills at all. */
export function chooseDrill(input: ChoiceInput): DrillRef | undefined {
  const candidates = pool(input);
  if (candidates.length === 0) {
    const oldest = [...input.drills].sort(
      (a, b) => (input.posted.get(a.drill.id) ?? 0) - (input.posted.get(b.drill.id) ?? 0),
    );
    return oldest[0];
  }
  const w = weights(candidates, input);
  const total = w.reduce((a, b) => a + b, 0);
  let x = new SeededRandom(input.seed).next() * total;
  for (let i = 0; i < candidates.length; i++) {
    x -= w[i] ?? 0;
    if (x < 0) return candidates[i];
  }
  return candidates[candidates.length - 1];
}

/** A 32-bit FNV-1a hash of a string: the seed of a channel's choice for one post. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
