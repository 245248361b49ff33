/**
 * A learner's whole Level 1 in DMs with the bot, over the real discord.js client and the
 * loopback stand-in: every message is answered in the DM channel as a reply to it, drill
 * questions come with answer buttons, and the level ends with its unlock word.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { defaultContent } from "../../src/tutor/content.js";
import { testEnv } from "../jobs/support/loopback.js";
import { type DiscordBot, startDiscordBot } from "../support/discord-fake/harness.js";
import { DM_CHANNEL_ID, messageCreate } from "../support/discord-fake/payloads.js";
import { DiscordFake, type RestCall } from "../support/discord-fake/server.js";

const content = defaultContent();
const level1 = content.levels[0]!;

describe("discord: Level 1 in DMs", () => {
  const config = loadConfig(testEnv(inject("redisUrl"), `t-ddm-${process.pid}`));
  let fake: DiscordFake;
  let bot: DiscordBot;

  beforeAll(async () => {
    fake = await DiscordFake.start();
    bot = await startDiscordBot(fake, config);
  }, 30_000);
  afterAll(async () => {
    await bot?.serve.close();
    await fake?.close();
  }, 30_000);

  /** Sends one DM and returns the bot's replies to it (as REST calls). */
  const say = async (text: string): Promise<RestCall[]> => {
    const m = messageCreate(text, { dm: true, userId: "400000000000000077" });
    fake.dispatch("MESSAGE_CREATE", m);
    await fake.waitFor((c) => c.body?.message_reference?.message_id === m.id);
    await new Promise((r) => setTimeout(r, 50));
    return fake.find((c) => c.body?.message_reference?.message_id === m.id);
  };
  const shown = (calls: RestCall[]) => calls.map((c) => JSON.stringify(c.body)).join("\n");

  it("goes from the welcome through lessons, drills and the checkpoint to the unlock word", async () => {
    const welcome = await say("start");
    expect(welcome[0]!.path).toBe(`/channels/${DM_CHANNEL_ID}/messages`);
    expect(shown(welcome)).toContain("Lesson 1/");
    for (let i = 1; i < level1.lessons.length; i++) await say("next");
    const firstDrill = await say("next");
    const buttons = firstDrill.flatMap((c) => c.body.components.flatMap((r: any) => r.components));
    expect(buttons.map((b: any) => b.custom_id)).toEqual(expect.arrayContaining(["drill:answer:A", "drill:answer:B"]));
    for (const [n, d] of level1.drills.entries()) {
      expect(shown(await say(d.answer.toLowerCase()))).toContain("Right: ");
      if (n < level1.drills.length - 1 || level1.checkpoint.drills.length > 0) await say("next");
    }
    let last: RestCall[] = [];
    for (const d of level1.checkpoint.drills) last = await say(d.answer);
    expect(shown(last)).toContain(`Say ${level1.unlockWord} to continue.`);
    const unlocked = await say(level1.unlockWord.toLowerCase());
    expect(shown(unlocked)).toContain("Level 2");
    for (const c of fake.calls.filter((x) => x.method === "POST" && x.path.startsWith("/channels/")))
      expect(c.body.allowed_mentions).toEqual({ parse: [] });
  }, 120_000);
});
