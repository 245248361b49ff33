/**
 * The ways into podsensei in Slack, as Bolt listeners: `/kube`, DMs, mentions, the "What will this
 * YAML do?" message shortcut, the paste modal and button clicks (tutor, what-if and channel drill
 * answers). Every listener acknowledges first and only then works (Slack's 3-second rule); answers
 * are posted through the Web API, and simulation results arrive later through delivery. Channel
 * drill commands and answers carry who the user is (workspace admin or channel creator, name,
 * time zone; see `identity.ts`). Every Web API call and file download goes through the client
 * Bolt hands each event, which carries the bot token of the event's workspace.
 */
import type { App, webApi } from "@slack/bolt";
import { z } from "zod";
import type { Bot } from "../../bot/bot.js";
import { addressOf } from "../../core/address.js";
import type { Logger } from "../../core/logger.js";
import type { IncomingMessage } from "../../core/message.js";
import { type Reply, textReply } from "../../core/reply.js";
import { ANSWER_ACTION_PREFIX, parseAnswerAction, parseDrillCommand } from "../../drills/command.js";
import { requestIdFor } from "../../jobs/queues.js";
import type { RequestLock } from "../../jobs/request-lock.js";
import { looksLikeManifest } from "../../tutor/commands.js";
import { readFiles } from "./files.js";
import { identityLookup } from "./identity.js";
import { PASTE_CALLBACK_ID, PASTE_INPUT_ID, pasteModal, pasteTargetSchema } from "./modal.js";
import {
  extractYaml,
  fenced,
  fromMessageEvent,
  isDirectChannel,
  messageEventSchema,
  parseKubeCommand,
  plainText,
  slackFileSchema,
} from "./parse.js";
import { sendReply } from "./send.js";

/** The message shortcut's `callback_id`. */
export const SHORTCUT_CALLBACK_ID = "podsensei_what_will_this_do";
/** The slash command. */
export const COMMAND = "/kube";

/** What the listeners need. */
export interface ListenerDeps {
  bot: () => Bot;
  /** The request locks a message's immediate replies are posted under (request-lock.ts). */
  answering: () => RequestLock;
  /** Origin of the Web API (files there may be downloaded with the token). */
  apiOrigin: string;
  logger: () => Logger;
}

const SORRY = "Something went wrong on my side, sorry. Please try again in a minute.";

const commandSchema = z.object({
  team_id: z.string(),
  channel_id: z.string().min(1),
  user_id: z.string().min(1),
  text: z.string().default(""),
  trigger_id: z.string().min(1),
});

const actionSchema = z.object({
  team: z.object({ id: z.string() }).nullable().optional(),
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  channel: z.object({ id: z.string().min(1) }).optional(),
  container: z.object({
    channel_id: z.string().optional(),
    message_ts: z.string().optional(),
    thread_ts: z.string().optional(),
    is_ephemeral: z.boolean().optional(),
  }),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  actions: z.array(z.object({ action_id: z.string().min(1), action_ts: z.string().min(1) })).min(1),
});

const shortcutSchema = z.object({
  team: z.object({ id: z.string() }).nullable().optional(),
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  channel: z.object({ id: z.string().min(1) }),
  message: z.object({
    ts: z.string().min(1),
    thread_ts: z.string().optional(),
    text: z.string().default(""),
    files: z.array(slackFileSchema).optional(),
  }),
});

const viewSchema = z.object({
  team: z.object({ id: z.string() }).nullable().optional(),
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  view: z.object({
    id: z.string().min(1),
    private_metadata: z.string().default(""),
    state: z.object({
      values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullable().optional() }))),
    }),
  }),
});

