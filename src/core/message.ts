/**
 * `IncomingMessage`: what every adapter turns a platform event into. The router and the tutor read
 * only this type, never a platform payload.
 */
import { z } from "zod";

export const platformSchema = z.enum(["console", "slack", "discord"]);
export type Platform = z.infer<typeof platformSchema>;

export const attachmentSchema = z.object({
  filename: z.string(),
  /** Text content, already fetched and size-checked by the adapter. */
  text: z.string(),
});

export const incomingMessageSchema = z.object({
  /** Platform event id, used for de-duplication and as the job id seed. */
  eventId: z.string().min(1),
  platform: platformSchema,
  workspace: z.string(),
  channel: z.string(),
  thread: z.string().optional(),
  user: z.string(),
  /** Whether the conversation is a direct message with the bot. */
  direct: z.boolean(),
  text: z.string(),
  attachments: z.array(attachmentSchema).default([]),
  /** Set when the message is a button click: the clicked button's id. */
  action: z.string().optional(),
  /** The user's IANA time zone when the platform tells it. */
  timeZone: z.string().optional(),
  /**
   * Whether the sender may manage the channel (Slack workspace admins and owners, Discord members
   * with Manage Channels). Set only where it matters (channel drill commands); absent means no.
   */
  channelAdmin: z.boolean().optional(),
  /** The sender's display name when the adapter knows it (leaderboards show it instead of the id). */
  userName: z.string().optional(),
});

export type IncomingMessage = z.infer<typeof incomingMessageSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;
