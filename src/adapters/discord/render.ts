/**
 * `Reply` → one Discord message: the text blocks become embed descriptions (Markdown, code blocks,
 * tables as monospace), buttons become action rows (5 per row, 5 rows), the cluster picture an
 * attached PNG shown in the last embed. Everything is split to fit Discord's limits (`limits.ts`);
 * an answer too long for one message keeps its first part in embeds and goes whole into an
 * attached Markdown file, with a line that says so. Nothing is cut silently, and no reply can
 * ping anyone (`allowed_mentions` is always empty) or break out of a code block.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import { type Reply, type ReplyBlock, type ReplyButton, tableToText } from "../../core/reply.js";
import { DISCORD_LIMITS } from "./limits.js";

/** A file uploaded with a message (`files[n]` in the multipart body). */
export interface DiscordFile {
  name: string;
  data: Buffer;
  contentType: string;
}

/** The body of one message create/edit, plus its files. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  files: DiscordFile[];
  allowed_mentions: { parse: []; users?: string[] };
}

/** Kubernetes blue, the colour of every embed. */
export const EMBED_COLOR = 0x326ce5;
/** Name of the attached file that carries an answer too long for one message. */
export const LONG_ANSWER_FILE = "podsensei-answer.md";

/** Room kept in the embed total for the "rest is in the file" note and the title. */
const NOTE_RESERVE = 300;

const STYLES: Record<ReplyButton["style"], ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Danger> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  danger: ButtonStyle.Danger,
};

