/**
 * Typed "what if" follow-ups end to end: a paste in a guild channel is simulated, then a learner
 * mentions the bot with "what if I drain node-b" and gets the re-simulation of the same paste with
 * the drain in it; a second follow-up adds to the first; a mistyped command gets a private answer
 * and leaves the scenario as it was. Real discord.js client, loopback gateway and REST stand-in,
 * real bot core, queues and worker on the test Redis.
 */
import { describe, expect, it } from "vitest";
import { TYPICAL_PASTE } from "../jobs/support/loopback.js";
import { APP_ID, CHANNEL_ID, messageCreate } from "../support/discord-fake/payloads.js";
import type { RestCall } from "../support/discord-fake/server.js";
import { bodyText as text, useDiscordStack } from "../support/discord-fake/stack.js";

const inChannel = (c: RestCall) => c.method === "POST" && c.path === `/channels/${CHANNEL_ID}/messages`;
const result = (c: RestCall) => inChannel(c) && text(c).includes("What the cluster would do");

describe("discord: typed what-if follow-ups in a channel", () => {
  const stack = useDiscordStack("t-dwhatif");

  /** Mentions the bot with `words` and returns its first answer to that message. */
  const mention = async (words: string) => {
    const m = messageCreate(`<@${APP_ID}> ${words}`, { mentions: true });
    stack.fake.dispatch("MESSAGE_CREATE", m);
    const [answer] = await stack.fake.waitFor((c) => inChannel(c) && c.body?.message_reference?.message_id === m.id);
    return answer;
  };

  it("re-simulates the paste with each typed follow-up, and answers a typo privately", async () => {
    stack.fake.dispatch("MESSAGE_CREATE", messageCreate(`\`\`\`yaml\n${TYPICAL_PASTE}\`\`\``));
    const [first] = await stack.fake.waitFor(result, 1, 30_000);
    expect(text(first)).not.toContain("cordoned");

    const ack = await mention("what if I drain node-b?");
    expect(text(ack)).toContain("1m: kubectl drain node-b --ignore-daemonsets --delete-emptydir-data");
    const [, drained] = await stack.fake.waitFor(result, 2, 30_000);
    expect(text(drained)).toContain("node/node-b cordoned");
    expect(text(drained)).toMatch(/evicting pod default\/web-/);

    const typo = await mention("kubectl drian node-c");
    expect(text(typo)).toContain('unsupported action \\"kubectl drian\\"');
    expect(text(typo)).toContain("What I understand");

    const ack2 = await mention("scale web to 5");
    expect(text(ack2)).toContain("2m: kubectl scale deployment/web --replicas=5");
    const [, , scaled] = await stack.fake.waitFor(result, 3, 30_000);
    // Both follow-ups are in it: node-b was drained, and five web pods run on the other nodes.
    expect(text(scaled)).toContain("node/node-b cordoned");
    const running = (scaled!.body.embeds as { description?: string }[]).map((e) => e.description ?? "").join("\n");
    expect(running.match(/^web-\S+\s+1\/1\s+Running/gm)?.length).toBe(5);
    expect(running).not.toMatch(/^web-\S+\s+1\/1\s+Running.*node-b/m);
  }, 90_000);
});
