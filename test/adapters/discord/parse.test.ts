import { describe, expect, it } from "vitest";
import {
  commandText,
  incoming,
  type MessageView,
  messageText,
  readAttachments,
  shouldRead,
  yamlBlocks,
} from "../../../src/adapters/discord/parse.js";

const POD = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}";
const msg = (over: Partial<MessageView>): MessageView => ({
  id: "1",
  channelId: "C",
  guildId: "G",
  authorId: "U",
  authorIsBot: false,
  content: "",
  mentionsBot: false,
  attachments: [],
  ...over,
});

describe("discord parse", () => {
  it.each([
    { name: "yaml fence", content: `hi\n\`\`\`yaml\n${POD}\n\`\`\``, want: [POD] },
    { name: "yml and json fences", content: `\`\`\`yml\na: 1\n\`\`\`\n\`\`\`json\n{}\n\`\`\``, want: ["a: 1", "{}"] },
    { name: "bare fence with a manifest", content: `\`\`\`\n${POD}\n\`\`\``, want: [POD] },
    { name: "bare fence with prose", content: "```\nhello\n```", want: [] },
    { name: "python fence", content: "```python\nprint(1)\n```", want: [] },
  ])("yamlBlocks: $name", ({ content, want }) => {
    expect(yamlBlocks(content)).toEqual(want);
  });

  it.each([
    { name: "own or other bots", m: msg({ authorIsBot: true, guildId: null }), mc: true, want: false },
    { name: "DM", m: msg({ guildId: null, content: "next" }), mc: false, want: true },
    { name: "mention", m: msg({ mentionsBot: true, content: "help" }), mc: false, want: true },
    { name: "channel yaml with intent", m: msg({ content: `\`\`\`yaml\n${POD}\n\`\`\`` }), mc: true, want: true },
    { name: "channel yaml without intent", m: msg({ content: `\`\`\`yaml\n${POD}\n\`\`\`` }), mc: false, want: false },
    { name: "channel chatter", m: msg({ content: "lunch?" }), mc: true, want: false },
  ])("shouldRead: $name → $want", ({ m, mc, want }) => {
    expect(shouldRead(m, { messageContent: mc })).toBe(want);
  });

  it("strips the bot's mention and keeps only YAML blocks from channel messages", () => {
    expect(messageText(msg({ mentionsBot: true, content: "<@42> explain pod" }), "42")).toBe("explain pod");
    expect(messageText(msg({ content: `look \`\`\`yaml\n${POD}\n\`\`\`` }), "42")).toBe(`\`\`\`yaml\n${POD}\n\`\`\``);
  });

  it.each([
    { sub: "answer", options: [{ name: "choice", value: "B" }], want: "answer B" },
    { sub: "level", options: [{ name: "number", value: 3 }], want: "level 3" },
    { sub: "explain", options: [{ name: "term", value: " taint " }], want: "explain taint" },
    { sub: "simulate", options: [{ name: "file", value: "123" }], want: "simulate" },
    { sub: "next", options: [], want: "next" },
  ])("commandText($sub) → $want", ({ sub, options, want }) => {
    expect(commandText(sub, options)).toBe(want);
  });

  it("reads text attachments and explains the ones it refuses, without fetching oversized ones", async () => {
    const fetched: string[] = [];
    const fetcher = async (url: string) => {
      fetched.push(url);
      if (url === "bad") throw new Error("down");
      return new TextEncoder().encode(POD);
    };
    const r = await readAttachments(
      [
        { name: "pod.yaml", url: "ok", size: 40, contentType: null },
        { name: "cat.png", url: "png", size: 40, contentType: "image/png" },
        { name: "big.yaml", url: "big", size: 2 * 1024 * 1024, contentType: null },
        { name: "x.yml", url: "bad", size: 4, contentType: null },
      ],
      fetcher,
    );
    expect(r.attachments).toEqual([{ filename: "pod.yaml", text: POD }]);
    expect(fetched).toEqual(["ok", "bad"]);
    expect(r.problems).toEqual([
      "cat.png is not a YAML or text file, so I left it alone.",
      "big.yaml is 2,097,152 bytes, over the paste size limit (1 MiB). Split it into smaller files.",
      "I could not download x.yml from Discord. Please try again.",
    ]);
  });

  it("maps a DM to a direct message with an empty workspace", () => {
    expect(incoming({ eventId: "e", guildId: null, channelId: "D", userId: "U" }, "hi")).toEqual({
      eventId: "e",
      platform: "discord",
      workspace: "",
      channel: "D",
      user: "U",
      direct: true,
      text: "hi",
      attachments: [],
    });
  });

  it.each([
    [
      { guildId: "G", channelAdmin: true, userName: "Ada" },
      { channelAdmin: true, userName: "Ada" },
    ],
    [{ guildId: "G", channelAdmin: false }, { channelAdmin: false }],
    [{ guildId: null, channelAdmin: false, userName: "Mo" }, { userName: "Mo" }],
  ])("carries who the sender is from %j", (o, want) => {
    const m = incoming({ eventId: "e", channelId: "C", userId: "U", ...o }, "drills status");
    expect({ channelAdmin: m.channelAdmin, userName: m.userName }).toEqual({
      channelAdmin: undefined,
      userName: undefined,
      ...want,
    });
  });
});
