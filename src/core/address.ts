/**
 * `ReplyAddress`: everything a process needs to answer a request later, without the original
 * platform event (Bot Framework's `ConversationReference` idea). It travels inside job payloads,
 * so a bot process can restart while a simulation is in flight and another one still answers.
 *
 * Text form: `<platform>:<workspace>:<channel>[:<thread>[:<user>]]`, each segment
 * percent-encoded, so ids that contain `:` still round-trip. An empty thread segment means
 * "no thread" when a user follows.
 */
import { z } from "zod";
import { type IncomingMessage, platformSchema } from "./message.js";

export const replyAddressSchema = z.object({
  platform: platformSchema,
  /** Slack team id, Discord guild id ("" for a Discord DM), "local" for the console. */
  workspace: z.string(),
  /** Channel (or DM channel) id. */
  channel: z.string().min(1),
  /** Thread to answer in (Slack `thread_ts`, Discord thread channel id). */
  thread: z.string().min(1).optional(),
  /** The asking user: needed for private (ephemeral) replies and mentions. */
  user: z.string().min(1).optional(),
});

export type ReplyAddress = z.infer<typeof replyAddressSchema>;

/** The address that answers a message where it was asked (in its thread when it has one). */
export function addressOf(msg: IncomingMessage): ReplyAddress {
  return {
    platform: msg.platform,
    workspace: msg.workspace,
    channel: msg.channel,
    ...(msg.thread ? { thread: msg.thread } : {}),
    user: msg.user,
  };
}

/** The text form of an address (see the module comment). */
export function encodeAddress(a: ReplyAddress): string {
  const parts = [a.platform, a.workspace, a.channel];
  if (a.thread !== undefined || a.user !== undefined) parts.push(a.thread ?? "");
  if (a.user !== undefined) parts.push(a.user);
  return parts.map(encodeURIComponent).join(":");
}

/** The result of {@link decodeAddress}: an address, or why the text is not one. */
export type DecodedAddress = { ok: true; address: ReplyAddress } | { ok: false; message: string };

/** Parses the text form of an address. Never throws. */
export function decodeAddress(text: string): DecodedAddress {
  const raw = text.split(":");
  if (raw.length < 3 || raw.length > 5) {
    return { ok: false, message: `reply address ${JSON.stringify(text)} must have 3 to 5 ":"-separated parts` };
  }
  let parts: string[];
  try {
    parts = raw.map((p) => decodeURIComponent(p));
  } catch {
    return { ok: false, message: `reply address ${JSON.stringify(text)} has a malformed %-escape` };
  }
  const [platform, workspace, channel, thread, user] = parts;
  const parsed = replyAddressSchema.safeParse({
    platform,
    workspace,
    channel,
    ...(thread ? { thread } : {}),
    ...(user ? { user } : {}),
  });
  if (!parsed.success)
    return { ok: false, message: `reply address ${JSON.stringify(text)}: ${z.prettifyError(parsed.error)}` };
  return { ok: true, address: parsed.data };
}
