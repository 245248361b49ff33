/**
 * Slack in Socket Mode, end to end: the real Bolt app connects to a loopback Socket Mode server
 * (after `apps.connections.open` on the loopback Web API), receives envelopes, and acknowledges
 * each within Slack's 3 seconds, whatever the simulation behind it is doing.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SIMULATING_TEXT } from "../../src/bot/bot.js";
import { TYPICAL_PASTE } from "../jobs/support/loopback.js";
import { blockTexts, type SlackHarness, startSlack } from "../support/slack-fake/harness.js";
import { commandFields, eventEnvelope } from "../support/slack-fake/signed.js";

describe("Slack over Socket Mode", () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlack(inject("redisUrl"), `t-slack-socket-${process.pid}`, { mode: "socket", worker: false });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  }, 30_000);

  it("connects with the app-level token", () => {
    const open = h.fake.callsOf("apps.connections.open");
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(open[0]?.token).toBe("xapp-test");
    expect(h.adapter.mode).toBe("socket");
  });

  it("answers a DM, and its redelivery (retry_attempt 1) not again", async () => {
    const event = {
      type: "message",
      channel: "D1",
      channel_type: "im",
      user: "U1",
      text: "help",
      ts: "1700000100.000100",
    };
    const first = await h.fake.envelope("events_api", eventEnvelope(event, "Ev-s1"));
    expect(first.payload ?? {}).toEqual({});
    expect(first.ms).toBeLessThan(3000);
    const again = await h.fake.envelope("events_api", eventEnvelope(event, "Ev-s1"), 1);
    expect(again.ms).toBeLessThan(3000);
    const inDm = (c: { method: string; args: Record<string, unknown> }) =>
      c.method === "chat.postMessage" && c.args.channel === "D1";
    await h.fake.waitFor((c) => inDm(c) && blockTexts(c.args).includes("Commands"));
    await new Promise((r) => setTimeout(r, 600));
    // A new learner's first DM: the welcome, then the answer to what they asked; each once.
    const heads = h.fake.calls.filter(inDm).map((c) => blockTexts(c.args)[0]);
    expect(heads).toEqual(["Welcome to podsensei", "Commands"]);
  });

  it("acknowledges /kube simulate at once while the simulation waits, and delivers the result later in the thread", async () => {
    const fields = commandFields(`simulate \`\`\`${TYPICAL_PASTE}\`\`\``, { channel_id: "C7" });
    const ack = await h.fake.envelope("slash_commands", fields);
    expect(ack.ms).toBeLessThan(3000);
    const [anchor] = await h.fake.waitFor(
      (c) =>
        c.method === "chat.postMessage" &&
        c.args.channel === "C7" &&
        c.args.text === "<@U1> asked what this YAML will do:",
    );
    const thread = String(anchor?.response?.ts);
    await h.fake.waitFor(
      (c) =>
        c.method === "chat.postMessage" && c.args.thread_ts === thread && blockTexts(c.args).includes(SIMULATING_TEXT),
    );
    // No worker yet: the job waits, and the acknowledgement did not wait for it.
    await new Promise((r) => setTimeout(r, 500));
    expect(await h.serve.queues.simulate.getJobCounts("waiting")).toEqual({ waiting: 1 });
    await h.startWorker();
    const [result] = await h.fake.waitFor(
      (c) =>
        c.method === "chat.postMessage" &&
        c.args.thread_ts === thread &&
        blockTexts(c.args).includes("What the cluster would do"),
    );
    expect(result?.args.channel).toBe("C7");
  }, 40_000);

  it("answers /kube tutor commands in a channel privately", async () => {
    const ack = await h.fake.envelope("slash_commands", commandFields("progress", { channel_id: "C8", user_id: "U8" }));
    expect(ack.ms).toBeLessThan(3000);
    const [eph] = await h.fake.waitFor((c) => c.method === "chat.postEphemeral" && c.args.channel === "C8");
    expect(eph?.args.user).toBe("U8");
    expect(blockTexts(eph!.args).join("\n")).toContain("Your progress");
  });
});
