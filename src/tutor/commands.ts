/**
 * Learner text → tutor command. Exact words and synonyms first, then a fuzzy match (fuse.js) that
 * forgives typos ("nxet", "progres", "simualte"). Answers are letters A–D or a choice's text.
 */
import Fuse from "fuse.js";
import { LETTERS, type Letter } from "./content-schema.js";

/** Every command of the transition table's columns. */
export const COMMANDS = [
  "help",
  "start",
  "next",
  "back",
  "repeat",
  "drill",
  "checkpoint",
  "answer",
  "hint",
  "progress",
  "level",
  "reset",
  "confirm",
  "cancel",
  "explain",
  "simulate",
  "paste",
  "word",
  "unknown",
] as const;
export type CommandName = (typeof COMMANDS)[number];

/** A parsed learner message. `arg`: the letter, level number, term, YAML, word or raw text. */
export interface Command {
  name: CommandName;
  arg?: string;
}

/** Words that mean each command (the first is the canonical name). */
const SYNONYMS: Partial<Record<CommandName, string[]>> = {
  help: ["help", "commands", "menu", "?", "how", "usage"],
  start: ["start", "begin", "go", "lets go", "let's go", "ready"],
  next: ["next", "n", "continue", "more", "ok", "okay", "forward", "proceed", "skip"],
  back: ["back", "previous", "prev", "b", "go back", "return"],
  repeat: ["repeat", "again", "say again", "show", "current", "where", "where am i"],
  drill: ["drill", "quiz", "practice", "practise", "exercise", "question", "review", "test me"],
  checkpoint: ["checkpoint", "exam", "test", "final", "assessment"],
  hint: ["hint", "clue", "tip", "help me", "stuck"],
  progress: ["progress", "stats", "status", "score", "xp", "streak", "me"],
  reset: ["reset", "restart", "start over", "forget me", "wipe"],
  confirm: ["yes", "y", "confirm", "sure", "yep", "yeah"],
  cancel: ["no", "cancel", "nope", "keep", "abort"],
  level: ["level", "levels", "lvl"],
  explain: ["explain", "define", "glossary", "terms", "explian"],
  simulate: ["simulate", "sim", "run", "try", "try it", "apply", "kubectl apply"],
};

const entries = Object.entries(SYNONYMS).flatMap(([name, words]) =>
  (words ?? []).map((w) => ({ name: name as CommandName, word: w })),
);
const byWord = new Map(entries.map((e) => [e.word, e.name]));
// Only words of 4+ letters take part in fuzzy matching: short words are too easy to confuse.
const fuse = new Fuse(
  entries.filter((e) => e.word.length >= 4),
  { keys: ["word"], includeScore: true, threshold: 0.34, ignoreLocation: true },
);

/** Context the parser needs: the open question's choices and the content's unlock words. */
export interface ParseContext {
  choices?: string[];
  unlockWords: string[];
}

/** Whether text looks like pasted Kubernetes YAML rather than a chat message. */
export function looksLikeManifest(text: string): boolean {
  const t = text.trim();
  if (/^```/.test(t)) return true;
  return /^\s*(apiVersion|kind)\s*:/m.test(t) && /^\s*(kind)\s*:/m.test(t) && t.includes("\n");
}

/** Strips a Markdown code fence around pasted YAML. */
export function stripFence(text: string): string {
  const m = /^\s*```[a-zA-Z]*\n([\s\S]*?)\n?```\s*$/.exec(text);
  return m ? (m[1] ?? "") : text;
}

function normalise(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[!.,;]+$/g, "")
    .replace(/\s+/g, " ");
}

/** Exact synonym after swapping two neighbouring letters ("nxet" → "next"), which Bitap scores poorly. */
function transposed(word: string): CommandName | undefined {
  for (let i = 0; i + 1 < word.length; i++) {
    const hit = byWord.get(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    if (hit) return hit;
  }
  return undefined;
}

function fuzzyCommand(word: string): CommandName | undefined {
  const exact = byWord.get(word);
  if (exact) return exact;
  if (word.length < 3) return undefined;
  const swapped = transposed(word);
  if (swapped) return swapped;
  return fuse.search(word)[0]?.item.name;
}

function matchChoice(text: string, choices: string[]): Letter | undefined {
  const items = choices.map((c, i) => ({ c: c.toLowerCase(), letter: LETTERS[i] as Letter }));
  const exact = items.find((x) => x.c === text);
  if (exact) return exact.letter;
  if (text.length < 4) return undefined;
  const hit = new Fuse(items, { keys: ["c"], includeScore: true, threshold: 0.4, ignoreLocation: true }).search(
    text,
  )[0];
  return hit?.item.letter;
}

const LEVEL_RE = /^(?:go to |goto |switch to )?(?:level|lvl|lv|l)\s*(\d+)$/;
const EXPLAIN_RE = /^(?:explain|define|what is|what's|whats|what are|meaning of|glossary)\s+(?:an? |the )?(.+?)\??$/;
const LETTER_RE = /^(?:answer|ans|choose|pick|option)?\s*\(?([a-d])\)?[.):]?$/;

/** Parses one learner message. Never throws: unrecognised text is `unknown`. */
export function parseCommand(text: string, ctx: ParseContext): Command {
  if (looksLikeManifest(text)) return { name: "paste", arg: stripFence(text.trim()) };
  const t = normalise(text);
  if (t === "") return { name: "unknown", arg: "" };
  const upper = t.toUpperCase();
  if (ctx.unlockWords.includes(upper)) return { name: "word", arg: upper };
  const letter = LETTER_RE.exec(t);
  if (letter?.[1]) return { name: "answer", arg: letter[1].toUpperCase() };
  const answerText = /^(?:answer|ans)\s+(.+)$/.exec(t);
  if (answerText?.[1] && ctx.choices) {
    const l = matchChoice(answerText[1], ctx.choices);
    if (l) return { name: "answer", arg: l };
  }
  const level = LEVEL_RE.exec(t);
  if (level?.[1]) return { name: "level", arg: level[1] };
  const explain = EXPLAIN_RE.exec(t);
  if (explain?.[1]) return { name: "explain", arg: explain[1] };
  const whole = byWord.get(t);
  if (whole) return { name: whole };
  if (ctx.choices) {
    const l = matchChoice(t, ctx.choices);
    if (l) return { name: "answer", arg: l };
  }
  const [first = "", ...rest] = t.split(" ");
  const cmd = fuzzyCommand(first);
  if (cmd === "level") return { name: "level", arg: rest.find((w) => /^\d+$/.test(w)) ?? "" };
  if (cmd === "explain") return { name: "explain", arg: rest.join(" ") };
  if (cmd && rest.length <= 1) return { name: cmd };
  const wholeFuzzy = fuzzyCommand(t);
  if (wholeFuzzy) return { name: wholeFuzzy };
  return { name: "unknown", arg: text.trim() };
}
