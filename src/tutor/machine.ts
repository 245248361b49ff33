/**
 * The tutor's state machine: an explicit table of states × commands. Pure:
 * `transition(progress, command, content, now) → { progress, replies, effects }`. No I/O, no
 * clock (the caller passes `now`), no simulator (it returns a `simulate` effect instead).
 */
import { type Reply, reply, textReply } from "../core/reply.js";
import type { Command, CommandName } from "./commands.js";
import { findDrill, levelOf } from "./content.js";
import { type Content, LETTERS, type Letter } from "./content-schema.js";
import {
  advance,
  answerCheckpoint,
  answerDrill,
  checkpointQuestion,
  nextPractice,
  pickDrill,
  type Step,
  showLesson,
  startCheckpoint,
  unlockPrompt,
  whatIsLeft,
} from "./flow.js";
import { glossaryReply, helpReply, progressReply } from "./info.js";
import { type Mode, newProgress, type Progress } from "./progress.js";
import { commandButton, drillReply, lessonReply, welcomeReply } from "./render.js";
import { requestOf } from "./simulation.js";

export type { Effect, Step } from "./flow.js";

/** What a handler gets besides the progress. */
interface Ctx {
  content: Content;
  now: Date;
  arg: string;
}
type Handler = (p: Progress, ctx: Ctx) => Step;

const say = (p: Progress, text: string): Step => ({ progress: p, replies: [textReply(text)] });

// ---- handlers shared by every state ------------------------------------------------------------

const help: Handler = (p, { content }) => ({ progress: p, replies: [helpReply(p, content)] });
const progressInfo: Handler = (p, { content, now }) => ({ progress: p, replies: [progressReply(p, content, now)] });
const explain: Handler = (p, { content, arg }) => ({ progress: p, replies: [glossaryReply(content, arg)] });

const reset: Handler = (p) => ({
  progress: { ...p, confirmReset: true },
  replies: [
    reply(
      {
        type: "paragraph",
        text: "This erases all your progress: levels, XP, streak and reviews. Say `yes` to confirm, anything else to keep it.",
      },
      {
        type: "buttons",
        buttons: [commandButton("confirm", "Yes, erase", "danger"), commandButton("cancel", "Keep my progress")],
      },
    ),
  ],
});

const confirm: Handler = (p, { content }) =>
  p.confirmReset
    ? {
        progress: { ...newProgress(p.timeZone), revision: p.revision },
        replies: [textReply("Progress erased."), welcomeReply(content)],
      }
    : say(p, "There is nothing to confirm.");

const cancel: Handler = (p) =>
  say(p, p.confirmReset ? "Kept: your progress is unchanged." : "There is nothing to cancel.");

function where(p: Progress): string {
  if (p.mode === "onboarding") return "at the start";
  if (p.mode === "completed") return "at the end of the course";
  return `in Level ${p.level} (${p.mode === "lesson" ? `lesson ${p.lesson + 1}` : p.mode.replace("-", " ")})`;
}

const paste: Handler = (p, { arg }) => ({
  progress: p,
  replies: [
    textReply(`Simulating your manifests. Your place is kept: you are ${where(p)}; say \`repeat\` to pick up.`),
  ],
  effects: [{ type: "simulate", request: { manifests: arg } }],
});

const word: Handler = (p, { content, arg, now }) => {
  const level = content.levels.find((l) => l.unlockWord === arg.toUpperCase());
  if (!level) return say(p, "That is not a word I know.");
  if (p.earned === level.level) {
    if (level.level === content.levels.length) {
      const done: Progress = { ...p, mode: "completed", earned: null, drill: null, checkpoint: null };
      return { progress: done, replies: [completedReply(done, content)] };
    }
    const unlocked: Progress = {
      ...p,
      earned: null,
      unlocked: Math.max(p.unlocked, level.level + 1),
      level: level.level + 1,
      lesson: 0,
      practice: 0,
    };
    const step = showLesson(unlocked, content, 0, now);
    return {
      ...step,
      replies: [textReply(`${level.unlockWord}! Level ${level.level + 1} is unlocked.`), ...step.replies],
    };
  }
  if (level.level < p.unlocked || p.mode === "completed")
    return say(p, `${level.unlockWord} is already used: what it unlocks is open to you.`);
  return say(
    p,
    `Not yet, but you are on your way! ${level.unlockWord} is earned at the end of Level ${level.level}: ${whatIsLeft(p, content, level.level)}.`,
  );
};

