/**
 * Slack's limits that shape our messages (shared/reference/chat-platforms.md A4). Text that does
 * not fit is split across blocks and messages in the thread, or attached as a file: never cut.
 */
export const SLACK_LIMITS = {
  /** Blocks in one message (docs.slack.dev/reference/block-kit/blocks). */
  blocksPerMessage: 50,
  /** Characters of a section block's text. */
  sectionText: 3000,
  /** Characters of a header block's plain text. */
  headerText: 150,
  /** Characters of a context block's text element (kept under the section limit). */
  contextText: 2000,
  /** Characters of a button's label. */
  buttonLabel: 75,
  /** Elements in one actions block. */
  actionsPerBlock: 25,
  /**
   * Characters of text across one message's blocks. Slack documents no total, but answers
   * `msg_blocks_too_long` at about 12-13k (slackapi/bolt-js#2509, #2867); we budget 10k.
   */
  textPerMessage: 10_000,
  /** Characters of the plain-text `text` fallback we send (notifications; the blocks carry all). */
  fallbackText: 3000,
  /** Messages one reply may take in a thread before the rest goes into a file instead. */
  messagesPerReply: 4,
  /** Characters of a modal's plain_text_input (docs.slack.dev plain-text-input-element). */
  modalInput: 3000,
} as const;
