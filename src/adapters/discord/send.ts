/**
 * Sending rendered replies through Discord's REST API. A reply to a pending interaction goes
 * through the interaction's webhook token (no bot authorisation: it works from any process for
 * 15 minutes): the first answer edits the deferred original, later ones follow it up. Anything
 * else is posted in the reply address's channel with a nonce derived from the delivery id, which
 * Discord uses to drop a repeated send (`enforce_nonce`).
 */
import { createHash } from "node:crypto";
import { DiscordAPIError, MessageFlags, type REST, type RequestData, Routes } from "discord.js";
import type { ReplyAddress } from "../../core/address.js";
import type { ReplySender } from "../../core/ports.js";
import type { Reply } from "../../core/reply.js";
import type { InteractionStore, PendingInteraction } from "./interactions.js";
import { DISCORD_LIMITS } from "./limits.js";
import { type DiscordMessage, renderDiscord } from "./render.js";

/** A reply that only acknowledges (e.g. "Simulating…"): the result replaces it. */
export function isAcknowledgement(r: Reply): boolean {
  return !r.image && r.blocks.length > 0 && r.blocks.every((b) => b.type === "context");
}

/** The request body and files of a rendered message, with extra fields. */
function request(m: DiscordMessage, extra: Record<string, unknown> = {}, auth = true): RequestData {
  const { files, ...body } = m;
  return {
    body: {
      ...body,
      ...(files.length > 0 ? { attachments: files.map((f, i) => ({ id: i, filename: f.name })) } : {}),
      ...extra,
    },
    files: files.map((f) => ({ name: f.name, data: f.data, contentType: f.contentType })),
    auth,
  };
}

/** A Discord `nonce` (at most 25 characters) derived from a delivery id. */
export function nonceOf(deliveryId: string): string {
  return createHash("sha256").update(deliveryId).digest("base64url").slice(0, DISCORD_LIMITS.nonce);
}

/**
 * Answers a pending interaction; resolves to its new state. A private reply to a public
 * original replaces the "thinking…" message with an ephemeral follow-up only the asker sees.
 */
export async function answerInteraction(
  rest: REST,
  p: PendingInteraction,
  reply: Reply,
): Promise<PendingInteraction["state"]> {
  const m = renderDiscord(reply);
  const original = Routes.webhookMessage(p.applicationId, p.token, "@original");
  const hidden = reply.private === true && !p.ephemeral;
  if (p.state !== "answered" && !hidden) {
    await rest.patch(original, request(m, {}, false));
    return isAcknowledgement(reply) ? "placeholder" : "answered";
  }
  if (hidden && p.state === "deferred") await rest.delete(original, { auth: false });
  const flags = reply.private || p.ephemeral ? MessageFlags.Ephemeral : 0;
  await rest.post(Routes.webhook(p.applicationId, p.token), {
    ...request(m, flags ? { flags } : {}, false),
    query: new URLSearchParams({ wait: "true" }),
  });
  return p.state === "deferred" && hidden ? "answered" : p.state;
}

/**
 * Posts a reply in the address's channel, as a reply to `replyTo` when given. A private reply
 * mentions its user instead (Discord has no ephemeral messages outside interactions).
 */
export async function postToChannel(
  rest: REST,
  address: ReplyAddress,
  reply: Reply,
  deliveryId: string,
  replyTo?: string,
): Promise<void> {
  const m = renderDiscord(reply);
  const mention = reply.private && address.user && address.workspace !== "" ? address.user : undefined;
  const message: DiscordMessage = mention
    ? { ...m, content: `<@${mention}>`, allowed_mentions: { parse: [], users: [mention] } }
    : m;
  const extra = {
    nonce: nonceOf(deliveryId),
    enforce_nonce: true,
    ...(replyTo ? { message_reference: { message_id: replyTo, fail_if_not_exists: false } } : {}),
  };
  await rest.post(Routes.channelMessages(address.channel), request(message, extra));
}

/** The delivery sender: through a pending interaction's token when there is one, else to the channel. */
export function discordSender(rest: REST, interactions: InteractionStore): ReplySender {
  return async (address, reply, ctx) => {
    const found = await interactions.find(ctx.deliveryId);
    if (!found) return postToChannel(rest, address, reply, ctx.deliveryId);
    let state: PendingInteraction["state"];
    try {
      state = await answerInteraction(rest, found.pending, reply);
    } catch (err) {
      // A token Discord no longer knows (expired early, interaction deleted): answer in the channel.
      if (err instanceof DiscordAPIError && (err.status === 401 || err.status === 404)) {
        await interactions.forget(found.requestId);
        return postToChannel(rest, address, reply, ctx.deliveryId);
      }
      throw err;
    }
    if (state !== found.pending.state) await interactions.save(found.requestId, { ...found.pending, state });
  };
}