const level: Handler = (p, { content, arg, now }) => {
  const n = Number(arg);
  if (!Number.isInteger(n) || n < 1 || n > content.levels.length)
    return say(p, `Say \`level N\` with N from 1 to ${content.levels.length}.`);
  if (n > p.unlocked) {
    const gate = levelOf(content, n - 1);
    return say(
      p,
      `Level ${n} is locked. It opens with the word you earn by passing the Level ${n - 1} checkpoint (${gate.title}).`,
    );
  }
  const note = p.mode === "checkpoint" ? [textReply("Checkpoint left; you can take it again any time.")] : [];
  const step = showLesson({ ...p, level: n, practice: 0 }, content, 0, now);
  return { ...step, replies: [...note, ...step.replies] };
};

const drill: Handler = (p, { content, now }) => pickDrill(p, content, now);
const checkpoint: Handler = (p, { content, now }) => startCheckpoint(p, content, now);
const noQuestion: Handler = (p) => say(p, "No question is open right now. Say `drill` for one.");

function completedReply(p: Progress, content: Content): Reply {
  return reply(
    { type: "heading", text: "Course complete: you are a Kubernetes expert" },
    {
      type: "paragraph",
      text: `You finished all ${content.levels.length} levels with ${p.xp} XP. Keep sharp: \`drill\` mixes questions from every level, \`level N\` revisits one, and you can paste any YAML to simulate it.`,
    },
  );
}

function repeatCurrent(p: Progress, content: Content): Reply {
  switch (p.mode) {
    case "onboarding":
      return welcomeReply(content);
    case "lesson":
      return lessonReply(levelOf(content, p.level), p.lesson);
    case "drill": {
      const ref = p.drill ? findDrill(content, p.drill.id) : undefined;
      return ref ? drillReply(ref.drill, `Drill: ${ref.drill.topic}`) : textReply("No drill is open.");
    }
    case "checkpoint":
      return checkpointQuestion(p, content);
    case "awaiting-unlock":
      return unlockPrompt(p, content);
    case "completed":
      return completedReply(p, content);
  }
}
const repeat: Handler = (p, { content }) => ({ progress: p, replies: [repeatCurrent(p, content)] });

// ---- state-specific handlers -------------------------------------------------------------------

const begin: Handler = (p, { content, now }) => showLesson(p, content, p.lesson, now);
const nextLesson: Handler = (p, { content, now }) => advance(p, content, now);
const previousLesson: Handler = (p, { content, now }) =>
  p.lesson === 0 ? say(p, `This is the first lesson of Level ${p.level}.`) : showLesson(p, content, p.lesson - 1, now);
const lessonHint: Handler = (p, { content }) => {
  const lesson = levelOf(content, p.level).lessons[p.lesson];
  return say(
    p,
    lesson?.hint ??
      (lesson?.manifest
        ? "Say `simulate` and read the events: they tell the story."
        : "Say `drill` to test yourself on this."),
  );
};
const lessonSimulate: Handler = (p, { content }) => {
  const lesson = levelOf(content, p.level).lessons[p.lesson];
  if (!lesson?.manifest) return say(p, "This lesson has no manifest. Paste your own YAML and I will simulate it.");
  const request = requestOf({ manifests: lesson.manifest, cluster: lesson.cluster, at: lesson.at });
  return {
    progress: p,
    replies: [textReply(`Simulating "${lesson.title}"…`)],
    effects: [{ type: "simulate", request }],
  };
};

