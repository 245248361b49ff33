/**
 * The order of an interaction's answers: the bot holds the request's answering lock until Discord
 * has taken its acknowledgement ("Simulating…"), so the result, however fast, edits the original
 * after it and is what the original finally shows. (The dispatcher's side, waiting for the lock,
 * is test/server/dispatcher-answer-order.test.ts.)
 */
import { Redis } from "ioredis";
import { afterAll, describe, expect, inject, it } from "vitest";
import { interactionRequestId } from "../../src/adapters/discord/interactions.js";
import { answeringLocks } from "../../src/jobs/request-lock.js";
import { TYPICAL_PASTE } from "../jobs/support/loopback.js";
import { APP_ID, GUILD_ID, messageCommand, messageObject } from "../support/discord-fake/payloads.js";
import type { RestCall } from "../support/discord-fake/server.js";
import { bodyText as text, useDiscordStack } from "../support/discord-fake/stack.js";

const originalOf = (i: { token: string }) => (c: RestCall) =>
  c.method === "PATCH" && c.path === `/webhooks/${APP_ID}/${i.token}/messages/@original`;

describe("discord: an interaction's answers keep their order", () => {
  const prefix = "t-dorder";
  const stack = useDiscordStack(prefix);
  const redis = new Redis(inject("redisUrl"));
  afterAll(() => redis.quit());

  it("holds the answering lock until the acknowledgement is taken; the result then replaces it", async () => {
    const i = messageCommand(
      "What will this YAML do?",
      messageObject({ id: "610000000000000071", content: `\`\`\`yaml\n${TYPICAL_PASTE}\`\`\`` }),
    );
    const HELD_MS = 1000;
    stack.fake.delayNext(originalOf(i), HELD_MS);
    stack.fake.dispatch("INTERACTION_CREATE", i);
    const ack = (await stack.fake.waitFor(originalOf(i)))[0]!;
    expect(text(ack)).toContain("Simulating");

    // Any other process sending to this interaction now gets in only after Discord answered the edit.
    const lock = answeringLocks(redis, `${prefix}-${process.pid}`);
    const gotIn = await lock.exclusive(interactionRequestId(GUILD_ID, i.id), async () => Date.now());
    expect(gotIn - ack.at).toBeGreaterThanOrEqual(HELD_MS);

    const [, result] = await stack.fake.waitFor(originalOf(i), 2, 30_000);
    expect(result!.at - ack.at).toBeGreaterThanOrEqual(HELD_MS);
    expect(result!.body.embeds[0].title).toBe("What the cluster would do");
  }, 40_000);
});
