/**
 * Gateway payloads for the Discord stand-in, shaped as chat-platforms.md B2-B3 found discord.js
 * 14.28 needs them (cached guild channel, `channel_type: 1` for DMs, `entitlements: []`).
 */
export const APP_ID = "100000000000000001";
export const GUILD_ID = "200000000000000002";
export const CHANNEL_ID = "300000000000000003";
export const DM_CHANNEL_ID = "300000000000000099";
export const BOT_USER = {
  id: APP_ID,
  username: "podsensei",
  discriminator: "0",
  global_name: "podsensei",
  avatar: null,
  bot: true,
};

/** A learner. */
export function user(id = "400000000000000004") {
  return { id, username: `learner${id.slice(-2)}`, discriminator: "0", global_name: "Learner", avatar: null };
}

/** The one guild, with one text channel. */
export function guildCreate() {
  return {
    id: GUILD_ID,
    name: "k8s club",
    unavailable: false,
    owner_id: user().id,
    member_count: 2,
    large: false,
    joined_at: "2025-01-01T00:00:00.000Z",
    roles: [
      {
        id: GUILD_ID,
        name: "@everyone",
        permissions: "1071698660929",
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
      },
    ],
    channels: [{ id: CHANNEL_ID, type: 0, name: "kubernetes", position: 0, permission_overwrites: [] }],
    members: [],
    threads: [],
    emojis: [],
    stickers: [],
    presences: [],
    voice_states: [],
    features: [],
  };
}

/** A message object as REST returns it and MESSAGE_CREATE carries it. */
export function messageObject(o: Record<string, unknown>) {
  return {
    id: "1",
    channel_id: CHANNEL_ID,
    author: user(),
    content: "",
    timestamp: "2025-01-01T00:00:00.000Z",
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
    ...o,
  };
}

let counter = 0;
/** Discord's epoch (2015-01-01), from which snowflakes count milliseconds. */
const DISCORD_EPOCH = 1420070400000n;
/** A fresh snowflake of now (discord.js derives `createdTimestamp` from it). */
export function nextId(): string {
  counter = (counter + 1) % 4096;
  return `${((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | BigInt(counter)}`;
}

/** Where an event happens: the guild channel or a DM. */
export interface Where {
  dm?: boolean;
  userId?: string;
}

function place(w: Where) {
  const u = user(w.userId);
  return w.dm
    ? { channel: { id: DM_CHANNEL_ID, type: 1 }, channel_id: DM_CHANNEL_ID, user: u, context: 1 }
    : {
        guild_id: GUILD_ID,
        channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: "kubernetes" },
        channel_id: CHANNEL_ID,
        member: {
          user: u,
          roles: [],
          permissions: "1071698660929",
          joined_at: "2025-01-01T00:00:00.000Z",
          deaf: false,
          mute: false,
          flags: 0,
        },
        guild_locale: "en-US",
        context: 0,
      };
}

/** An INTERACTION_CREATE payload; `token` defaults to a fresh one. */
export function interaction(type: number, data: unknown, w: Where = {}, extra: Record<string, unknown> = {}) {
  const id = nextId();
  return {
    id,
    application_id: APP_ID,
    type,
    data,
    token: `itoken-${id}`,
    version: 1,
    app_permissions: "1071698660929",
    locale: "en-US",
    entitlements: [],
    authorizing_integration_owners: { "0": GUILD_ID },
    ...place(w),
    ...extra,
  };
}

/** `/kube <sub>` with options (and resolved attachments). */
export function slash(
  sub: string,
  options: { name: string; type: number; value: unknown }[] = [],
  w: Where = {},
  resolved?: unknown,
) {
  return interaction(
    2,
    {
      id: "900",
      name: "kube",
      type: 1,
      options: [{ name: sub, type: 1, options }],
      ...(resolved ? { resolved } : {}),
    },
    w,
  );
}

/** A button click on a message the bot posted. */
export function button(customId: string, w: Where = {}) {
  return interaction(3, { custom_id: customId, component_type: 2 }, w, {
    message: messageObject({ id: nextId(), author: BOT_USER, channel_id: w.dm ? DM_CHANNEL_ID : CHANNEL_ID }),
  });
}

/** The `/kube simulate` form submitted. */
export function modalSubmit(customId: string, inputId: string, value: string, w: Where = {}) {
  return interaction(
    5,
    { custom_id: customId, components: [{ type: 1, components: [{ type: 4, custom_id: inputId, value }] }] },
    w,
  );
}

/** The message context-menu command on `target`. */
export function messageCommand(name: string, target: Record<string, unknown>, w: Where = {}) {
  const id = String(target.id);
  return interaction(2, { id: "901", name, type: 3, target_id: id, resolved: { messages: { [id]: target } } }, w);
}

/** A MESSAGE_CREATE in the guild channel or (with `dm`) in a DM. */
export function messageCreate(content: string, w: Where & { mentions?: boolean; attachments?: unknown[] } = {}) {
  const u = user(w.userId);
  return messageObject({
    id: nextId(),
    author: u,
    content,
    attachments: w.attachments ?? [],
    mentions: w.mentions ? [BOT_USER] : [],
    ...(w.dm
      ? { channel_id: DM_CHANNEL_ID, channel_type: 1 }
      : {
          channel_id: CHANNEL_ID,
          guild_id: GUILD_ID,
          member: { roles: [], joined_at: "2025-01-01T00:00:00.000Z", deaf: false, mute: false, flags: 0 },
        }),
  });
}

/** An attachment object served by the stand-in at `url`. */
export function attachment(name: string, url: string, size: number, contentType = "application/x-yaml") {
  return { id: nextId(), filename: name, size, url, proxy_url: url, content_type: contentType };
}