const openDrill = (p: Progress, content: Content) => (p.drill ? findDrill(content, p.drill.id) : undefined);
const drillNext: Handler = (p, ctx) => {
  const origin = p.drill?.origin;
  const skipped = p.drill && !p.drill.answered ? [textReply("Skipped.")] : [];
  const step = origin === "practice" ? nextPractice(p, ctx.content, ctx.now) : advanceFromExtra(p, ctx);
  return { ...step, replies: [...skipped, ...step.replies] };
};
function advanceFromExtra(p: Progress, { content, now }: Ctx): Step {
  const lesson = levelOf(content, p.level).lessons[p.lesson];
  return lesson && p.lessonsSeen.includes(lesson.id)
    ? advance({ ...p, mode: "lesson", drill: null }, content, now)
    : showLesson(p, content, p.lesson, now);
}
const drillBack: Handler = (p, { content, now }) => showLesson(p, content, p.lesson, now);
const drillAnswer: Handler = (p, { content, now, arg }) =>
  p.drill?.answered
    ? say(p, "You have answered this one. Say `next` to continue or `simulate` to watch it.")
    : answerDrill(p, content, arg as Letter, now);
const drillHint: Handler = (p, { content }) => {
  const ref = openDrill(p, content);
  if (!ref || !p.drill) return say(p, "No drill is open.");
  return {
    progress: { ...p, drill: { ...p.drill, hinted: true } },
    replies: [textReply(`Hint: ${ref.drill.hint.trim()}`)],
  };
};
const drillSimulate: Handler = (p, { content }) => {
  const ref = openDrill(p, content);
  if (!ref || !p.drill?.answered) return say(p, "Answer first, then say `simulate` to watch it happen.");
  return {
    progress: p,
    replies: [textReply("Simulating the drill…")],
    effects: [{ type: "simulate", request: requestOf(ref.drill) }],
  };
};
const drillUnknown: Handler = (p) =>
  say(
    p,
    p.drill?.answered
      ? "Say `next` to continue, or `help`."
      : `Answer with ${LETTERS.slice(0, 4).join(", ")} or the choice's text; \`hint\` if you are stuck.`,
  );

const cpAnswer: Handler = (p, { content, now, arg }) => answerCheckpoint(p, content, arg as Letter, now);
const cpRepeat: Handler = (p, { content }) => ({ progress: p, replies: [checkpointQuestion(p, content)] });
const cpLeft = (p: Progress, content: Content) =>
  levelOf(content, p.level).checkpoint.drills.length - (p.checkpoint?.index ?? 0);
const cpStay: Handler = (p, { content }) =>
  say(
    p,
    `A checkpoint runs to the end: ${cpLeft(p, content)} question(s) left. Answer A–D (or say \`level ${p.level}\` to leave it).`,
  );
const cpNoHint: Handler = (p) => say(p, "No hints in a checkpoint: trust what you have learned.");
const cpNoSim: Handler = (p) => say(p, "No simulations during a checkpoint; you can simulate every drill afterwards.");

const awaitingNag: Handler = (p, { content }) => ({ progress: p, replies: [unlockPrompt(p, content)] });
const awaitingBack: Handler = (p, { content, now }) =>
  showLesson(p, content, levelOf(content, p.level).lessons.length - 1, now);
const completedNext: Handler = (p, { content }) => ({ progress: p, replies: [completedReply(p, content)] });
const completedBack: Handler = (p, { content, now }) =>
  showLesson(
    { ...p, level: content.levels.length },
    content,
    levelOf(content, content.levels.length).lessons.length - 1,
    now,
  );
const freeSimulate: Handler = (p) =>
  say(p, "Paste YAML (one or more documents) and I will simulate it in a 3-node cluster.");