/** Registers every listener on `app`. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  const log = () => deps.logger();
  const lookup = identityLookup(log);

  /** Adds who the user is to a channel drill command or answer in a channel (others need no lookup). */
  const identify = async (client: webApi.WebClient, msg: IncomingMessage): Promise<IncomingMessage> => {
    const drillRelated = msg.action
      ? parseAnswerAction(msg.action) !== undefined
      : parseDrillCommand(msg.text) !== undefined;
    if (msg.direct || !drillRelated) return msg;
    const who = await lookup(client, msg.workspace, msg.user, msg.channel);
    return { ...who, ...msg, ...(msg.timeZone === undefined && who.timeZone ? { timeZone: who.timeZone } : {}) };
  };

  /** Posts replies at `msg`'s address (privately when `priv`). Failures are logged, not thrown. */
  const post = async (client: webApi.WebClient, msg: IncomingMessage, replies: Reply[], priv = false) => {
    for (const r of replies) {
      try {
        await sendReply(client, addressOf(msg), priv ? { ...r, private: true } : r);
      } catch (err) {
        log().error({ err, eventId: msg.eventId }, "could not post a reply to Slack");
      }
    }
  };

  /**
   * Runs the bot on `msg` and posts its immediate replies, holding the request's answering lock
   * so a fast result never lands above "Simulating…".
   */
  const answer = async (client: webApi.WebClient, msg: IncomingMessage, priv = false) => {
    try {
      await deps.answering().exclusive(requestIdFor(msg.platform, msg.workspace, msg.eventId), async () => {
        await post(client, msg, await deps.bot().handle(await identify(client, msg)), priv);
      });
    } catch (err) {
      log().error({ err, eventId: msg.eventId }, "bot failed on a Slack event");
      await post(client, msg, [textReply(SORRY)], true);
    }
  };

  /** Posts an opening message in a channel and returns its ts, to thread the answer under. */
  const anchor = async (
    client: webApi.WebClient,
    channel: string,
    user: string,
    what: string,
  ): Promise<string | undefined> => {
    try {
      const res = await client.chat.postMessage({ channel, text: `<@${user}> ${what}`, unfurl_links: false });
      return res.ts;
    } catch (err) {
      log().error({ err, channel }, "could not open a thread in Slack");
      return undefined;
    }
  };

  const onPost = async (client: webApi.WebClient, event: unknown, team: string, botUserId: string | undefined) => {
    const e = messageEventSchema.safeParse(event);
    if (!e.success) return;
    const msg = fromMessageEvent(e.data, team, botUserId);
    if (!msg) return;
    const files = e.data.files ?? [];
    if (files.length > 0) {
      const read = await readFiles(files, client.token ?? "", deps.apiOrigin);
      msg.attachments = read.attachments;
      if (read.problems.length > 0) await post(client, msg, read.problems.map(textReply));
      if (read.attachments.length === 0 && read.problems.length > 0 && msg.text === "") return;
    }
    await answer(client, msg);
  };

  const teamOf = (body: unknown, teamId: string | undefined) =>
    teamId ?? String((body as { team_id?: string }).team_id ?? "");
  app.event("app_mention", async ({ event, body, context, client }) => {
    await onPost(client, event, teamOf(body, context.teamId), context.botUserId);
  });
  app.event("message", async ({ event, body, context, client }) => {
    await onPost(client, event, teamOf(body, context.teamId), context.botUserId);
  });

  app.command(COMMAND, async ({ ack, body, client }) => {
    await ack();
    const c = commandSchema.safeParse(body);
    if (!c.success) return;
    const { team_id, channel_id, user_id, text, trigger_id } = c.data;
    const cmd = parseKubeCommand(text);
    const direct = isDirectChannel(channel_id);
    if (cmd.kind === "modal") {
      try {
        await client.views.open({ trigger_id, view: pasteModal({ channel: channel_id }) });
      } catch (err) {
        log().error({ err }, "could not open the paste modal");
      }
      return;
    }
    const msg: IncomingMessage = {
      eventId: `cmd-${trigger_id}`,
      platform: "slack",
      workspace: team_id,
      channel: channel_id,
      user: user_id,
      direct,
      text: cmd.text,
      attachments: [],
    };
    if (direct) return answer(client, msg);
    // A channel drill command answers the channel or only its asker as the drills decide; the
    // tutor's answers to a command in a channel are the asker's alone.
    if (!cmd.simulate) return answer(client, msg, parseDrillCommand(msg.text) === undefined);
    const ts = await anchor(client, channel_id, user_id, "asked what this YAML will do:");
    if (ts) await answer(client, { ...msg, thread: ts });
  });

  app.view(PASTE_CALLBACK_ID, async ({ ack, body, client }) => {
    const v = viewSchema.safeParse(body);
    const yaml = v.success ? (v.data.view.state.values[PASTE_INPUT_ID]?.[PASTE_INPUT_ID]?.value ?? "").trim() : "";
    if (!v.success || !looksLikeManifest(fenced(yaml)) || !/^\s*kind\s*:/m.test(yaml)) {
      await ack({
        response_action: "errors",
        errors: { [PASTE_INPUT_ID]: "Paste at least one Kubernetes object (with apiVersion and kind)." },
      });
      return;
    }
    await ack();
    let target: unknown;
    try {
      target = JSON.parse(v.data.view.private_metadata);
    } catch {
      target = undefined;
    }
    const t = pasteTargetSchema.safeParse(target);
    if (!t.success) return;
    const { user, team, view } = v.data;
    const direct = isDirectChannel(t.data.channel);
    const thread =
      t.data.thread ??
      (direct ? undefined : await anchor(client, t.data.channel, user.id, "asked what this YAML will do:"));
    if (!direct && !thread) return;
    await answer(client, {
      eventId: `modal-${view.id}`,
      platform: "slack",
      workspace: team?.id ?? user.team_id ?? "",
      channel: t.data.channel,
      ...(thread ? { thread } : {}),
      user: user.id,
      direct: false,
      text: fenced(yaml),
      attachments: [],
    });
  });

  app.shortcut(SHORTCUT_CALLBACK_ID, async ({ ack, body, client }) => {
    await ack();
    const s = shortcutSchema.safeParse(body);
    if (!s.success) return;
    const { user, team, channel, message } = s.data;
    const read = await readFiles(message.files ?? [], client.token ?? "", deps.apiOrigin);
    const yaml = extractYaml(plainText(message.text));
    const hasYaml = looksLikeManifest(fenced(yaml)) && /^\s*kind\s*:/m.test(yaml);
    const msg: IncomingMessage = {
      eventId: `shortcut-${channel.id}-${message.ts}-${user.id}`,
      platform: "slack",
      workspace: team?.id ?? user.team_id ?? "",
      channel: channel.id,
      thread: message.thread_ts ?? message.ts,
      user: user.id,
      direct: false,
      text: hasYaml ? fenced(yaml) : "",
      attachments: read.attachments,
    };
    if (read.problems.length > 0) await post(client, msg, read.problems.map(textReply), true);
    if (!hasYaml && read.attachments.length === 0) {
      if (read.problems.length === 0)
        await post(
          client,
          msg,
          [
            textReply(
              "That message holds no Kubernetes YAML I can read: put the manifests in a code block or attach a .yaml file.",
            ),
          ],
          true,
        );
      return;
    }
    await answer(client, msg);
  });

  app.action(new RegExp(`^(drill:|cmd:|whatif:|${ANSWER_ACTION_PREFIX})`), async ({ ack, body, client }) => {
    await ack();
    const a = actionSchema.safeParse(body);
    if (!a.success) return;
    const { user, team, channel, container, message, actions } = a.data;
    const channelId = channel?.id ?? container.channel_id;
    const action = actions[0];
    if (!channelId || !action) return;
    const direct = isDirectChannel(channelId);
    const priv = container.is_ephemeral === true;
    // A channel drill answer is acknowledged in the channel, not in a thread under the drill.
    const drillAnswer = action.action_id.startsWith(ANSWER_ACTION_PREFIX);
    const thread =
      message?.thread_ts ?? container.thread_ts ?? (direct || priv || drillAnswer ? undefined : message?.ts);
    await answer(
      client,
      {
        eventId: `action-${user.id}-${action.action_ts}`,
        platform: "slack",
        workspace: team?.id ?? user.team_id ?? "",
        channel: channelId,
        ...(thread ? { thread } : {}),
        user: user.id,
        direct,
        text: "",
        attachments: [],
        action: action.action_id,
      },
      priv,
    );
  });
}
