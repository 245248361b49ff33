/**
 * The tutor's steps through a level: show a lesson, pose a drill, run the checkpoint, grade
 * answers, unlock the next level. Pure functions over `Progress`; `machine.ts` decides which step a
 * command takes in each state.
 */
import { type Reply, reply, textReply } from "../core/reply.js";
import { findDrill, levelOf } from "./content.js";
import type { Content, Drill, Letter } from "./content-schema.js";
import { LETTERS } from "./content-schema.js";
import type { Progress } from "./progress.js";
import { commandButton, drillReply, feedbackBlocks, lessonReply } from "./render.js";
import type { SimulationRequest } from "./simulation.js";
import { dueReviews, review } from "./spaced.js";
import { award, XP } from "./streak.js";

/** Something the host must do after a transition. */
export interface Effect {
  type: "simulate";
  request: SimulationRequest;
}

/** The result of one step: the new progress, the replies, and effects for the host. */
export interface Step {
  progress: Progress;
  replies: Reply[];
  effects?: Effect[];
}

/** Shows lesson `index` of the current level (marking it read). */
export function showLesson(p: Progress, content: Content, index: number, now: Date): Step {
  const level = levelOf(content, p.level);
  const lesson = level.lessons[index];
  if (!lesson) return { progress: p, replies: [textReply("That lesson does not exist.")] };
  let next: Progress = { ...p, mode: "lesson", lesson: index, drill: null, checkpoint: null };
  if (!next.lessonsSeen.includes(lesson.id)) {
    next = award({ ...next, lessonsSeen: [...next.lessonsSeen, lesson.id] }, XP.lessonRead, now);
  }
  return { progress: next, replies: [lessonReply(level, index)] };
}

function drillTitle(p: Progress, content: Content, drill: Drill, origin: "practice" | "review" | "extra"): string {
  const ref = findDrill(content, drill.id);
  const lvl = levelOf(content, ref?.level ?? p.level);
  if (origin === "practice") {
    const i = lvl.drills.findIndex((d) => d.id === drill.id);
    return `L${lvl.level} · Drill ${i + 1}/${lvl.drills.length}: ${drill.topic}`;
  }
  return `${origin === "review" ? "Review" : "Practice"} (L${lvl.level}): ${drill.topic}`;
}

/** Poses drill `id`. */
export function poseDrill(p: Progress, content: Content, drill: Drill, origin: "practice" | "review" | "extra"): Step {
  const progress: Progress = {
    ...p,
    mode: "drill",
    drill: { id: drill.id, answered: false, origin, hinted: false },
    checkpoint: null,
  };
  return { progress, replies: [drillReply(drill, drillTitle(p, content, drill, origin))] };
}

/** The next practice drill of the level, or the checkpoint once they are done. */
export function nextPractice(p: Progress, content: Content, now: Date): Step {
  const level = levelOf(content, p.level);
  const drill = level.drills[p.practice];
  if (!drill) return startCheckpoint(p, content, now);
  return poseDrill({ ...p, practice: p.practice + 1 }, content, drill, "practice");
}

/** `next` from a lesson: the following lesson, then practice, then the checkpoint. */
export function advance(p: Progress, content: Content, now: Date): Step {
  const level = levelOf(content, p.level);
  if (p.lesson + 1 < level.lessons.length) return showLesson(p, content, p.lesson + 1, now);
  return nextPractice({ ...p, lesson: level.lessons.length - 1 }, content, now);
}

/** The drill `drill` asks for: a due review first, then an unseen drill of the level, then the least practised. */
export function pickDrill(p: Progress, content: Content, now: Date): Step {
  const due = dueReviews(p.reviews, now)
    .map((id) => findDrill(content, id))
    .find((r) => r !== undefined && r.level <= p.unlocked);
  if (due) return poseDrill(p, content, due.drill, "review");
  const level = levelOf(content, p.level);
  const unseen = level.drills.find((d) => p.stats[d.id] === undefined);
  if (unseen) return poseDrill(p, content, unseen, "extra");
  const pool = content.levels.filter((l) => l.level <= p.unlocked).flatMap((l) => l.drills);
  const tries = (d: Drill) => (p.stats[d.id]?.right ?? 0) + (p.stats[d.id]?.wrong ?? 0);
  const least = [...pool].sort((a, b) => tries(a) - tries(b))[0] as Drill;
  return poseDrill(p, content, least, "extra");
}

function record(p: Progress, drillId: string, correct: boolean, now: Date): Progress {
  const s = p.stats[drillId] ?? { right: 0, wrong: 0 };
  const stats = { ...p.stats, [drillId]: correct ? { ...s, right: s.right + 1 } : { ...s, wrong: s.wrong + 1 } };
  const card = p.reviews[drillId];
  const reviews = card || !correct ? { ...p.reviews, [drillId]: review(card, correct, now) } : p.reviews;
  return { ...p, stats, reviews };
}

