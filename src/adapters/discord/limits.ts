/**
 * Discord's limits that shape our messages (shared/reference/chat-platforms.md B6, from
 * discord/discord-api-docs `developers/resources/message.mdx`, `channel.mdx`,
 * `components/reference.mdx`, `interactions/receiving-and-responding.mdx`). Output that does not
 * fit is attached as a file: never cut silently.
 */
export const DISCORD_LIMITS = {
  /** Characters of a message's `content`. */
  content: 2000,
  /** Rich embeds in one message. */
  embedsPerMessage: 10,
  /** Characters of an embed's title. */
  embedTitle: 256,
  /** Characters of an embed's description. */
  embedDescription: 4096,
  /** Characters of titles, descriptions, field names and values, footers and authors across a message's embeds. */
  embedTotal: 6000,
  /** Fields in one embed. */
  embedFields: 25,
  /** Action rows in one message. */
  actionRows: 5,
  /** Buttons in one action row. */
  buttonsPerRow: 5,
  /** Characters of a button's label. */
  buttonLabel: 80,
  /** Characters of a component's `custom_id`. */
  customId: 100,
  /** Characters of a modal text input's value. */
  modalInput: 4000,
  /** Bytes of one uploaded file (the default upload limit). */
  fileBytes: 10 * 1024 * 1024,
  /** Milliseconds to answer an interaction before its token is invalidated. */
  interactionAckMs: 3000,
  /** Milliseconds an interaction token stays valid for edits and follow-ups. */
  interactionTokenMs: 15 * 60 * 1000,
  /** Characters of a message `nonce` (used with `enforce_nonce` to de-duplicate sends). */
  nonce: 25,
} as const;
