/**
 * What the bot does with each gateway event. Interactions are deferred first (Discord invalidates
 * a token not answered within 3 s), then recorded as pending, so the answer can come from this
 * process or from a delivery job in another one; messages are read per `parse.ts`'s policy and
 * answered in the channel. Every event says whether its sender may manage the channel (Manage
 * Channels: channel drill admin commands) and the sender's display name (leaderboards).
 */
import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  ComponentType,
  type Interaction,
  type Message,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
  PermissionFlagsBits,
  type REST,
  TextInputStyle,
} from "discord.js";
import type { Bot } from "../../bot/bot.js";
import type { Logger } from "../../core/logger.js";
import type { IncomingMessage } from "../../core/message.js";
import { type Reply, textReply } from "../../core/reply.js";
import { requestIdFor } from "../../jobs/queues.js";
import type { RequestLock } from "../../jobs/request-lock.js";
import { looksLikeManifest } from "../../tutor/commands.js";
import { FILE_OPTION, MESSAGE_COMMAND, optionNames, SLASH_COMMAND } from "./commands.js";
import { type InteractionStore, interactionRequestId, type PendingInteraction, tokenExpiry } from "./interactions.js";
import { DISCORD_LIMITS } from "./limits.js";
import {
  type AttachmentFetcher,
  type AttachmentView,
  commandText,
  incoming,
  isTextFile,
  type MessageView,
  messageText,
  type Origin,
  type ReadPolicy,
  readAttachments,
  shouldRead,
  yamlBlocks,
} from "./parse.js";
import { answerInteraction, postToChannel } from "./send.js";

/** Custom id of the `/kube simulate` form and of its text input. */
export const MODAL_ID = "kube:simulate";
export const MODAL_INPUT = "yaml";

/** Subcommands whose answers are about one learner: ephemeral in a guild, so the channel stays quiet. */
const PERSONAL = new Set(["start", "next", "drill", "answer", "hint", "progress", "level"]);

/** The answer when the bot's own machinery fails (Redis unreachable): the learner is never left waiting. */
export const TROUBLE_TEXT = "Something went wrong on my side and I could not answer. Please try again in a minute.";

/** What the handlers need. */
export interface HandlerDeps {
  bot: Bot;
  rest: REST;
  interactions: InteractionStore;
  answering: RequestLock;
  policy: ReadPolicy;
  fetcher: AttachmentFetcher;
  logger: Logger;
}

function view(a: { name: string; url: string; size: number; contentType: string | null }): AttachmentView {
  return { name: a.name, url: a.url, size: a.size, contentType: a.contentType };
}

/** The member's name in the guild (nickname, else global name, else username). */
function displayName(i: Interaction): string {
  const m = i.member;
  if (m && "displayName" in m) return m.displayName;
  return m?.nick ?? i.user.globalName ?? i.user.username;
}

/** Whether a message's author may manage channels in its guild; false when unknown. */
function mayManageChannels(m: Message): boolean {
  try {
    return m.member?.permissions.has(PermissionFlagsBits.ManageChannels) ?? false;
  } catch {
    return false;
  }
}

