/**
 * Replies that inform without changing state: help, progress (XP, streak, reviews due, weak
 * topics) and the glossary behind `explain TERM`.
 */
import Fuse from "fuse.js";
import { type Reply, reply, textReply } from "../core/reply.js";
import { allDrills, levelOf } from "./content.js";
import type { Content } from "./content-schema.js";
import type { Progress } from "./progress.js";
import { dueReviews } from "./spaced.js";

const HELP_ROWS: [string, string][] = [
  ["start", "begin, or pick up where you are"],
  ["next / back", "move through lessons and drills"],
  ["repeat", "show the current lesson or question again"],
  ["drill", "a practice question (missed ones come back when due)"],
  ["A–D or the choice's text", "answer the open question"],
  ["hint", "a nudge for the open question"],
  ["checkpoint", "take the level's checkpoint now"],
  ["simulate", "run the lesson's or answered drill's manifest"],
  ["(paste YAML)", "simulate your own manifests, without losing your place"],
  ["explain TERM", "the glossary, e.g. `explain taint`"],
  ["progress", "XP, streak, reviews due, weak topics"],
  ["level N", "go to an unlocked level"],
  ["reset", "erase your progress (asks first)"],
];

/** The command list. */
export function helpReply(p: Progress, content: Content): Reply {
  const word = p.earned ? levelOf(content, p.earned).unlockWord : undefined;
  return reply(
    { type: "heading", text: "Commands" },
    { type: "table", header: ["say", "to"], rows: HELP_ROWS.map(([a, b]) => [a, b]) },
    {
      type: "context",
      text: word
        ? `You have earned a word: say ${word} to continue.`
        : "Typos are fine: I will work out what you meant.",
    },
  );
}

/** Topics with the most wrong answers (at least one), worst first. */
export function weakTopics(
  p: Progress,
  content: Content,
  limit = 3,
): { topic: string; right: number; wrong: number }[] {
  const byTopic = new Map<string, { right: number; wrong: number }>();
  for (const { drill } of allDrills(content)) {
    const s = p.stats[drill.id];
    if (!s) continue;
    const t = byTopic.get(drill.topic) ?? { right: 0, wrong: 0 };
    byTopic.set(drill.topic, { right: t.right + s.right, wrong: t.wrong + s.wrong });
  }
  return [...byTopic.entries()]
    .map(([topic, s]) => ({ topic, ...s }))
    .filter((t) => t.wrong > 0)
    .sort((a, b) => b.wrong / (b.right + b.wrong) - a.wrong / (a.right + a.wrong) || b.wrong - a.wrong)
    .slice(0, limit);
}

/** Level, lessons read, checkpoints, XP, streak, reviews due and weak topics. */
export function progressReply(p: Progress, content: Content, now: Date): Reply {
  const rows = content.levels.map((l) => {
    const read = l.lessons.filter((x) => p.lessonsSeen.includes(x.id)).length;
    const state = p.passed.includes(l.level) ? "passed" : l.level <= p.unlocked ? "open" : "locked";
    return [`L${l.level} ${l.title}`, `${read}/${l.lessons.length}`, state];
  });
  const due = dueReviews(p.reviews, now).length;
  const weak = weakTopics(p, content);
  return reply(
    { type: "heading", text: "Your progress" },
    { type: "table", header: ["level", "lessons", "checkpoint"], rows },
    {
      type: "paragraph",
      text: `XP ${p.xp} · streak ${p.streak.days} day${p.streak.days === 1 ? "" : "s"} (best ${p.streak.best}) · ${due} review${due === 1 ? "" : "s"} due`,
    },
    {
      type: "context",
      text: weak.length
        ? `To work on: ${weak.map((t) => `${t.topic} (${t.right}/${t.right + t.wrong} right)`).join(", ")}. Say \`drill\`.`
        : "No weak topics yet.",
    },
  );
}

/** The glossary entry for `term` (fuzzy), or the list of terms when `term` is empty or unknown. */
export function glossaryReply(content: Content, term: string): Reply {
  const t = term.trim().toLowerCase();
  const names = content.glossary.map((e) => e.term).sort((a, b) => a.localeCompare(b));
  if (t === "") return textReply(`Say \`explain TERM\`. I know: ${names.join(", ")}.`);
  const exact = content.glossary.find(
    (e) => e.term.toLowerCase() === t || e.aliases.some((a) => a.toLowerCase() === t),
  );
  const fuzzy = new Fuse(content.glossary, { keys: ["term", "aliases"], threshold: 0.35, ignoreLocation: true });
  const entry = exact ?? fuzzy.search(t)[0]?.item;
  if (!entry) return textReply(`I have no entry for "${term.trim()}". I know: ${names.join(", ")}.`);
  return reply(
    { type: "heading", text: entry.term },
    { type: "paragraph", text: entry.definition.trim() },
    { type: "context", text: `Taught in Level ${entry.level}: ${levelOf(content, entry.level).title}.` },
  );
}