/** A triple backtick inside a code block would end it: a zero-width space keeps it literal. */
export function neutraliseFences(text: string): string {
  return text.replace(/```/g, "`\u200b``");
}

/**
 * Splits `text` into pieces of at most `max` characters at line ends where possible; a longer
 * line is split inside. Joining the pieces with "\n" gives the text back when no line was split.
 */
export function splitLines(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current: string | undefined;
  for (const line of text.split("\n")) {
    const joined = current === undefined ? line : `${current}\n${line}`;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    if (current !== undefined) pieces.push(current);
    let rest = line;
    while (rest.length > max) {
      pieces.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    current = rest;
  }
  if (current !== undefined) pieces.push(current);
  return pieces;
}

function fenced(text: string, language: string | undefined, max: number): string[] {
  const lang = (language ?? "").replace(/[^A-Za-z0-9+-]/g, "");
  const open = `\`\`\`${lang}\n`;
  const close = "\n```";
  return splitLines(neutraliseFences(text), max - open.length - close.length).map((p) => `${open}${p}${close}`);
}

/** One block as Markdown pieces, each at most `max` characters. */
function blockPieces(b: Exclude<ReplyBlock, { type: "buttons" }>, max: number): string[] {
  switch (b.type) {
    case "heading":
      return splitLines(`**${b.text.replace(/\*/g, "\\*")}**`, max);
    case "paragraph":
      return splitLines(b.text, max);
    case "context":
      return splitLines(`*${b.text.replace(/\*/g, "\\*")}*`, max);
    case "code":
      return fenced(b.text, b.language, max);
    case "table":
      return fenced(tableToText(b.header, b.rows), undefined, max);
    case "divider":
      return ["───────────"];
  }
}

/** The whole reply as one Markdown document (the long-answer file). */
export function toMarkdown(r: Reply): string {
  const parts: string[] = [];
  for (const b of r.blocks) {
    if (b.type === "buttons") parts.push(b.buttons.map((x) => `[${x.label}]`).join(" "));
    else if (b.type === "heading") parts.push(`## ${b.text}`);
    else parts.push(...blockPieces(b, Number.MAX_SAFE_INTEGER));
  }
  return `${parts.join("\n\n")}\n`;
}

function safeFilename(name: string): string {
  const base = name.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 80) || "picture";
  return /\.png$/i.test(base) ? base : `${base}.png`;
}

function buttonRows(r: Reply): { rows: DiscordMessage["components"]; leftOver: ReplyButton[] } {
  const rows: DiscordMessage["components"] = [];
  const leftOver: ReplyButton[] = [];
  for (const b of r.blocks) {
    if (b.type !== "buttons") continue;
    for (let i = 0; i < b.buttons.length; i += DISCORD_LIMITS.buttonsPerRow) {
      const chunk = b.buttons.slice(i, i + DISCORD_LIMITS.buttonsPerRow);
      if (rows.length >= DISCORD_LIMITS.actionRows) {
        leftOver.push(...chunk);
        continue;
      }
      rows.push({
        type: ComponentType.ActionRow,
        components: chunk.map((x) => ({
          type: ComponentType.Button,
          custom_id: x.id.slice(0, DISCORD_LIMITS.customId),
          label: x.label.slice(0, DISCORD_LIMITS.buttonLabel),
          style: STYLES[x.style],
        })),
      });
    }
  }
  return { rows, leftOver };
}

/** Packs pieces into embed descriptions; returns how many pieces fit within `budget` characters. */
function pack(
  pieces: string[],
  title: string | undefined,
  budget: number,
  maxEmbeds: number,
): { embeds: APIEmbed[]; used: number } {
  const embeds: APIEmbed[] = [];
  let total = title?.length ?? 0;
  let description = "";
  let used = 0;
  const flush = () => {
    if (description === "" && !(embeds.length === 0 && title)) return;
    embeds.push({ color: EMBED_COLOR, ...(embeds.length === 0 && title ? { title } : {}), description });
    description = "";
  };
  for (const piece of pieces) {
    const joined = description === "" ? piece : `${description}\n\n${piece}`;
    const extra = joined.length - description.length;
    if (total + extra > budget) break;
    if (joined.length > DISCORD_LIMITS.embedDescription) {
      // The current description becomes an embed and the piece starts one more.
      if (embeds.length + 2 > maxEmbeds) break;
      flush();
      description = piece;
      total += piece.length;
    } else {
      description = joined;
      total += extra;
    }
    used++;
  }
  flush();
  return { embeds, used };
}

/** Renders a reply as one Discord message; see the module comment. */
export function renderDiscord(r: Reply): DiscordMessage {
  const first = r.blocks[0];
  const title =
    first?.type === "heading" && first.text.length <= DISCORD_LIMITS.embedTitle && first.text.trim() !== ""
      ? first.text
      : undefined;
  const body = title ? r.blocks.slice(1) : r.blocks;
  const { rows, leftOver } = buttonRows(r);
  const pieces = body.flatMap((b) => (b.type === "buttons" ? [] : blockPieces(b, DISCORD_LIMITS.embedDescription)));
  if (leftOver.length > 0) pieces.push(`More choices (type one): ${leftOver.map((b) => b.label).join(" · ")}`);
  const files: DiscordFile[] = [];
  const whole = pack(pieces, title, DISCORD_LIMITS.embedTotal, DISCORD_LIMITS.embedsPerMessage);
  let embeds = whole.embeds;
  if (whole.used < pieces.length) {
    // One embed and some characters are kept for the note that points at the file.
    ({ embeds } = pack(pieces, title, DISCORD_LIMITS.embedTotal - NOTE_RESERVE, DISCORD_LIMITS.embedsPerMessage - 1));
    const markdown = toMarkdown(r);
    const note = `*This answer is longer than one Discord message: the first part is above, and all of it (${markdown.split("\n").length} lines) is in the attached file ${LONG_ANSWER_FILE}.*`;
    const last = embeds[embeds.length - 1];
    if (last && (last.description ?? "").length + note.length + 2 <= DISCORD_LIMITS.embedDescription) {
      last.description = last.description ? `${last.description}\n\n${note}` : note;
    } else {
      embeds.push({ color: EMBED_COLOR, description: note });
    }
    files.push({ name: LONG_ANSWER_FILE, data: Buffer.from(markdown, "utf8"), contentType: "text/markdown" });
  }
  if (r.image) {
    const name = safeFilename(r.image.filename);
    files.push({ name, data: Buffer.from(r.image.pngBase64, "base64"), contentType: "image/png" });
    const image = { url: `attachment://${name}` };
    const last = embeds[embeds.length - 1];
    if (last && !last.image) last.image = image;
    else embeds.push({ color: EMBED_COLOR, image, description: r.image.alt.slice(0, 1000) });
  }
  return { embeds, components: rows, files, allowed_mentions: { parse: [] } };
}
