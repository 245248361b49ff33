/**
 * `Reply` → Slack Block Kit. Headings become header blocks, paragraphs sections, code and tables
 * preformatted sections, buttons an actions block, context lines context blocks. Every text is
 * escaped (`&`, `<`, `>`: a paste can never ping `<!channel>` or forge a link) and split to fit
 * Slack's limits (see `limits.ts`): long output continues in further messages in the thread, and
 * past a few messages the whole answer becomes a file. Nothing is silently cut.
 */
import type { types } from "@slack/bolt";
import { type Reply, type ReplyBlock, tableToText, toPlainText } from "../../core/reply.js";
import { SLACK_LIMITS } from "./limits.js";

type KnownBlock = types.KnownBlock;

/** One `chat.postMessage`: blocks and the plain-text fallback (notifications, screen readers). */
export interface SlackMessage {
  blocks: KnownBlock[];
  text: string;
}

/** A reply as Slack will show it. */
export interface RenderedReply {
  /** Messages to post in order; the second and later go in the first one's thread. */
  messages: SlackMessage[];
  /** The whole answer as a text file, when it is too long for {@link SLACK_LIMITS.messagesPerReply} messages. */
  file?: { filename: string; title: string; content: string };
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Learner-facing Markdown (as the tutor writes it) → Slack mrkdwn, escaped. */
export function toMrkdwn(text: string): string {
  return escapeMrkdwn(text)
    .replace(/\*\*([^*\n]+)\*\*/g, "*$1*")
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, (_m, label: string, url: string) => `<${url}|${label}>`);
}

