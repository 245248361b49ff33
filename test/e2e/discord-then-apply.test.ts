/**
 * "then apply" end to end: after a paste in a guild channel, a learner mentions the bot with more
 * YAML after "then apply at 2m:" and gets the re-simulation with that YAML applied at 2m
 * (`kubectl apply -f` of a file the job carries). Real discord.js client, loopback stand-in, real
 * bot core, queues and worker on the test Redis.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { runWorker, type WorkerHandle } from "../../worker/index.js";
import { TYPICAL_PASTE, testEnv } from "../jobs/support/loopback.js";
import { type DiscordBot, startDiscordBot } from "../support/discord-fake/harness.js";
import { APP_ID, CHANNEL_ID, messageCreate } from "../support/discord-fake/payloads.js";
import { DiscordFake, type RestCall } from "../support/discord-fake/server.js";

const text = (c: RestCall | undefined) => JSON.stringify(c?.body ?? null);
const result = (c: RestCall) =>
  c.method === "POST" && c.path === `/channels/${CHANNEL_ID}/messages` && text(c).includes("What the cluster would do");

describe("discord: 'then apply' follow-up", () => {
  const config = loadConfig(testEnv(inject("redisUrl"), `t-dapply-${process.pid}`));
  let fake: DiscordFake;
  let bot: DiscordBot;
  let worker: WorkerHandle;

  beforeAll(async () => {
    fake = await DiscordFake.start();
    bot = await startDiscordBot(fake, config, { messageContent: true });
    worker = await runWorker(config);
  }, 60_000);
  afterAll(async () => {
    await bot?.serve.close();
    await worker?.close();
    await fake?.close();
  }, 30_000);

  it("applies the second paste at its time in the re-simulation", async () => {
    fake.dispatch("MESSAGE_CREATE", messageCreate(`\`\`\`yaml\n${TYPICAL_PASTE}\`\`\``));
    await fake.waitFor(result, 1, 30_000);
    const extra = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: late-config}\ndata: {a: b}";
    fake.dispatch(
      "MESSAGE_CREATE",
      messageCreate(`<@${APP_ID}> then apply at 2m:\n\`\`\`yaml\n${extra}\n\`\`\``, { mentions: true }),
    );
    const [, applied] = await fake.waitFor(result, 2, 30_000);
    expect(text(applied)).toContain("configmap/late-config created");
    expect(text(applied)).not.toContain("does not exist");
  }, 90_000);
});
