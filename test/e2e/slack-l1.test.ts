/**
 * A learner's whole Level 1 in Slack DMs, over signed Events API requests: onboarding, a lesson's
 * simulation delivered by the real worker, every lesson, every drill and the checkpoint answered
 * from the content's keys, and the unlock word that opens Level 2.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { defaultContent } from "../../src/tutor/content.js";
import { blockTexts, type SlackHarness, startSlack } from "../support/slack-fake/harness.js";
import { postEvent } from "../support/slack-fake/signed.js";
import type { ApiCall } from "../support/slack-fake/slack-fake.js";

const CHANNEL = "D-L1";
const inDm = (c: ApiCall) => c.method === "chat.postMessage" && c.args.channel === CHANNEL;

describe("a learner's Level 1 in Slack DMs", () => {
  let h: SlackHarness;
  let n = 0;

  beforeAll(async () => {
    h = await startSlack(inject("redisUrl"), `t-slack-l1-${process.pid}`, { mode: "http" });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  }, 30_000);

  /** Sends one DM and returns the texts of the replies it got. */
  async function say(text: string): Promise<string> {
    const before = h.fake.calls.filter(inDm).length;
    const ts = `1700001${String(++n).padStart(3, "0")}.000100`;
    const res = await postEvent(
      h.eventsUrl,
      { type: "message", channel: CHANNEL, channel_type: "im", user: "U-L1", text, ts },
      `Ev-l1-${n}`,
    );
    expect(res.status).toBe(200);
    await h.fake.waitFor(inDm, before + 1);
    let count = -1;
    while (count !== h.fake.calls.filter(inDm).length) {
      count = h.fake.calls.filter(inDm).length;
      await new Promise((r) => setTimeout(r, 200));
    }
    return h.fake.calls
      .filter(inDm)
      .slice(before)
      .flatMap((c) => blockTexts(c.args))
      .join("\n");
  }

  it("goes from onboarding to the Level 1 unlock word", async () => {
    const level = defaultContent().levels.find((l) => l.level === 1)!;
    expect(await say("hi")).toContain("Welcome to podsensei");
    expect(await say("start")).toContain(`L1 · Lesson 1/${level.lessons.length}`);
    if (level.lessons[0]?.manifest) {
      await say("simulate");
      await h.fake.waitFor((c) => inDm(c) && blockTexts(c.args).includes("What the cluster would do"));
    }
    for (let i = 1; i < level.lessons.length; i++) expect(await say("next")).toContain(`Lesson ${i + 1}/`);
    await say("next");
    let right = 0;
    for (const d of level.drills) {
      const out = await say(d.answer.toLowerCase());
      if (out.includes("Right: ")) right++;
      await say("next");
    }
    let last = "";
    for (const d of level.checkpoint.drills) {
      last = await say(d.answer);
      if (last.includes("Right: ")) right++;
    }
    expect(right).toBe(level.drills.length + level.checkpoint.drills.length);
    expect(last).toContain(`Say ${level.unlockWord} to continue.`);
    const unlocked = await say(level.unlockWord.toLowerCase());
    expect(unlocked).toContain(`${level.unlockWord}! Level 2 is unlocked.`);
    expect(unlocked).toContain("L2 · Lesson 1/");
    expect(h.fake.calls.filter((c) => c.method === "chat.postEphemeral" && c.args.channel === CHANNEL)).toEqual([]);
  }, 120_000);
});
