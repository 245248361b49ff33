/**
 * Spaced repetition of missed drills with FSRS (`ts-fsrs`). A missed drill gets a card rated
 * `Again`; each later review rates it `Again` or `Good`, and FSRS decides when it is due next.
 */
import { type Card, createEmptyCard, fsrs, Rating } from "ts-fsrs";
import type { ReviewCard } from "./progress.js";

const scheduler = fsrs({ enable_fuzz: false });

function toCard(c: ReviewCard): Card {
  return { ...c, due: new Date(c.due), last_review: c.last_review ? new Date(c.last_review) : undefined } as Card;
}

function fromCard(c: Card): ReviewCard {
  const out: ReviewCard = {
    due: c.due.toISOString(),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsed_days,
    scheduled_days: c.scheduled_days,
    learning_steps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
  };
  if (c.last_review) out.last_review = c.last_review.toISOString();
  return out;
}

/** The card after answering a drill at `now`; a new card is created for a first miss. */
export function review(card: ReviewCard | undefined, correct: boolean, now: Date): ReviewCard {
  const base = card ? toCard(card) : createEmptyCard(now);
  return fromCard(scheduler.next(base, now, correct ? Rating.Good : Rating.Again).card);
}

/** Ids of cards due at `now`, most overdue first. */
export function dueReviews(cards: Record<string, ReviewCard>, now: Date): string[] {
  return Object.entries(cards)
    .filter(([, c]) => Date.parse(c.due) <= now.getTime())
    .sort(([, a], [, b]) => Date.parse(a.due) - Date.parse(b.due))
    .map(([id]) => id);
}
