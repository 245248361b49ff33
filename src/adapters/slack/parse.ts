/**
 * Slack payloads → `IncomingMessage`. Slack escapes `&`, `<` and `>` in message text and wraps
 * mentions, channels and links in `<…>`; this undoes both so the router sees what the person typed.
 * Event ids are chosen so that one post is one event however it arrives: a Slack retry, or the
 * same post as both `app_mention` and `message`, map to `msg-<channel>-<ts>`.
 */
import { z } from "zod";
import type { Attachment, IncomingMessage } from "../../core/message.js";

/** The fields of a Slack file object we read. */
export const slackFileSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  title: z.string().optional(),
  mimetype: z.string().optional(),
  filetype: z.string().optional(),
  size: z.number().optional(),
  mode: z.string().optional(),
  url_private: z.string().optional(),
  url_private_download: z.string().optional(),
});
export type SlackFile = z.infer<typeof slackFileSchema>;

/** The fields of a `message` or `app_mention` event we read. */
export const messageEventSchema = z.object({
  type: z.enum(["message", "app_mention"]),
  subtype: z.string().optional(),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  user: z.string().min(1),
  bot_id: z.string().optional(),
  text: z.string().default(""),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  team: z.string().optional(),
  files: z.array(slackFileSchema).optional(),
});
export type MessageEvent = z.infer<typeof messageEventSchema>;

/** Subtypes that are a person's own post (others are edits, joins, bot posts…). */
const PERSON_SUBTYPES = new Set([undefined, "file_share", "thread_broadcast"]);

/** Slack mrkdwn as received → the text the person typed. Mentions of the bot are removed. */
export function plainText(text: string, botUserId?: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_m, inner: string) => {
      const [target = "", label] = inner.split("|", 2);
      if (target.startsWith("@")) return target.slice(1) === botUserId ? "" : `@${label ?? target.slice(1)}`;
      if (target.startsWith("#")) return `#${label ?? target.slice(1)}`;
      if (target.startsWith("!")) return `@${label ?? target.slice(1).split("^")[0]}`;
      return label ?? target;
    })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .trim();
}

/**
 * The YAML in a message: the contents of its code blocks when it has any (prose around them is
 * ignored), otherwise the whole text.
 */
export function extractYaml(text: string): string {
  const blocks = [...text.matchAll(/```(?:[a-zA-Z0-9_-]*\n)?([\s\S]*?)```/g)]
    .map((m) => (m[1] ?? "").trim())
    .filter((b) => b !== "");
  return blocks.length > 0 ? blocks.join("\n---\n") : text.trim();
}

/** Words before a code block that make it YAML to apply to the thread's scenario ("then apply:"). */
const APPLY_PREFIX = /\b(?:apply|create)\b[^`]*$/i;

/**
 * A post holding code blocks is a paste: its code, fenced once (Slack lets the code start right
 * after the backticks, e.g. "```apiVersion: v1", and people write a question around it). Words
 * that ask to apply the code ("then apply ```…```", a typed what-if follow-up) stay in front of it.
 */
export function pasteOrText(text: string): string {
  if (!text.includes("```")) return text;
  const prefix = text.slice(0, text.indexOf("```")).trim();
  const code = fenced(extractYaml(text));
  return APPLY_PREFIX.test(prefix) ? `${prefix}\n${code}` : code;
}

/** Wraps YAML in a code fence, which the router always takes as a paste. */
export function fenced(yaml: string): string {
  return `\`\`\`\n${yaml}\n\`\`\``;
}

/** The event id of a post: the same for its `message` and `app_mention` deliveries and retries. */
export function postEventId(channel: string, ts: string): string {
  return `msg-${channel}-${ts}`;
}

/** Whether a channel id is a direct message with the bot. */
export function isDirectChannel(channel: string): boolean {
  return channel.startsWith("D");
}

/**
 * The message for a post, or undefined when the bot should not answer it: not a person's post,
 * or a channel post that does not mention the bot (those arrive as `app_mention` too).
 */
export function fromMessageEvent(
  e: MessageEvent,
  team: string,
  botUserId: string | undefined,
  attachments: Attachment[] = [],
): IncomingMessage | undefined {
  if (!PERSON_SUBTYPES.has(e.subtype) || e.bot_id) return undefined;
  const direct = e.channel_type === "im" || (e.channel_type === undefined && isDirectChannel(e.channel));
  const mentioned = botUserId !== undefined && e.text.includes(`<@${botUserId}>`);
  if (e.type === "message" && !direct && !mentioned) return undefined;
  // In a channel the answer goes in the post's thread; in a DM, where it was asked.
  const thread = direct ? e.thread_ts : (e.thread_ts ?? e.ts);
  return {
    eventId: postEventId(e.channel, e.ts),
    platform: "slack",
    workspace: team,
    channel: e.channel,
    ...(thread ? { thread } : {}),
    user: e.user,
    direct,
    text: pasteOrText(plainText(e.text, botUserId)),
    attachments,
  };
}

/** `/kube` subcommands (the manifest and README list the same). */
export const KUBE_SUBCOMMANDS = [
  "start",
  "next",
  "drill",
  "answer",
  "hint",
  "progress",
  "level",
  "explain",
  "simulate",
  "help",
  "drills",
  "reveal",
  "leaderboard",
  "team",
] as const;

/** What `/kube …` asks for. */
export type KubeCommand =
  /** Open the paste modal. */
  | { kind: "modal" }
  /** Text for the bot (a tutor command, or fenced YAML to simulate). */
  | { kind: "text"; text: string; simulate: boolean };

/** Parses the text after `/kube`. Empty is `help`; an unknown word goes to the tutor as typed. */
export function parseKubeCommand(raw: string): KubeCommand {
  const text = plainText(raw);
  const m = /^(\S+)\s*([\s\S]*)$/.exec(text);
  if (!m) return { kind: "text", text: "help", simulate: false };
  const sub = (m[1] ?? "").toLowerCase();
  const rest = (m[2] ?? "").trim();
  if (sub === "simulate")
    return rest === "" ? { kind: "modal" } : { kind: "text", text: fenced(extractYaml(rest)), simulate: true };
  if (sub.startsWith("```") || /^(apiVersion|kind)\s*:/.test(text))
    return { kind: "text", text: fenced(extractYaml(text)), simulate: true };
  return { kind: "text", text: rest === "" ? sub : `${sub} ${rest}`, simulate: false };
}
