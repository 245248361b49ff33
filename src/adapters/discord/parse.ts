/**
 * Discord events → `IncomingMessage`. The functions here read small structural views of
 * discord.js objects (so they are testable without a gateway): which messages the bot reads,
 * what a `/kube` subcommand means as tutor text, the ```yaml blocks of a message, and attached
 * YAML fetched with size and type checks.
 */
import { describeLimit, LIMITS } from "../../core/limits.js";
import type { Attachment, IncomingMessage } from "../../core/message.js";
import { looksLikeManifest } from "../../tutor/commands.js";

/** The parts of a Discord message the adapter reads. */
export interface MessageView {
  id: string;
  channelId: string;
  /** Null in a DM. */
  guildId: string | null;
  authorId: string;
  authorIsBot: boolean;
  content: string;
  /** Whether the message @mentions the bot user. */
  mentionsBot: boolean;
  attachments: AttachmentView[];
}

/** A file attached to a message or passed as a command option. */
export interface AttachmentView {
  name: string;
  url: string;
  size: number;
  contentType: string | null;
}

/** What the adapter reads in guild channels. */
export interface ReadPolicy {
  /** The MessageContent privileged intent is enabled: ```yaml blocks are read in every channel. */
  messageContent: boolean;
}

const FENCE = /```([A-Za-z]*)[ \t]*\n([\s\S]*?)```/g;
const YAML_LANGS = new Set(["yaml", "yml", "json"]);
const TEXT_FILE = /\.(ya?ml|json|txt)$/i;

/** The YAML code blocks of a message: ```yaml, ```yml, ```json, or an unlabelled block holding a manifest. */
export function yamlBlocks(content: string): string[] {
  const blocks: string[] = [];
  for (const m of content.matchAll(FENCE)) {
    const lang = (m[1] ?? "").toLowerCase();
    const body = (m[2] ?? "").trim();
    if (body !== "" && (YAML_LANGS.has(lang) || (lang === "" && looksLikeManifest(body)))) blocks.push(body);
  }
  return blocks;
}

/**
 * Whether the bot handles a message: never its own or another bot's; always in a DM or when it is
 * mentioned; in a guild channel only a message with a YAML block, and only with MessageContent
 * (without the intent Discord sends such messages with empty content anyway).
 */
export function shouldRead(m: MessageView, policy: ReadPolicy): boolean {
  if (m.authorIsBot) return false;
  if (m.guildId === null || m.mentionsBot) return true;
  return policy.messageContent && (yamlBlocks(m.content).length > 0 || m.attachments.some(isTextFile));
}

/** The message's text for the tutor: mentions of the bot removed; in a channel, just its YAML blocks. */
export function messageText(m: MessageView, botId: string): string {
  const text = m.content.replace(new RegExp(`<@!?${botId}>`, "g"), "").trim();
  if (m.guildId === null || m.mentionsBot) return text;
  return yamlBlocks(text)
    .map((b) => `\`\`\`yaml\n${b}\n\`\`\``)
    .join("\n");
}

/** An option of a `/kube` subcommand as discord.js resolves it. */
export interface OptionView {
  name: string;
  value?: string | number | boolean;
}

/** `/kube <sub> [options]` → the words a learner would type (`/kube answer choice:B` → `answer B`). */
export function commandText(sub: string, options: OptionView[]): string {
  const args = options
    .filter((o) => o.value !== undefined && o.name !== "file")
    .map((o) => String(o.value).trim())
    .filter((v) => v !== "");
  return [sub, ...args].join(" ");
}

/** Whether an attachment looks like a text file the simulator can read. */
export function isTextFile(a: AttachmentView): boolean {
  return TEXT_FILE.test(a.name) || /^(text\/|application\/(json|x-yaml|yaml))/.test(a.contentType ?? "");
}

/** Fetches one attachment's bytes (the adapter passes `fetch` with a timeout). */
export type AttachmentFetcher = (url: string) => Promise<Uint8Array>;

/** The result of {@link readAttachments}: the texts read and why any others were not. */
export interface ReadAttachments {
  attachments: Attachment[];
  problems: string[];
}

/** Reads the text attachments, refusing ones over the paste size limit before downloading them. */
export async function readAttachments(views: AttachmentView[], fetcher: AttachmentFetcher): Promise<ReadAttachments> {
  const attachments: Attachment[] = [];
  const problems: string[] = [];
  for (const a of views) {
    if (!isTextFile(a)) {
      problems.push(`${a.name} is not a YAML or text file, so I left it alone.`);
      continue;
    }
    if (a.size > LIMITS.pasteBytes) {
      problems.push(
        `${a.name} is ${a.size.toLocaleString("en-US")} bytes, over the ${describeLimit("pasteBytes")}. Split it into smaller files.`,
      );
      continue;
    }
    try {
      const bytes = await fetcher(a.url);
      if (bytes.byteLength > LIMITS.pasteBytes) {
        problems.push(`${a.name} is over the ${describeLimit("pasteBytes")}. Split it into smaller files.`);
        continue;
      }
      attachments.push({ filename: a.name, text: new TextDecoder("utf-8").decode(bytes) });
    } catch {
      problems.push(`I could not download ${a.name} from Discord. Please try again.`);
    }
  }
  return { attachments, problems };
}

/** Where and by whom a Discord event happened. */
export interface Origin {
  eventId: string;
  guildId: string | null;
  channelId: string;
  userId: string;
  /** The sender may manage the channel (Manage Channels); set in guilds. */
  channelAdmin?: boolean;
  /** The sender's display name. */
  userName?: string;
}

/** The `IncomingMessage` of an event: a DM when there is no guild (workspace "" then). */
export function incoming(o: Origin, text: string, attachments: Attachment[] = [], action?: string): IncomingMessage {
  return {
    eventId: o.eventId,
    platform: "discord",
    workspace: o.guildId ?? "",
    channel: o.channelId,
    user: o.userId,
    direct: o.guildId === null,
    text,
    attachments,
    ...(action !== undefined ? { action } : {}),
    ...(o.guildId !== null && o.channelAdmin !== undefined ? { channelAdmin: o.channelAdmin } : {}),
    ...(o.userName ? { userName: o.userName } : {}),
  };
}
