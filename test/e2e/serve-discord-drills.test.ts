/**
 * Channel drills wired through Discord end to end: `/kube drills|reveal|leaderboard` and answer
 * buttons dispatched on the loopback gateway to the real discord.js client, the bot process with
 * channel drills on its queues, the worker posting the drill on an injected clock, and the REST
 * stand-in recording what Discord was asked to show.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { drillSchedulerId } from "../../src/jobs/drill-schedule.js";
import { testEnv } from "../jobs/support/loopback.js";
import { type DiscordBot, startDiscordBot } from "../support/discord-fake/harness.js";
import { APP_ID, button, CHANNEL_ID, GUILD_ID, slash } from "../support/discord-fake/payloads.js";
import { DiscordFake, type RestCall } from "../support/discord-fake/server.js";
import { type DrillWorker, justAfterFirstPost, rightAndWrong, startDrillWorker } from "../support/drill-worker.js";

/** The guild's default member permissions, plus Manage Channels (1 << 4) for admins. */
const MEMBER_PERMISSIONS = 1071698660929n;
const MANAGE_CHANNELS = 1n << 4n;
const ADMIN = "400000000000000010";
const MEMBER = "400000000000000011";
const OTHER = "400000000000000012";

const text = (c: RestCall | undefined) => JSON.stringify(c?.body ?? null);
const webhookOf = (i: { token: string }) => (c: RestCall) =>
  (c.method === "PATCH" || c.method === "POST") && c.path.startsWith(`/webhooks/${APP_ID}/${i.token}`);

/** `/kube <sub>` from `user`, with Manage Channels when `admin`, shown under `nick`. */
function kube(sub: string, options: { name: string; value: string }[], user: string, admin: boolean, nick: string) {
  const i = slash(
    sub,
    options.map((o) => ({ ...o, type: 3 })),
    { userId: user },
  ) as ReturnType<typeof slash> & { member: { permissions: string; nick?: string } };
  i.member.permissions = String(admin ? MEMBER_PERMISSIONS | MANAGE_CHANNELS : MEMBER_PERMISSIONS);
  i.member.nick = nick;
  return i;
}

describe("serve: channel drills on Discord", () => {
  const config = loadConfig(testEnv(inject("redisUrl"), `t-serve-ddrill-${process.pid}`));
  let fake: DiscordFake;
  let bot: DiscordBot;
  let worker: DrillWorker;

  beforeAll(async () => {
    fake = await DiscordFake.start();
    bot = await startDiscordBot(fake, config);
    worker = await startDrillWorker(config);
  }, 60_000);
  afterAll(async () => {
    await bot?.serve.close();
    await worker?.close();
    await fake?.close();
  }, 30_000);

  const on = [
    { name: "schedule", value: "09:00 Europe/Berlin level 1" },
    { name: "action", value: "on" },
  ];

  it("refuses a member without Manage Channels, in an ephemeral follow-up, and schedules nothing", async () => {
    const i = kube("drills", on, MEMBER, false, "Mo");
    fake.dispatch("INTERACTION_CREATE", i);
    const [refusal] = await fake.waitFor(
      (c) => webhookOf(i)(c) && c.method === "POST" && text(c).includes("only this channel's admins"),
    );
    expect(refusal!.body.flags & 64).toBe(64);
    expect(await bot.serve.queues.drill.getJobSchedulers()).toEqual([]);
  });

  it("lets a member with Manage Channels turn drills on (options read in their defined order)", async () => {
    const i = kube("drills", on, ADMIN, true, "Ada");
    fake.dispatch("INTERACTION_CREATE", i);
    const [answer] = await fake.waitFor((c) => webhookOf(i)(c) && text(c).includes("Daily drills are on"));
    expect(answer!.method).toBe("PATCH");
    expect(text(answer)).toContain("level 1");
    const schedulers = await bot.serve.queues.drill.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toEqual([
      drillSchedulerId({ platform: "discord", workspace: GUILD_ID, channel: CHANNEL_ID }),
    ]);
  });

  it("posts the drill from the worker, takes two answers through its buttons, and reveals it with the count", async () => {
    worker.clock.now = justAfterFirstPost("09:00", "Europe/Berlin");
    await worker.fire({ platform: "discord", workspace: GUILD_ID, channel: CHANNEL_ID }, "Europe/Berlin");
    const [post] = await fake.waitFor(
      (c) => c.method === "POST" && c.path === `/channels/${CHANNEL_ID}/messages` && text(c).includes("Daily drill #1"),
      1,
      30_000,
    );
    const ids: string[] = post!.body.components.flatMap((r: any) => r.components.map((b: any) => b.custom_id));
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(ids.every((id) => /^cdrill:[A-Za-z0-9-]+:[A-D]$/.test(id))).toBe(true);

    const { right, wrong } = rightAndWrong(
      (post!.body.embeds as any[]).map((e) => `${e.title ?? ""}\n${e.description ?? ""}`).join("\n"),
      ids,
    );
    const clicks = [
      { user: MEMBER, nick: "Mo", id: right },
      { user: OTHER, nick: "Olu", id: wrong },
    ].map(({ user, nick, id }) => {
      const b = button(id, { userId: user }) as ReturnType<typeof button> & { member: { nick?: string } };
      b.member.nick = nick;
      return b;
    });
    for (const b of clicks) {
      fake.dispatch("INTERACTION_CREATE", b);
      const [ack] = await fake.waitFor((c) => webhookOf(b)(c) && text(c).includes("Got it"));
      expect(ack!.method).toBe("PATCH");
    }
    const defers = fake.find(
      (c) => clicks.some((b) => c.path === `/interactions/${b.id}/${b.token}/callback`) && c.body.type === 5,
    );
    expect(defers.map((c) => c.body.data.flags & 64)).toEqual([64, 64]);

    const r = kube("reveal", [], ADMIN, true, "Ada");
    fake.dispatch("INTERACTION_CREATE", r);
    const [reveal] = await fake.waitFor(
      (c) => webhookOf(r)(c) && text(c).includes("Drill #1: the answer is"),
      1,
      30_000,
    );
    expect(text(reveal)).toContain("1 of 2 got it right (50 %). First right: Mo (+");
  }, 60_000);

  it("registers the drill subcommands with their options", async () => {
    const { commandDefinitions } = await import("../../src/adapters/discord/commands.js");
    const kubeCommand = commandDefinitions()[0] as { options: { name: string; options: { name: string }[] }[] };
    const subs = new Map(kubeCommand.options.map((o) => [o.name, o.options.map((x) => x.name)]));
    expect(subs.get("drills")).toEqual(["action", "schedule"]);
    expect(subs.get("leaderboard")).toEqual(["period"]);
    expect(subs.get("reveal")).toEqual([]);
    expect(subs.get("team")).toEqual([]);
  });
});