const generalHint: Handler = (p) => say(p, "Say `next` to move on, `drill` to practise, or `help` for every command.");
const onboardingBack: Handler = (p) => say(p, "We are at the very beginning. Say `start`.");
const unknown =
  (suggest: string): Handler =>
  (p) =>
    say(p, `I did not catch that. ${suggest} (\`help\` lists every command.)`);

const common = { help, progress: progressInfo, explain, reset, confirm, cancel, paste, word, level, repeat } as const;

/** The transition table: for every state, the handler of every command. */
export const TABLE: Record<Mode, Record<CommandName, Handler>> = {
  onboarding: {
    ...common,
    start: begin,
    next: begin,
    back: onboardingBack,
    drill,
    checkpoint,
    answer: noQuestion,
    hint: (p) => say(p, "Say `start`: the first lesson is about pods."),
    simulate: freeSimulate,
    unknown: unknown("Say `start` to begin."),
  },
  lesson: {
    ...common,
    start: (p, ctx) => ({
      progress: p,
      replies: [textReply("You have started already; here is where you are."), repeatCurrent(p, ctx.content)],
    }),
    next: nextLesson,
    back: previousLesson,
    drill,
    checkpoint,
    answer: noQuestion,
    hint: lessonHint,
    simulate: lessonSimulate,
    unknown: unknown("Say `next` for the next lesson."),
  },
  drill: {
    ...common,
    start: repeat,
    next: drillNext,
    back: drillBack,
    drill: (p, ctx) => (p.drill?.answered ? pickDrill(p, ctx.content, ctx.now) : repeat(p, ctx)),
    checkpoint,
    answer: drillAnswer,
    hint: drillHint,
    simulate: drillSimulate,
    unknown: drillUnknown,
  },
  checkpoint: {
    ...common,
    start: cpRepeat,
    next: cpStay,
    back: cpStay,
    repeat: cpRepeat,
    drill: cpStay,
    checkpoint: cpRepeat,
    answer: cpAnswer,
    hint: cpNoHint,
    simulate: cpNoSim,
    unknown: (p, ctx) => ({
      progress: p,
      replies: [textReply("Answer with A–D or the choice's text."), checkpointQuestion(p, ctx.content)],
    }),
  },
  "awaiting-unlock": {
    ...common,
    start: awaitingNag,
    next: awaitingNag,
    back: awaitingBack,
    drill,
    checkpoint: awaitingNag,
    answer: noQuestion,
    hint: (p, { content }) =>
      say(p, `The word is in the message after your checkpoint: ${levelOf(content, p.earned ?? p.level).unlockWord}.`),
    simulate: freeSimulate,
    unknown: (p, { content }) => say(p, `Say ${levelOf(content, p.earned ?? p.level).unlockWord} to continue.`),
  },
  completed: {
    ...common,
    start: completedNext,
    next: completedNext,
    back: completedBack,
    drill,
    checkpoint: (p, ctx) => startCheckpoint({ ...p, level: ctx.content.levels.length }, ctx.content, ctx.now),
    answer: noQuestion,
    hint: generalHint,
    simulate: freeSimulate,
    unknown: unknown("Say `drill` for a mixed question."),
  },
};

/**
 * One transition. A pending reset is confirmed only by `confirm`; any other command cancels it and
 * is then handled as usual.
 */
export function transition(p: Progress, command: Command, content: Content, now: Date): Step {
  let current = p;
  const pre: Reply[] = [];
  if (p.confirmReset && command.name !== "confirm" && command.name !== "cancel") {
    current = { ...p, confirmReset: false };
    pre.push(textReply("Reset cancelled."));
  }
  const handler = TABLE[current.mode][command.name];
  const step = handler(current, { content, now, arg: command.arg ?? "" });
  const progress = command.name === "reset" ? step.progress : { ...step.progress, confirmReset: false };
  return { ...step, progress, replies: [...pre, ...step.replies] };
}
