/**
 * The channel drills' replies, all platform-neutral `Reply` documents. Texts are short: a channel
 * sees one post a day and one reveal, everything else answers only the person who asked.
 */
import { type Reply, type ReplyBlock, reply, textReply } from "../core/reply.js";
import type { DrillRef } from "../tutor/content.js";
import { LETTERS } from "../tutor/content-schema.js";
import { domainLabel } from "../tutor/render.js";
import { answerAction, type BoardPeriod } from "./command.js";
import type { Explanation } from "./explain.js";
import type { DrillPost } from "./post.js";
import { type DrillSchedule, describeSchedule, localDateTime } from "./schedule.js";
import { POINTS, type Score } from "./scoring.js";

const privately = (r: Reply): Reply => ({ ...r, private: true });

/** Button labels are capped at 80 characters by both platforms. */
function label(letter: string, text: string): string {
  const full = `${letter}) ${text.trim()}`;
  return full.length <= 80 ? full : `${full.slice(0, 79)}…`;
}

function when(ms: number, timeZone: string): string {
  return `${localDateTime(new Date(ms), timeZone)} (${timeZone})`;
}

/** The polite refusal for someone who may not change the channel's drills. */
export function refusalReply(): Reply {
  return privately(
    textReply(
      "Sorry, only this channel's admins can turn daily drills on or off (on Slack: workspace admins and owners, and whoever created the channel; on Discord: members who can Manage Channels). You can still answer the drills, and `drills status` shows the schedule.",
    ),
  );
}

/** Drills were turned on (shown to the channel: everyone should know when to expect them). */
export function onReply(s: DrillSchedule, next: Date): Reply {
  return reply(
    { type: "heading", text: "Daily drills are on" },
    {
      type: "paragraph",
      text: `Every drill is a short "predict the outcome" question about a small manifest; the reveal shows what the simulated cluster really did. Schedule: ${describeSchedule(s)}.`,
    },
    {
      type: "context",
      text: `First drill: ${when(next.getTime(), s.timeZone)}. Right answers earn ${POINTS.right} points, the first three right +${POINTS.bonus.join("/+")}. \`leaderboard\` and \`team\` show how it goes; \`drills off\` stops them.`,
    },
  );
}

/** Drills were turned off. */
export function offReply(had: boolean): Reply {
  return had
    ? textReply("Daily drills are off here. Scores and the leaderboard are kept; `drills on` starts them again.")
    : privately(textReply("Daily drills were not on here. `drills on 09:00 Europe/Berlin` starts them."));
}

/** `drills status`. */
export function statusReply(
  s: DrillSchedule | undefined,
  next: Date | undefined,
  open: { post: DrillPost; answers: number } | undefined,
  posts: number,
): Reply {
  const blocks: ReplyBlock[] = [{ type: "heading", text: "Daily drills" }];
  if (!s)
    blocks.push({
      type: "paragraph",
      text: "Drills are off here. An admin can start them with `drills on 09:00 Europe/Berlin`.",
    });
  else {
    blocks.push({ type: "paragraph", text: `On: ${describeSchedule(s)}.` });
    if (next) blocks.push({ type: "paragraph", text: `Next drill: ${when(next.getTime(), s.timeZone)}.` });
  }
  if (open)
    blocks.push({
      type: "paragraph",
      text: `Drill #${open.post.seq} is open: ${open.answers} ${open.answers === 1 ? "answer" : "answers"} so far, reveal at ${when(open.post.revealAt, open.post.timeZone)}.`,
    });
  blocks.push({ type: "context", text: `${posts} ${posts === 1 ? "drill" : "drills"} posted here so far.` });
  return privately(reply(...blocks));
}

/** The daily post: question, manifests and the choices as buttons. */
export function postReply(post: DrillPost, ref: DrillRef): Reply {
  const d = ref.drill;
  const blocks: ReplyBlock[] = [
    { type: "heading", text: `Daily drill #${post.seq}: level ${ref.level}, ${d.topic}` },
    { type: "paragraph", text: d.question.trim() },
    { type: "code", text: d.manifests.trimEnd(), language: "yaml" },
  ];
  if (d.cluster)
    blocks.push(
      { type: "paragraph", text: "The cluster's nodes:" },
      { type: "code", text: d.cluster.trimEnd(), language: "yaml" },
    );
  else
    blocks.push({
      type: "context",
      text: "Cluster: node-a, node-b, node-c (4 CPU, 8Gi memory each, zones zone-a/b/c, no taints).",
    });
  if (d.actions?.length) blocks.push({ type: "paragraph", text: `Then: ${d.actions.join("; ")}` });
  if (d.at) blocks.push({ type: "context", text: `Look at the cluster ${d.at} after applying.` });
  blocks.push({
    type: "buttons",
    buttons: d.choices.map((c, i) => ({
      id: answerAction(post.id, LETTERS[i] ?? "A"),
      label: label(LETTERS[i] ?? "A", c.text),
      style: "secondary" as const,
    })),
  });
  blocks.push({
    type: "context",
    text: `One answer each, changeable until the reveal at ${when(post.revealAt, post.timeZone)}. ${domainLabel(d.domains)}.`,
  });
  return reply(...blocks);
}

