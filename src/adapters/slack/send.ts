/**
 * Posting a rendered `Reply` through the Web API: the messages in order (the second and later in
 * the first one's thread), an over-long answer as a text file, the cluster picture as a PNG in the
 * thread (`files.uploadV2`), and private replies as ephemeral messages.
 */
import type { webApi } from "@slack/bolt";
import type { ReplyAddress } from "../../core/address.js";
import type { Reply } from "../../core/reply.js";
import { renderSlack } from "./render.js";

/** What {@link sendReply} posted. */
export interface Posted {
  /** Timestamp of the first message (undefined for ephemeral replies, which have none to thread on). */
  ts?: string;
}

/** Posts one reply at an address. Rejects when Slack refuses (the delivery job retries). */
export async function sendReply(client: webApi.WebClient, address: ReplyAddress, reply: Reply): Promise<Posted> {
  const { messages, file } = renderSlack(reply);
  const channel = address.channel;
  if (reply.private && address.user) {
    for (const m of messages) {
      await client.chat.postEphemeral({
        channel,
        user: address.user,
        blocks: m.blocks,
        text: m.text,
        ...(address.thread ? { thread_ts: address.thread } : {}),
      });
    }
    return {};
  }
  let thread = address.thread;
  let first: string | undefined;
  for (const m of messages) {
    const res = await client.chat.postMessage({
      channel,
      blocks: m.blocks,
      text: m.text,
      unfurl_links: false,
      unfurl_media: false,
      ...(thread ? { thread_ts: thread } : {}),
    });
    first ??= res.ts;
    thread ??= res.ts;
  }
  const upload = (args: { content: string } | { file: Buffer; alt_text: string }, filename: string, title: string) =>
    thread
      ? client.filesUploadV2({ ...args, channel_id: channel, thread_ts: thread, filename, title })
      : client.filesUploadV2({ ...args, channel_id: channel, filename, title });
  if (file) await upload({ content: file.content }, file.filename, file.title);
  if (reply.image) {
    const { pngBase64, filename, alt } = reply.image;
    await upload({ file: Buffer.from(pngBase64, "base64"), alt_text: alt }, filename, alt);
  }
  return first ? { ts: first } : {};
}
