/**
 * Channel drills wired through Slack end to end: signed `/kube` commands and button clicks to the
 * real Bolt receiver, the bot process with channel drills on its queues, the worker posting the
 * drill on an injected clock, and the loopback Web API recording what Slack was asked to show.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { drillSchedulerId } from "../../src/jobs/drill-schedule.js";
import { testEnv } from "../jobs/support/loopback.js";
import { type DrillWorker, justAfterFirstPost, rightAndWrong, startDrillWorker } from "../support/drill-worker.js";
import { blockTexts, buttonIds, type SlackHarness, startSlack } from "../support/slack-fake/harness.js";
import { commandFields, postCommand, postInteractive, SIGNING_SECRET } from "../support/slack-fake/signed.js";
import type { ApiCall } from "../support/slack-fake/slack-fake.js";

const CHANNEL = "C-DRILLS";
const ADMIN = "U-ADMIN";
const MEMBER = "U-MEMBER";
const OTHER = "U-OTHER";

const text = (c: ApiCall | undefined) => (c ? blockTexts(c.args).join("\n") : "");
const inChannel = (method: string, pred: (t: string) => boolean, user?: string) => (c: ApiCall) =>
  c.method === method && c.args.channel === CHANNEL && (user === undefined || c.args.user === user) && pred(text(c));

function click(user: string, actionId: string, messageTs: string, n: number) {
  return {
    type: "block_actions",
    team: { id: "T1", domain: "test" },
    user: { id: user, username: user.toLowerCase(), team_id: "T1" },
    api_app_id: "A1",
    trigger_id: `trig-drill-${n}`,
    container: { type: "message", message_ts: messageTs, channel_id: CHANNEL, is_ephemeral: false },
    channel: { id: CHANNEL, name: "kubernetes" },
    message: { ts: messageTs },
    response_url: "http://127.0.0.1:9/respond",
    actions: [{ type: "button", action_id: actionId, block_id: "b", value: actionId, action_ts: `1800000100.${n}` }],
  };
}

describe("serve: channel drills on Slack", () => {
  const redisUrl = inject("redisUrl");
  const prefix = `t-serve-sdrill-${process.pid}`;
  let h: SlackHarness;
  let worker: DrillWorker;
  const command = (user: string, words: string) =>
    postCommand(h.eventsUrl, commandFields(words, { channel_id: CHANNEL, user_id: user }));

  beforeAll(async () => {
    h = await startSlack(redisUrl, prefix, { mode: "http", worker: false });
    h.fake.users.set(ADMIN, { is_admin: true, profile: { display_name: "Ada" } });
    h.fake.users.set(MEMBER, { profile: { display_name: "Mo" }, tz: "Europe/Berlin" });
    h.fake.users.set(OTHER, { real_name: "Olu Other" });
    const config = loadConfig(
      testEnv(redisUrl, prefix, { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: SIGNING_SECRET }),
    );
    worker = await startDrillWorker(config);
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await h?.close();
  }, 30_000);

  it("refuses a member who is not an admin, privately, and schedules nothing", async () => {
    const res = await command(MEMBER, "drills on 09:00 Europe/Berlin level 1");
    expect(res.status).toBe(200);
    const [refusal] = await h.fake.waitFor(
      inChannel("chat.postEphemeral", (t) => t.includes("only this channel's admins"), MEMBER),
    );
    expect(refusal?.args.thread_ts).toBeUndefined();
    expect(h.fake.calls.some((c) => c.method === "users.info" && c.args.user === MEMBER)).toBe(true);
    expect(await h.serve.queues.drill.getJobSchedulers()).toEqual([]);
  });

  it("lets an admin turn drills on: the channel is told, and the daily schedule is registered", async () => {
    await command(ADMIN, "drills on 09:00 Europe/Berlin level 1");
    const [on] = await h.fake.waitFor(inChannel("chat.postMessage", (t) => t.includes("Daily drills are on")));
    expect(text(on)).toContain("level 1");
    const schedulers = await h.serve.queues.drill.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toEqual([
      drillSchedulerId({ platform: "slack", workspace: "T1", channel: CHANNEL }),
    ]);
    expect(schedulers[0]).toMatchObject({ pattern: "0 9 * * *", tz: "Europe/Berlin" });
  });

  it("posts the drill from the worker, takes two answers through its buttons, and reveals it with the count", async () => {
    worker.clock.now = justAfterFirstPost("09:00", "Europe/Berlin");
    await worker.fire({ platform: "slack", workspace: "T1", channel: CHANNEL }, "Europe/Berlin");
    const [post] = await h.fake.waitFor(inChannel("chat.postMessage", (t) => t.includes("Daily drill #1")));
    const ids = buttonIds(post!.args);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(ids.every((id) => /^cdrill:[A-Za-z0-9-]+:[A-D]$/.test(id))).toBe(true);
    const postTs = String(post!.response?.ts);

    const { right, wrong } = rightAndWrong(text(post), ids);
    expect((await postInteractive(h.eventsUrl, click(MEMBER, right, postTs, 1))).status).toBe(200);
    expect((await postInteractive(h.eventsUrl, click(OTHER, wrong, postTs, 2))).status).toBe(200);
    for (const user of [MEMBER, OTHER]) {
      const [ack] = await h.fake.waitFor(inChannel("chat.postEphemeral", (t) => t.startsWith("Got it"), user));
      expect(ack?.args.thread_ts).toBeUndefined();
    }

    await command(ADMIN, "reveal");
    const [reveal] = await h.fake.waitFor(inChannel("chat.postMessage", (t) => t.includes("Drill #1: the answer is")));
    expect(text(reveal)).toContain("1 of 2 got it right (50 %). First right: Mo (+");
    expect(reveal?.args.thread_ts).toBeUndefined();
  }, 60_000);

  it("shows the leaderboard by display name, privately", async () => {
    await command(OTHER, "leaderboard all");
    const [board] = await h.fake.waitFor(inChannel("chat.postEphemeral", (t) => t.includes("Mo"), OTHER));
    expect(text(board)).not.toContain(MEMBER);
  });
});
