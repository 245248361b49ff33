import { describe, expect, it } from "vitest";
import { replySchema } from "../../src/core/reply.js";
import { COMMANDS, type CommandName } from "../../src/tutor/commands.js";
import { defaultContent, levelOf } from "../../src/tutor/content.js";
import { TABLE, transition } from "../../src/tutor/machine.js";
import { MODES, type Mode, newProgress, type Progress, progressSchema } from "../../src/tutor/progress.js";

const content = defaultContent();
const now = new Date("2025-03-10T12:00:00Z");
const l1 = levelOf(content, 1);

function inMode(mode: Mode): Progress {
  const base = newProgress();
  const seen = l1.lessons.slice(0, 3).map((l) => l.id);
  switch (mode) {
    case "onboarding":
      return base;
    case "lesson":
      return { ...base, mode, lesson: 2, lessonsSeen: seen };
    case "drill":
      return {
        ...base,
        mode,
        lesson: 2,
        lessonsSeen: seen,
        drill: { id: l1.drills[0]!.id, answered: false, origin: "extra", hinted: false },
      };
    case "checkpoint":
      return { ...base, mode, lesson: 2, lessonsSeen: seen, checkpoint: { index: 0, correct: 0, missed: [] } };
    case "awaiting-unlock":
      return { ...base, mode, lesson: l1.lessons.length - 1, earned: 1, passed: [1] };
    case "completed":
      return { ...base, mode, level: 7, unlocked: 7, passed: [1, 2, 3, 4, 5, 6, 7] };
  }
}

const ARGS: Partial<Record<CommandName, string>> = {
  answer: "A",
  level: "1",
  explain: "pod",
  paste: "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containers: [{name: c, image: nginx}]}",
  word: "CAPTAIN",
  unknown: "blorp",
};

// Expected next state for every state × command; anything not listed stays in its state.
const MOVES: Record<Mode, Partial<Record<CommandName, Mode>>> = {
  onboarding: { start: "lesson", next: "lesson", level: "lesson", drill: "drill", checkpoint: "checkpoint" },
  lesson: { level: "lesson", drill: "drill", checkpoint: "checkpoint" },
  drill: { next: "lesson", back: "lesson", level: "lesson", checkpoint: "checkpoint" },
  checkpoint: { level: "lesson" },
  "awaiting-unlock": { word: "lesson", back: "lesson", level: "lesson", drill: "drill" },
  completed: { back: "lesson", level: "lesson", drill: "drill", checkpoint: "checkpoint" },
};

describe("transition table", () => {
  it("has a handler for every state × command", () => {
    for (const mode of MODES) expect(Object.keys(TABLE[mode]).sort()).toEqual([...COMMANDS].sort());
  });

  const cases = MODES.flatMap((mode) =>
    COMMANDS.map((command) => ({ mode, command, want: MOVES[mode][command] ?? mode })),
  );
  it.each(cases)("$mode × $command → $want", ({ mode, command, want }) => {
    const arg = ARGS[command];
    const step = transition(inMode(mode), arg === undefined ? { name: command } : { name: command, arg }, content, now);
    expect(step.progress.mode).toBe(want);
    expect(step.replies.length).toBeGreaterThan(0);
    for (const r of step.replies) expect(replySchema.safeParse(r).success).toBe(true);
    expect(progressSchema.safeParse(step.progress).success).toBe(true);
    const simulates = (step.effects ?? []).filter((e) => e.type === "simulate").length;
    expect(simulates).toBe(command === "paste" ? 1 : simulates);
  });
});

const text = (s: { replies: { blocks: { type: string; text?: string }[] }[] }) =>
  s.replies.flatMap((r) => r.blocks.map((b) => b.text ?? "")).join("\n");

