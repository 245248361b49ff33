/**
 * "then apply" end to end: after a paste in a guild channel, a learner mentions the bot with more
 * YAML after "then apply at 2m:" and gets the re-simulation with that YAML applied at 2m
 * (`kubectl apply -f` of a file the job carries). Real discord.js client, loopback stand-in, real
 * bot core, queues and worker on the test Redis.
 */
import { describe, expect, it } from "vitest";
import { TYPICAL_PASTE } from "../jobs/support/loopback.js";
import { APP_ID, CHANNEL_ID, messageCreate } from "../support/discord-fake/payloads.js";
import type { RestCall } from "../support/discord-fake/server.js";
import { bodyText as text, useDiscordStack } from "../support/discord-fake/stack.js";

const result = (c: RestCall) =>
  c.method === "POST" && c.path === `/channels/${CHANNEL_ID}/messages` && text(c).includes("What the cluster would do");

describe("discord: 'then apply' follow-up", () => {
  const stack = useDiscordStack("t-dapply");

  it("applies the second paste at its time in the re-simulation", async () => {
    stack.fake.dispatch("MESSAGE_CREATE", messageCreate(`\`\`\`yaml\n${TYPICAL_PASTE}\`\`\``));
    await stack.fake.waitFor(result, 1, 30_000);
    const extra = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: late-config}\ndata: {a: b}";
    stack.fake.dispatch(
      "MESSAGE_CREATE",
      messageCreate(`<@${APP_ID}> then apply at 2m:\n\`\`\`yaml\n${extra}\n\`\`\``, { mentions: true }),
    );
    const [, applied] = await stack.fake.waitFor(result, 2, 30_000);
    expect(text(applied)).toContain("configmap/late-config created");
    expect(text(applied)).not.toContain("does not exist");
  }, 90_000);
});
