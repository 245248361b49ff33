/**
 * The order of a paste's answers on Slack: the bot holds the request's answering lock until Slack
 * has taken its "Simulating…", so the result, however fast, is posted below it. (The
 * dispatcher's side, waiting for the lock, is test/server/dispatcher-answer-order.test.ts.)
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { postEventId } from "../../src/adapters/slack/parse.js";
import { SIMULATING_TEXT } from "../../src/bot/bot.js";
import { requestIdFor } from "../../src/jobs/queues.js";
import { answeringLocks } from "../../src/jobs/request-lock.js";
import { TYPICAL_PASTE } from "../jobs/support/loopback.js";
import { blockTexts, type SlackHarness, startSlack } from "../support/slack-fake/harness.js";
import { postEvent } from "../support/slack-fake/signed.js";
import type { ApiCall } from "../support/slack-fake/slack-fake.js";

describe("Slack: a paste's answers keep their order", () => {
  const prefix = `t-slack-order-${process.pid}`;
  const redis = new Redis(inject("redisUrl"));
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlack(inject("redisUrl"), prefix, { mode: "http" });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await redis.quit();
  }, 30_000);

  it("holds the answering lock until the acknowledgement is posted; the result comes after it", async () => {
    const ts = "1700000999.000100";
    const inThread = (c: ApiCall) =>
      c.method === "chat.postMessage" && c.args.channel === "C1" && c.args.thread_ts === ts;
    const isAck = (c: ApiCall) => inThread(c) && blockTexts(c.args).includes(SIMULATING_TEXT);
    const HELD_MS = 1000;
    h.fake.delayNext(isAck, HELD_MS);
    const text = `<@UBOT>\n\`\`\`${TYPICAL_PASTE}\`\`\``;
    await postEvent(h.eventsUrl, { type: "app_mention", channel: "C1", user: "U1", text, ts }, "Ev-order");
    const [ack] = await h.fake.waitFor(isAck);

    const lock = answeringLocks(redis, prefix);
    const gotIn = await lock.exclusive(requestIdFor("slack", "T1", postEventId("C1", ts)), async () => Date.now());
    expect(gotIn - ack!.at).toBeGreaterThanOrEqual(HELD_MS);

    const [result] = await h.fake.waitFor((c) => inThread(c) && !isAck(c), 1, 30_000);
    expect(result!.at - ack!.at).toBeGreaterThanOrEqual(HELD_MS);
    expect(result!.args.text).toContain("What the cluster would do");
  }, 40_000);
});