describe("transitions in detail", () => {
  it("a pasted manifest is simulated without moving the learner", () => {
    const p = inMode("checkpoint");
    const step = transition(p, { name: "paste", arg: ARGS.paste! }, content, now);
    expect(step.effects?.[0]?.request.manifests).toBe(ARGS.paste);
    expect(step.progress.checkpoint).toEqual(p.checkpoint);
  });

  it("an unlock word said early is refused, naming what is left", () => {
    const step = transition(inMode("lesson"), { name: "word", arg: "CAPTAIN" }, content, now);
    expect(text(step)).toMatch(/Not yet.*read \d+ more lessons? of Level 1.*checkpoint \(4 of 5\)/s);
    expect(step.progress.unlocked).toBe(1);
  });

  it("the earned word unlocks the next level", () => {
    const step = transition(inMode("awaiting-unlock"), { name: "word", arg: "captain" }, content, now);
    expect(step.progress).toMatchObject({ level: 2, unlocked: 2, earned: null, lesson: 0 });
  });

  it("level N is refused for a locked level", () => {
    const step = transition(inMode("lesson"), { name: "level", arg: "3" }, content, now);
    expect(step.progress.level).toBe(1);
    expect(text(step)).toContain("Level 3 is locked");
  });

  it("reset asks first; yes erases, anything else cancels", () => {
    const asked = transition({ ...inMode("lesson"), xp: 40 }, { name: "reset" }, content, now).progress;
    expect(asked.confirmReset).toBe(true);
    expect(transition(asked, { name: "confirm" }, content, now).progress).toMatchObject({ mode: "onboarding", xp: 0 });
    const cancelled = transition(asked, { name: "next" }, content, now);
    expect(cancelled.progress.confirmReset).toBe(false);
    expect(cancelled.progress.xp).toBeGreaterThanOrEqual(40);
    expect(text(cancelled)).toContain("Reset cancelled.");
    const kept = transition(asked, { name: "cancel" }, content, now);
    expect(kept.progress).toMatchObject({ confirmReset: false, xp: 40 });
    expect(text(kept)).toContain("Kept");
  });

  it("a wrong drill answer schedules a review and a right one earns XP", () => {
    const p = inMode("drill");
    const drill = l1.drills[0]!;
    const wrong = drill.answer === "A" ? "B" : "A";
    const missed = transition(p, { name: "answer", arg: wrong }, content, now).progress;
    expect(missed.reviews[drill.id]).toBeDefined();
    expect(missed.stats[drill.id]).toEqual({ right: 0, wrong: 1 });
    const right = transition(p, { name: "answer", arg: drill.answer }, content, now).progress;
    expect(right.xp).toBeGreaterThan(p.xp);
    expect(right.reviews[drill.id]).toBeUndefined();
  });

  it("a missed drill comes back as a review once due", () => {
    const drill = l1.drills[3]!;
    const wrong = drill.answer === "A" ? "B" : "A";
    const p = { ...inMode("drill"), drill: { id: drill.id, answered: false, origin: "extra" as const, hinted: false } };
    const missed = transition(p, { name: "answer", arg: wrong }, content, now).progress;
    const later = new Date(now.getTime() + 3 * 86_400_000);
    const next = transition({ ...missed, mode: "lesson", drill: null }, { name: "drill" }, content, later).progress;
    expect(next.drill).toMatchObject({ id: drill.id, origin: "review" });
  });

  it("passing the checkpoint says the level's word; failing returns to lessons", () => {
    let pass = inMode("checkpoint");
    let fail = inMode("checkpoint");
    for (const d of l1.checkpoint.drills) {
      pass = transition(pass, { name: "answer", arg: d.answer }, content, now).progress;
      fail = transition(fail, { name: "answer", arg: d.answer === "A" ? "B" : "A" }, content, now).progress;
    }
    expect(pass).toMatchObject({ mode: "awaiting-unlock", earned: 1 });
    expect(text(transition(pass, { name: "repeat" }, content, now))).toContain("Say CAPTAIN to continue.");
    expect(fail).toMatchObject({ mode: "lesson", earned: null });
    expect(Object.keys(fail.reviews).length).toBe(l1.checkpoint.drills.length);
  });

  it("EXPERT completes the course after the last checkpoint", () => {
    const p = { ...inMode("awaiting-unlock"), level: 7, unlocked: 7, earned: 7 };
    expect(transition(p, { name: "word", arg: "EXPERT" }, content, now).progress.mode).toBe("completed");
  });
});