/** The private acknowledgement of an answer. */
export function answerAckReply(
  o: { status: "new" | "changed" | "same" | "closed"; count: number; previous?: string },
  letter: string,
  post: DrillPost,
): Reply {
  const reveal = when(post.revealAt, post.timeZone);
  const others = `${o.count} ${o.count === 1 ? "person has" : "people have"} answered.`;
  switch (o.status) {
    case "new":
      return privately(textReply(`Got it: ${letter}. You can change it until the reveal at ${reveal}. ${others}`));
    case "changed":
      return privately(
        textReply(`Changed from ${o.previous ?? "?"} to ${letter}; this is the answer that counts. ${others}`),
      );
    case "same":
      return privately(textReply(`You already chose ${letter}; it counts once. ${others}`));
    case "closed":
      return privately(
        textReply(
          `Drill #${post.seq} was already revealed, so answers are closed. The next drill brings a new chance.`,
        ),
      );
  }
}

/** A click on a drill that is gone (expired or from another channel). */
export function unknownPostReply(): Reply {
  return privately(textReply("That drill is no longer open here. The next daily drill brings a new question."));
}

/** Someone asked for a reveal with nothing open. */
export function nothingToRevealReply(last: DrillPost | undefined): Reply {
  return privately(
    textReply(
      last
        ? `Drill #${last.seq} is already revealed, and the next one has not been posted yet.`
        : "There is no drill to reveal here yet.",
    ),
  );
}

/** The reveal: the answer, who got it, the simulator's account and its picture. */
export function revealReply(
  post: DrillPost,
  ref: DrillRef,
  scores: readonly Score[],
  names: ReadonlyMap<string, string>,
  explanation: Explanation,
  next: Date | undefined,
): Reply {
  const d = ref.drill;
  const idx = LETTERS.indexOf(d.answer);
  const right = scores.filter((s) => s.correct);
  const blocks: ReplyBlock[] = [
    { type: "heading", text: `Drill #${post.seq}: the answer is ${d.answer}) ${d.choices[idx]?.text ?? ""}` },
  ];
  if (scores.length === 0) {
    blocks.push({
      type: "paragraph",
      text: "Nobody answered this one, so no points changed hands. Here is what the cluster did; have a look and try the next one.",
    });
  } else {
    const pct = Math.round((100 * right.length) / scores.length);
    const nameOf = (u: string) => names.get(u) ?? u;
    const firsts = right
      .filter((s) => s.place <= POINTS.bonus.length)
      .map((s) => `${nameOf(s.user)} (+${s.points})`)
      .join(", ");
    blocks.push({
      type: "paragraph",
      text: `${right.length} of ${scores.length} got it right (${pct} %).${firsts ? ` First right: ${firsts}.` : " Nobody got it this time; it will come back."}`,
    });
  }
  blocks.push({ type: "paragraph", text: d.why.trim() }, ...explanation.blocks);
  const tail = next ? ` Next drill: ${when(next.getTime(), post.timeZone)}.` : "";
  blocks.push({
    type: "context",
    text: `\`leaderboard\` shows the standings, \`team\` the channel's progress.${tail}`,
  });
  return explanation.image ? { blocks, image: explanation.image } : { blocks };
}

/** One leaderboard row. */
export interface BoardRow {
  name: string;
  points: number;
  streak: number;
}

const PERIOD_TITLE: Record<BoardPeriod, string> = { weekly: "this week", monthly: "this month", all: "all time" };

/** `leaderboard [weekly|monthly|all]`. */
export function boardReply(period: BoardPeriod, label: string, rows: readonly BoardRow[]): Reply {
  if (rows.length === 0)
    return privately(
      textReply(`No drill answers yet for ${PERIOD_TITLE[period]} (${label}). The board fills after the next reveal.`),
    );
  return privately(
    reply(
      { type: "heading", text: `Leaderboard, ${PERIOD_TITLE[period]} (${label})` },
      {
        type: "table",
        header: ["#", "Who", "Points", "Streak"],
        rows: rows.slice(0, 10).map((r, i) => [String(i + 1), r.name, String(r.points), String(r.streak)]),
      },
      { type: "context", text: "Points: right answers and the first-right bonus. Streak: drills answered in a row." },
    ),
  );
}

/** `team`: the channel's progress by level and by topic. */
export function teamReply(
  levels: Record<string, { right: number; total: number; drills?: number }>,
  topics: Record<string, { right: number; total: number }>,
  people: number,
): Reply {
  const pct = (r: number, t: number) => (t === 0 ? "-" : `${Math.round((100 * r) / t)} %`);
  const levelRows = Object.entries(levels)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([l, s]) => [`Level ${l}`, String(s.drills ?? 0), String(s.total), pct(s.right, s.total)]);
  if (levelRows.length === 0)
    return privately(textReply("No drill has been revealed here yet, so there is nothing to summarise."));
  const topicRows = Object.entries(topics)
    .filter(([, s]) => s.total > 0)
    .sort(([a, x], [b, y]) => x.right / x.total - y.right / y.total || (a < b ? -1 : 1))
    .map(([t, s]) => [t, String(s.total), pct(s.right, s.total)]);
  const weakest = topicRows[0];
  return privately(
    reply(
      { type: "heading", text: "How this channel is doing" },
      { type: "table", header: ["Level", "Drills", "Answers", "Right"], rows: levelRows },
      { type: "table", header: ["Topic", "Answers", "Right"], rows: topicRows },
      {
        type: "context",
        text: `${people} ${people === 1 ? "person has" : "people have"} answered.${weakest ? ` Weakest topic: ${weakest[0]}; drills on it come more often.` : ""}`,
      },
    ),
  );
}

/** The one apology when a channel's drill could not be prepared. */
export function apologyReply(): Reply {
  return textReply(
    "Sorry, today's drill could not be prepared because of a problem on our side. It has been logged; drills continue at the next scheduled time.",
  );
}
