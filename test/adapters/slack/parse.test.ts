import { describe, expect, it } from "vitest";
import {
  extractYaml,
  fromMessageEvent,
  parseKubeCommand,
  pasteOrText,
  plainText,
} from "../../../src/adapters/slack/parse.js";
import { parseFollowUp } from "../../../src/bot/follow-up.js";

describe("Slack payload parsing", () => {
  it("keeps words asking to apply the code in front of it, and drops a question around a paste", () => {
    expect(pasteOrText("what does this do?\n```yaml\nkind: Pod\n```")).toBe("```\nkind: Pod\n```");
    expect(pasteOrText("then apply:\n```kind: Pod```")).toBe("then apply:\n```\nkind: Pod\n```");
    expect(pasteOrText("no code here")).toBe("no code here");
    // What the bot then reads: YAML to apply to the thread's scenario, not a new paste.
    const followUp = parseFollowUp(pasteOrText("then apply:\n```kind: Pod```"), "");
    expect(followUp?.ok && followUp.steps[0]?.intent).toEqual({ verb: "apply", manifests: "kind: Pod" });
  });

  it.each([
    { raw: "<@UBOT> next", want: "next" },
    { raw: "hi <@U2|ann> see <#C1|general> <!here>", want: "hi @ann see #general @here" },
    { raw: "image: &lt;none&gt; &amp; <http://example.com|example.com>", want: "image: <none> & example.com" },
    { raw: "<https://k8s.io>", want: "https://k8s.io" },
  ])("plainText($raw)", ({ raw, want }) => {
    expect(plainText(raw, "UBOT")).toBe(want);
  });

  it("extracts code blocks and ignores the prose around them", () => {
    expect(extractYaml("what does this do?\n```yaml\nkind: Pod\n```\nand\n```\nkind: Service\n```")).toBe(
      "kind: Pod\n---\nkind: Service",
    );
    expect(extractYaml("kind: Pod\n")).toBe("kind: Pod");
  });

  const base = { type: "message" as const, channel: "C1", user: "U1", text: "hello", ts: "10.1" };
  it.each([
    {
      name: "DM message",
      e: { ...base, channel: "D1", channel_type: "im" },
      want: { direct: true, thread: undefined },
    },
    {
      name: "DM reply in a thread",
      e: { ...base, channel: "D1", channel_type: "im", thread_ts: "9.9" },
      want: { direct: true, thread: "9.9" },
    },
    {
      name: "channel post mentioning the bot",
      e: { ...base, text: "<@UBOT> help", channel_type: "channel" },
      want: { direct: false, thread: "10.1" },
    },
    {
      name: "mention event in a thread",
      e: { ...base, type: "app_mention" as const, text: "<@UBOT> help", thread_ts: "5.5" },
      want: { direct: false, thread: "5.5" },
    },
  ])("answers a $name in the right place", ({ e, want }) => {
    const msg = fromMessageEvent({ ...e }, "T1", "UBOT");
    expect(msg?.eventId).toBe(`msg-${e.channel}-10.1`);
    expect(msg?.direct).toBe(want.direct);
    expect(msg?.thread).toBe(want.thread);
  });

  it.each([
    { name: "channel chatter without a mention", e: { ...base, channel_type: "channel" } },
    { name: "an edit", e: { ...base, channel: "D1", channel_type: "im", subtype: "message_changed" } },
    { name: "a bot's post", e: { ...base, channel: "D1", channel_type: "im", bot_id: "B2" } },
  ])("ignores $name", ({ e }) => {
    expect(fromMessageEvent({ ...e }, "T1", "UBOT")).toBeUndefined();
  });

  it("gives a post's message and app_mention deliveries one event id", () => {
    const a = fromMessageEvent({ ...base, text: "<@UBOT> x", channel_type: "channel" }, "T1", "UBOT");
    const b = fromMessageEvent({ ...base, type: "app_mention", text: "<@UBOT> x" }, "T1", "UBOT");
    expect(a?.eventId).toBe(b?.eventId);
  });

  it.each([
    { text: "", want: { kind: "text", text: "help", simulate: false } },
    { text: "next", want: { kind: "text", text: "next", simulate: false } },
    { text: "answer B", want: { kind: "text", text: "answer B", simulate: false } },
    { text: "level 2", want: { kind: "text", text: "level 2", simulate: false } },
    { text: "explain pod", want: { kind: "text", text: "explain pod", simulate: false } },
    { text: "simulate", want: { kind: "modal" } },
    { text: "simulate ```kind: Pod```", want: { kind: "text", text: "```\nkind: Pod\n```", simulate: true } },
    {
      text: "apiVersion: v1\nkind: Pod",
      want: { kind: "text", text: "```\napiVersion: v1\nkind: Pod\n```", simulate: true },
    },
  ])("/kube $text", ({ text, want }) => {
    expect(parseKubeCommand(text)).toEqual(want);
  });
});