/** The handlers of one adapter. */
export function createHandlers(d: HandlerDeps) {
  /** Defers, records the token, runs the bot, and answers through the token. */
  const run = async (
    i: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction | MessageContextMenuCommandInteraction,
    ephemeral: boolean,
    build: () => Promise<{ msg: IncomingMessage; problems: string[] }>,
  ) => {
    await i.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    const requestId = interactionRequestId(i.guildId, i.id);
    let pending: PendingInteraction = {
      applicationId: i.applicationId,
      token: i.token,
      // From the earlier of creation (the id's timestamp) and receipt: a clock running behind must not stretch it.
      expiresAt: tokenExpiry(Math.min(Date.now(), i.createdTimestamp)),
      ephemeral,
      state: "deferred",
    };
    const answer = async (r: Reply) => {
      pending = { ...pending, state: await answerInteraction(d.rest, pending, r) };
      await d.interactions.save(requestId, pending);
    };
    try {
      await d.interactions.save(requestId, pending);
      const { msg, problems } = await build();
      // Held from before the bot queues anything until its replies are out: a result delivered
      // meanwhile waits, and then edits (or follows) what they left, never the other way round.
      await d.answering.exclusive(requestId, async () => {
        if (problems.length === 0 || msg.attachments.length > 0)
          for (const r of await d.bot.handle(msg)) await answer(r);
        if (problems.length > 0) await answer({ ...textReply(problems.join("\n")), private: true });
      });
    } catch (err) {
      d.logger.warn({ err, interaction: i.id }, "interaction failed");
      await answer(textReply(TROUBLE_TEXT));
    }
  };

  const origin = (i: Interaction): Origin => ({
    eventId: i.id,
    guildId: i.guildId,
    channelId: i.channelId ?? "",
    userId: i.user.id,
    channelAdmin: i.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false,
    userName: displayName(i),
  });

  const onSlash = async (i: ChatInputCommandInteraction) => {
    const sub = i.options.getSubcommand(false) ?? "help";
    const file = i.options.getAttachment(FILE_OPTION);
    if (sub === "simulate" && !file) {
      await i.showModal({
        custom_id: MODAL_ID,
        title: "What will this YAML do?",
        components: [
          {
            type: ComponentType.ActionRow,
            components: [
              {
                type: ComponentType.TextInput,
                custom_id: MODAL_INPUT,
                label: "Kubernetes YAML (or attach a file to /kube simulate)",
                style: TextInputStyle.Paragraph,
                max_length: DISCORD_LIMITS.modalInput,
                required: true,
              },
            ],
          },
        ],
      });
      return;
    }
    // Options are read as words in their defined order (`drills on 09:00 Europe/Berlin …`).
    const order = optionNames(sub);
    const options = (i.options.data[0]?.options ?? [])
      .map((o) => ({ name: o.name, ...(o.value !== undefined ? { value: o.value } : {}) }))
      .sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
    await run(i, i.guildId !== null && PERSONAL.has(sub), async () => {
      const read = file ? await readAttachments([view(file)], d.fetcher) : { attachments: [], problems: [] };
      return { msg: incoming(origin(i), commandText(sub, options), read.attachments), problems: read.problems };
    });
  };

  const onButton = (i: ButtonInteraction) =>
    run(i, i.guildId !== null && !i.customId.startsWith("whatif:"), async () => ({
      msg: incoming(origin(i), "", [], i.customId),
      problems: [],
    }));

  const onModal = (i: ModalSubmitInteraction) =>
    run(i, false, async () => {
      const yaml = i.fields.getTextInputValue(MODAL_INPUT);
      return { msg: incoming(origin(i), "simulate", [{ filename: "pasted.yaml", text: yaml }]), problems: [] };
    });

  const onMessageCommand = async (i: MessageContextMenuCommandInteraction) => {
    const target = i.targetMessage;
    const blocks = yamlBlocks(target.content);
    if (blocks.length === 0 && looksLikeManifest(target.content)) blocks.push(target.content.trim());
    const files = [...target.attachments.values()].map(view).filter(isTextFile);
    if (blocks.length === 0 && files.length === 0) {
      await i.reply({
        content: "I found no Kubernetes YAML in that message: no ```yaml block and no .yaml file.",
        flags: MessageFlags.Ephemeral,
        allowedMentions: { parse: [] },
      });
      return;
    }
    await run(i, false, async () => {
      const read = await readAttachments(files, d.fetcher);
      const inline = blocks.map((b, n) => ({ filename: `message-${n + 1}.yaml`, text: b }));
      const attachments = [...inline, ...read.attachments];
      return { msg: incoming(origin(i), "simulate", attachments), problems: read.problems };
    });
  };

  return {
    /** Handles one interaction; never rejects. */
    async interaction(i: Interaction): Promise<void> {
      try {
        if (i.isChatInputCommand() && i.commandName === SLASH_COMMAND) await onSlash(i);
        else if (i.isButton()) await onButton(i);
        else if (i.isModalSubmit() && i.customId === MODAL_ID) await onModal(i);
        else if (i.isMessageContextMenuCommand() && i.commandName === MESSAGE_COMMAND) await onMessageCommand(i);
      } catch (err) {
        d.logger.warn({ err, interaction: i.id }, "interaction could not be answered");
      }
    },

    /** Handles one message; never rejects. */
    async message(m: Message, botId: string): Promise<void> {
      const v: MessageView = {
        id: m.id,
        channelId: m.channelId,
        guildId: m.guildId,
        authorId: m.author.id,
        authorIsBot: m.author.bot,
        content: m.content,
        mentionsBot: m.mentions.users.has(botId),
        attachments: [...m.attachments.values()].map(view),
      };
      if (!shouldRead(v, d.policy)) return;
      try {
        const read = await readAttachments(v.attachments.filter(isTextFile), d.fetcher);
        const msg = incoming(
          {
            eventId: v.id,
            guildId: v.guildId,
            channelId: v.channelId,
            userId: v.authorId,
            channelAdmin: mayManageChannels(m),
            userName: m.member?.displayName ?? m.author.globalName ?? m.author.username,
          },
          messageText(v, botId),
          read.attachments,
        );
        const address = {
          platform: "discord" as const,
          workspace: msg.workspace,
          channel: msg.channel,
          user: msg.user,
        };
        // As for interactions: a fast result waits until "Simulating…" is posted above it.
        await d.answering.exclusive(requestIdFor("discord", msg.workspace, msg.eventId), async () => {
          const replies = await d.bot.handle(msg);
          if (read.problems.length > 0) replies.push(textReply(read.problems.join("\n")));
          for (const [n, r] of replies.entries()) await postToChannel(d.rest, address, r, `${m.id}-${n}`, m.id);
        });
      } catch (err) {
        d.logger.warn({ err, message: m.id }, "message could not be answered");
      }
    },
  };
}