/** A triple backtick inside a code block would end it: a zero-width space keeps it literal. */
function neutraliseFences(text: string): string {
  return text.replace(/```/g, "`\u200b``");
}

/**
 * Splits `text` into pieces whose `measure` is at most `max`, at line ends where possible; a line
 * longer than `max` is split inside. Joining the pieces with "\n" (or "" inside a line) gives the
 * text back.
 */
export function splitText(text: string, max: number, measure: (s: string) => number = (s) => s.length): string[] {
  const pieces: string[] = [];
  let current: string | undefined;
  const flush = () => {
    if (current !== undefined) pieces.push(current);
    current = undefined;
  };
  for (const line of text.split("\n")) {
    const joined = current === undefined ? line : `${current}\n${line}`;
    if (measure(joined) <= max) {
      current = joined;
      continue;
    }
    flush();
    if (measure(line) <= max) {
      current = line;
      continue;
    }
    let rest = line;
    while (measure(rest) > max) {
      let n = Math.min(rest.length, max);
      while (n > 1 && measure(rest.slice(0, n)) > max) n--;
      pieces.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    current = rest;
  }
  flush();
  return pieces;
}

/** A rendered block with the size it counts against a message's text budget. */
interface Sized {
  block: KnownBlock;
  size: number;
  plain: string;
}

const section = (text: string, plain: string): Sized => ({
  block: { type: "section", text: { type: "mrkdwn", text } },
  size: text.length,
  plain,
});

function sections(text: string): Sized[] {
  const max = SLACK_LIMITS.sectionText;
  return splitText(text, max, (s) => toMrkdwn(s).length).map((p) => section(toMrkdwn(p), p));
}

function codeSections(text: string): Sized[] {
  const body = neutraliseFences(text.replace(/\s+$/, ""));
  const max = SLACK_LIMITS.sectionText - 8;
  return splitText(body === "" ? " " : body, max, (s) => escapeMrkdwn(s).length).map((p) =>
    section(`\`\`\`\n${escapeMrkdwn(p)}\n\`\`\``, p),
  );
}

function renderBlock(b: ReplyBlock): Sized[] {
  switch (b.type) {
    case "heading":
      if (b.text.length <= SLACK_LIMITS.headerText && b.text.trim() !== "")
        return [
          {
            block: { type: "header", text: { type: "plain_text", text: b.text, emoji: true } },
            size: b.text.length,
            plain: b.text,
          },
        ];
      return sections(`**${b.text}**`);
    case "paragraph":
      return b.text.trim() === "" ? [] : sections(b.text);
    case "code":
      return codeSections(b.text);
    case "table":
      return codeSections(tableToText(b.header, b.rows));
    case "buttons": {
      const out: Sized[] = [];
      for (let i = 0; i < b.buttons.length; i += SLACK_LIMITS.actionsPerBlock) {
        const group = b.buttons.slice(i, i + SLACK_LIMITS.actionsPerBlock);
        out.push({
          block: {
            type: "actions",
            elements: group.map((x) => ({
              type: "button" as const,
              text: { type: "plain_text" as const, text: x.label.slice(0, SLACK_LIMITS.buttonLabel), emoji: true },
              action_id: x.id,
              value: x.id,
              ...(x.style === "secondary" ? {} : { style: x.style }),
            })),
          },
          size: group.reduce((n, x) => n + x.label.length + x.id.length, 0),
          plain: group.map((x) => `[${x.label}]`).join(" "),
        });
      }
      return out;
    }
    case "context":
      return splitText(b.text, SLACK_LIMITS.contextText, (s) => toMrkdwn(s).length).map((p) => ({
        block: { type: "context", elements: [{ type: "mrkdwn", text: toMrkdwn(p) }] },
        size: toMrkdwn(p).length,
        plain: p,
      }));
    case "divider":
      return [{ block: { type: "divider" }, size: 0, plain: "" }];
  }
}

/** The notification text: escaped like the blocks (Slack parses it as mrkdwn too) and kept short. */
function fallback(plain: string[]): string {
  const max = SLACK_LIMITS.fallbackText;
  const [first = ""] = splitText(plain.filter((p) => p !== "").join("\n"), max - 2, (s) => escapeMrkdwn(s).length);
  const text = escapeMrkdwn(first);
  return first.length < plain.filter((p) => p !== "").join("\n").length ? `${text} …` : text;
}

/** Room kept in each message for the "continued" note. */
const NOTE_ROOM = 100;

function pack(items: Sized[]): Sized[][] {
  const messages: Sized[][] = [];
  let current: Sized[] = [];
  let size = 0;
  for (const item of items) {
    const full =
      current.length + 1 > SLACK_LIMITS.blocksPerMessage - 1 ||
      size + item.size > SLACK_LIMITS.textPerMessage - NOTE_ROOM;
    if (full && current.length > 0) {
      messages.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += item.size;
  }
  if (current.length > 0 || messages.length === 0) messages.push(current);
  return messages;
}

/** The file an over-long answer becomes. */
export const ANSWER_FILENAME = "podsensei-answer.txt";

/** Renders a reply as Slack messages (see the module comment). */
export function renderSlack(reply: Reply): RenderedReply {
  const items = reply.blocks.flatMap(renderBlock);
  const packed = pack(items);
  if (packed.length <= SLACK_LIMITS.messagesPerReply) {
    return {
      messages: packed.map((group, i) => {
        const note: Sized[] =
          i === 0
            ? []
            : [
                {
                  block: {
                    type: "context",
                    elements: [{ type: "mrkdwn", text: `(continued, part ${i + 1} of ${packed.length})` }],
                  },
                  size: 0,
                  plain: "",
                },
              ];
        const all = [...note, ...group];
        return { blocks: all.map((s) => s.block), text: fallback(all.map((s) => s.plain)) };
      }),
    };
  }
  const content = toPlainText(reply);
  const heading = reply.blocks.find((b) => b.type === "heading");
  const keep: ReplyBlock[] = [
    ...(heading ? [heading] : []),
    {
      type: "paragraph",
      text: `This answer is ${content.length.toLocaleString("en-US")} characters long, more than ${SLACK_LIMITS.messagesPerReply} Slack messages hold, so the whole of it is attached in this thread as \`${ANSWER_FILENAME}\`.`,
    },
    ...reply.blocks.filter((b) => b.type === "buttons"),
  ];
  const short = keep.flatMap(renderBlock);
  return {
    messages: [{ blocks: short.map((s) => s.block), text: fallback(short.map((s) => s.plain)) }],
    file: {
      filename: ANSWER_FILENAME,
      title: heading?.type === "heading" ? heading.text : "podsensei answer",
      content,
    },
  };
}
