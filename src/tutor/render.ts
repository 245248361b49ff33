/**
 * The tutor's replies: lessons, drills, progress, help and glossary entries as `Reply` documents.
 * Button ids are `cmd:<command>` and `drill:answer:<letter>`; the router maps them back.
 */
import { type Reply, type ReplyBlock, reply } from "../core/reply.js";
import { type Content, type Drill, EXAM_DOMAINS, LETTERS, type Lesson, type Level } from "./content-schema.js";

/** A button that sends a command. */
export function commandButton(command: string, label: string, style: "primary" | "secondary" | "danger" = "secondary") {
  return { id: `cmd:${command}`, label, style };
}

/** The welcome shown at onboarding. */
export function welcomeReply(content: Content): Reply {
  const titles = content.levels.map((l) => `L${l.level} ${l.title}`).join(" · ");
  return reply(
    { type: "heading", text: "Welcome to podsensei" },
    {
      type: "paragraph",
      text:
        "I teach Kubernetes one chat-sized step at a time, with a simulated cluster that shows what your YAML would really do. " +
        "Each level has short lessons, practice drills where you predict what the cluster does, and a checkpoint. " +
        "Pass a checkpoint and I give you the word that unlocks the next level.",
    },
    { type: "paragraph", text: `The path: ${titles}.` },
    {
      type: "context",
      text: "Say `start` to begin, `help` for every command. Paste YAML at any time and I will simulate it without losing your place.",
    },
    { type: "buttons", buttons: [commandButton("start", "Start", "primary"), commandButton("help", "Help")] },
  );
}

/** A lesson, with its manifest and what to say next. */
export function lessonReply(level: Level, index: number): Reply {
  const lesson = level.lessons[index] as Lesson;
  const blocks: ReplyBlock[] = [
    { type: "heading", text: `L${level.level} · Lesson ${index + 1}/${level.lessons.length}: ${lesson.title}` },
    { type: "paragraph", text: lesson.body.trim() },
  ];
  if (lesson.manifest) blocks.push({ type: "code", text: lesson.manifest.trimEnd(), language: "yaml" });
  const last = index === level.lessons.length - 1;
  const sayNext = last ? "`next` to start the practice drills" : "`next` for the next lesson";
  const sim = lesson.manifest ? ", `simulate` to run this manifest" : "";
  blocks.push({ type: "context", text: `Say ${sayNext}${sim}, \`back\`, \`drill\`, or \`help\`.` });
  const buttons = [commandButton("next", last ? "Practice" : "Next", "primary")];
  if (lesson.manifest) buttons.push(commandButton("simulate", "Simulate"));
  buttons.push(commandButton("drill", "Drill"));
  blocks.push({ type: "buttons", buttons });
  return reply(...blocks);
}

/** A drill question with its choices as answer buttons. */
export function drillReply(drill: Drill, title: string): Reply {
  const blocks: ReplyBlock[] = [
    { type: "heading", text: title },
    { type: "paragraph", text: drill.question.trim() },
  ];
  blocks.push({ type: "code", text: drill.manifests.trimEnd(), language: "yaml" });
  if (drill.cluster)
    blocks.push(
      { type: "paragraph", text: "The cluster's nodes:" },
      { type: "code", text: drill.cluster.trimEnd(), language: "yaml" },
    );
  else
    blocks.push({
      type: "context",
      text: "Cluster: node-a, node-b, node-c (4 CPU, 8Gi memory each, zones zone-a/b/c, no taints).",
    });
  if (drill.actions?.length) blocks.push({ type: "paragraph", text: `Then: ${drill.actions.join("; ")}` });
  if (drill.at) blocks.push({ type: "context", text: `Look at the cluster ${drill.at} after applying.` });
  blocks.push({
    type: "buttons",
    buttons: drill.choices.map((c, i) => ({
      id: `drill:answer:${LETTERS[i]}`,
      label: c.text,
      style: "secondary" as const,
    })),
  });
  blocks.push({ type: "context", text: "Answer with A–D (or the choice's text). `hint` if you are stuck." });
  return reply(...blocks);
}

/** Feedback after an answer: right or wrong, the answer, and why. */
export function feedbackBlocks(drill: Drill, letter: string, correct: boolean): ReplyBlock[] {
  const answerIdx = LETTERS.indexOf(drill.answer);
  const answerText = drill.choices[answerIdx]?.text ?? "";
  return [
    {
      type: "paragraph",
      text: correct
        ? `Right: ${drill.answer}) ${answerText}`
        : `Not quite (you said ${letter}). The answer is ${drill.answer}) ${answerText}`,
    },
    { type: "paragraph", text: drill.why.trim() },
  ];
}

/** Tags of a lesson or drill, for progress and drill headers. */
export function domainLabel(domains: readonly (keyof typeof EXAM_DOMAINS)[]): string {
  return domains.map((d) => EXAM_DOMAINS[d]).join("; ");
}