/** Grades an answer to the open drill. */
export function answerDrill(p: Progress, content: Content, letter: Letter, now: Date): Step {
  const open = p.drill;
  const ref = open ? findDrill(content, open.id) : undefined;
  if (!open || !ref) return { progress: p, replies: [textReply("No question is open. Say `drill` for one.")] };
  if (LETTERS.indexOf(letter) >= ref.drill.choices.length) {
    return {
      progress: p,
      replies: [textReply(`This question has choices A–${LETTERS[ref.drill.choices.length - 1]}.`)],
    };
  }
  const correct = letter === ref.drill.answer;
  let next = record({ ...p, drill: { ...open, answered: true } }, open.id, correct, now);
  const gain = open.origin === "review" ? XP.reviewRight : XP.drillRight;
  next = award(next, correct ? (open.hinted ? Math.floor(gain / 2) : gain) : 0, now);
  const blocks = feedbackBlocks(ref.drill, letter, correct);
  blocks.push({ type: "context", text: "Say `simulate` to watch it happen, or `next` to continue." });
  blocks.push({
    type: "buttons",
    buttons: [commandButton("next", "Next", "primary"), commandButton("simulate", "Simulate")],
  });
  return { progress: next, replies: [reply(...blocks)] };
}

/** Starts the current level's checkpoint. */
export function startCheckpoint(p: Progress, content: Content, _now: Date): Step {
  const level = levelOf(content, p.level);
  const cp = level.checkpoint;
  const intro = textReply(
    `Checkpoint for Level ${level.level}: ${cp.drills.length} questions, ${cp.passMark} right to pass. No hints; each answer is marked as you go.`,
  );
  const progress: Progress = {
    ...p,
    mode: "checkpoint",
    drill: null,
    checkpoint: { index: 0, correct: 0, missed: [] },
  };
  return { progress, replies: [intro, checkpointQuestion(progress, content)] };
}

/** The current checkpoint question. */
export function checkpointQuestion(p: Progress, content: Content): Reply {
  const level = levelOf(content, p.level);
  const i = p.checkpoint?.index ?? 0;
  const drill = level.checkpoint.drills[i] as Drill;
  return drillReply(drill, `L${level.level} · Checkpoint ${i + 1}/${level.checkpoint.drills.length}: ${drill.topic}`);
}

/** Grades a checkpoint answer; after the last question, passes or fails the level. */
export function answerCheckpoint(p: Progress, content: Content, letter: Letter, now: Date): Step {
  const level = levelOf(content, p.level);
  const cp = p.checkpoint ?? { index: 0, correct: 0, missed: [] };
  const drill = level.checkpoint.drills[cp.index] as Drill;
  if (LETTERS.indexOf(letter) >= drill.choices.length) {
    return { progress: p, replies: [textReply(`This question has choices A–${LETTERS[drill.choices.length - 1]}.`)] };
  }
  const correct = letter === drill.answer;
  let next = record(p, drill.id, correct, now);
  next = award(next, correct ? XP.checkpointRight : 0, now);
  const state = {
    index: cp.index + 1,
    correct: cp.correct + (correct ? 1 : 0),
    missed: correct ? cp.missed : [...cp.missed, drill.id],
  };
  const feedback = reply(...feedbackBlocks(drill, letter, correct));
  if (state.index < level.checkpoint.drills.length) {
    next = { ...next, checkpoint: state };
    return { progress: next, replies: [feedback, checkpointQuestion(next, content)] };
  }
  return finishCheckpoint({ ...next, checkpoint: null }, content, state.correct, now, feedback);
}

function finishCheckpoint(p: Progress, content: Content, correct: number, now: Date, feedback: Reply): Step {
  const level = levelOf(content, p.level);
  const total = level.checkpoint.drills.length;
  const score = `${correct}/${total}`;
  if (correct < level.checkpoint.passMark) {
    const lesson = level.lessons.length - 1;
    const msg = textReply(
      `Checkpoint score ${score}: you need ${level.checkpoint.passMark} to pass. The questions you missed come back as reviews (say \`drill\`); say \`checkpoint\` when you want another go.`,
    );
    return { progress: { ...p, mode: "lesson", lesson }, replies: [feedback, msg] };
  }
  // A level is passed "fresh" when it is the frontier and its word has not been used yet.
  const fresh = level.level >= p.unlocked && !(p.passed.includes(level.level) && p.earned === null);
  let next = award({ ...p, passed: [...new Set([...p.passed, level.level])].sort() }, XP.checkpointPassed, now);
  if (!fresh) {
    const msg = textReply(
      `Checkpoint passed again (${score}). You have already unlocked what comes after Level ${level.level}.`,
    );
    return { progress: { ...next, mode: "lesson" }, replies: [feedback, msg] };
  }
  next = { ...next, mode: "awaiting-unlock", earned: level.level };
  return { progress: next, replies: [feedback, unlockPrompt(next, content, score)] };
}

/** "Say WORD to continue", after a passed checkpoint. */
export function unlockPrompt(p: Progress, content: Content, score?: string): Reply {
  const level = levelOf(content, p.earned ?? p.level);
  const passed = score ? `You passed the Level ${level.level} checkpoint (${score}). ` : "";
  return reply(
    { type: "heading", text: `Level ${level.level} complete` },
    { type: "paragraph", text: `${passed}Say ${level.unlockWord} to continue.` },
  );
}

/** What is still between the learner and level `n`'s unlock word. */
export function whatIsLeft(p: Progress, content: Content, n: number): string {
  const level = levelOf(content, n);
  const unread = level.lessons.filter((l) => !p.lessonsSeen.includes(l.id)).length;
  const parts: string[] = [];
  if (n > p.level)
    parts.push(`finish Level ${p.level}${n - p.level > 1 ? ` and the ${n - p.level - 1} level(s) after it` : ""}`);
  if (unread > 0) parts.push(`read ${unread} more lesson${unread === 1 ? "" : "s"} of Level ${n}`);
  parts.push(`pass its checkpoint (${level.checkpoint.passMark} of ${level.checkpoint.drills.length})`);
  return parts.join(", then ");
}
