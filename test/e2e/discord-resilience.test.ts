/**
 * Discord resilience end to end: a bot restart between the defer and the delivery (the new
 * process completes the interaction through the token kept in Redis), gateway reconnects (op 7
 * RECONNECT and a dropped socket: the client resumes and keeps answering), and sharding options
 * reaching the gateway's IDENTIFY.
 */
import { afterEach, describe, expect, inject, it } from "vitest";
import { MODAL_ID, MODAL_INPUT } from "../../src/adapters/discord/handlers.js";
import { loadConfig } from "../../src/config.js";
import { runWorker, type WorkerHandle } from "../../worker/index.js";
import { TYPICAL_PASTE, testEnv } from "../jobs/support/loopback.js";
import { type DiscordBot, startDiscordBot } from "../support/discord-fake/harness.js";
import { APP_ID, modalSubmit, slash } from "../support/discord-fake/payloads.js";
import { DiscordFake, type RestCall } from "../support/discord-fake/server.js";

const originalOf = (i: { token: string }) => (c: RestCall) =>
  c.method === "PATCH" && c.path === `/webhooks/${APP_ID}/${i.token}/messages/@original`;

describe("discord: restarts and reconnects", () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const c of open.reverse()) await c.close();
    open.length = 0;
  }, 30_000);

  it("completes a deferred interaction from a new bot process after a restart, through its token", async () => {
    const config = loadConfig(testEnv(inject("redisUrl"), `t-drestart-${process.pid}`));
    const fake = await DiscordFake.start();
    open.push(fake);
    const first: DiscordBot = await startDiscordBot(fake, config);
    const i = modalSubmit(MODAL_ID, MODAL_INPUT, TYPICAL_PASTE);
    fake.dispatch("INTERACTION_CREATE", i);
    const [ack] = await fake.waitFor(originalOf(i));
    expect(JSON.stringify(ack!.body)).toContain("Simulating your manifests");
    await first.serve.close();
    expect(fake.liveSessions).toBe(0);

    const second = await startDiscordBot(fake, config);
    open.push({ close: () => second.serve.close() });
    const worker: WorkerHandle = await runWorker(config);
    open.push(worker);
    const [, result] = await fake.waitFor(originalOf(i), 2, 30_000);
    expect(result!.body.embeds[0].title).toBe("What the cluster would do");
    expect(result!.auth).toBeUndefined();
    expect(fake.identifies).toHaveLength(2);
  }, 60_000);

  it("resumes after op 7 RECONNECT and after a dropped socket, and keeps answering", async () => {
    const config = loadConfig(testEnv(inject("redisUrl"), `t-dreconnect-${process.pid}`));
    const fake = await DiscordFake.start(500);
    open.push(fake);
    const bot = await startDiscordBot(fake, config);
    open.push({ close: () => bot.serve.close() });
    await fake.until(() => fake.heartbeats >= 1, "a heartbeat");

    fake.requestReconnect();
    await fake.until(() => fake.resumes.length === 1 && fake.liveSessions === 1, "a RESUME after op 7");
    expect(fake.resumes[0]).toMatchObject({ token: "fake.bot.token", session_id: "session-1" });
    const afterReconnect = slash("help");
    fake.dispatch("INTERACTION_CREATE", afterReconnect);
    await fake.waitFor(originalOf(afterReconnect));

    fake.dropConnections(4000);
    await fake.until(() => fake.resumes.length === 2 && fake.liveSessions === 1, "a RESUME after a dropped socket");
    const afterDrop = slash("help");
    fake.dispatch("INTERACTION_CREATE", afterDrop);
    const [edit] = await fake.waitFor(originalOf(afterDrop));
    expect(edit!.body.embeds[0].title).toBe("Commands");
    expect(fake.identifies).toHaveLength(1);
  }, 60_000);

  it("passes shard settings and the MessageContent intent from configuration to the gateway", async () => {
    const config = loadConfig(testEnv(inject("redisUrl"), `t-dshard-${process.pid}`));
    const fake = await DiscordFake.start();
    open.push(fake);
    const bot = await startDiscordBot(fake, config, { shards: [1], shardCount: 2, messageContent: true });
    open.push({ close: () => bot.serve.close() });
    expect(fake.identifies[0].shard).toEqual([1, 2]);
    // Guilds | GuildMessages | DirectMessages | MessageContent (discord-api-types GatewayIntentBits).
    expect(fake.identifies[0].intents).toBe(1 | (1 << 9) | (1 << 12) | (1 << 15));
    expect(bot.adapter.client.options.shardCount).toBe(2);
  }, 30_000);
});
