import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.js";
import { defaultContent, findDrill } from "../../src/tutor/content.js";
import { LETTERS } from "../../src/tutor/content-schema.js";
import { answerButtons, type Harness, message, openHarness, text } from "./harness.js";

const content = defaultContent();
const payload = (platform: "slack" | "discord" = "slack", channel = "C1", workspace = "T1") => ({
  v: 1 as const,
  address: { platform, workspace, channel },
  timeZone: "Europe/Berlin",
});

/** The letter of the drill's right answer and a wrong one, read from the post's heading. */
function lettersOf(post: Reply | undefined, drillId: string): { right: string; wrong: string } {
  const ref = findDrill(content, drillId);
  const right = ref?.drill.answer ?? "A";
  const buttons = answerButtons(post);
  const wrong = LETTERS.find((l) => l !== right && buttons.has(l)) ?? "A";
  return { right, wrong };
}

async function openDrillId(h: Harness, platform = "slack", channel = "C1", workspace = "T1"): Promise<string> {
  const keys = await h.redis.keys(`*cdrill:${platform}.${workspace}.${channel}:open`);
  const id = keys[0] ? await h.redis.get(keys[0]) : null;
  const postKey = keys[0]?.replace(/:open$/, `:post:${id}`) ?? "";
  return (JSON.parse((await h.redis.get(postKey)) ?? "{}") as { drillId: string }).drillId;
}

describe("channel drills: permissions", () => {
  let h: Harness;
  beforeEach(() => {
    h = openHarness();
  });
  afterEach(() => h.close());

  it.each([
    { platform: "slack" as const, who: "a member (not a workspace admin or channel manager)" },
    { platform: "discord" as const, who: "a member without Manage Channels" },
  ])("$platform: $who is refused politely and nothing is scheduled", async ({ platform }) => {
    for (const t of ["drills on 09:00 Europe/Berlin", "drills off", "reveal"]) {
      const replies = await h.drills.handle(message({ platform, text: t }));
      expect(replies).toHaveLength(1);
      expect(replies?.[0]?.private).toBe(true);
      expect(text(replies)).toMatch(/^Sorry, only this channel's admins can turn daily drills on or off/);
      expect(text(replies)).toContain(platform === "slack" ? "workspace admins" : "Manage Channels");
    }
    expect(await h.drillQueue.getJobSchedulers()).toHaveLength(0);
    expect(text(await h.drills.handle(message({ platform, text: "drills status" })))).toContain("Drills are off here");
  });

  it.each(["slack", "discord"] as const)("%s: a channel admin turns drills on and off", async (platform) => {
    const on = await h.drills.handle(
      message({ platform, text: "drills on 09:00 Europe/Berlin level 2 weekdays", channelAdmin: true }),
    );
    expect(on?.[0]?.private).toBeUndefined();
    expect(text(on)).toContain("09:00 Europe/Berlin, Monday to Friday, level 2, answer revealed 8 h later");
    expect(text(on)).toContain("First drill: Mon 2026-10-19 09:00 (Europe/Berlin)");
    expect(await h.drillQueue.getJobSchedulers()).toMatchObject([{ pattern: "0 9 * * 1-5", tz: "Europe/Berlin" }]);
    const status = await h.drills.handle(message({ platform, text: "drills status" }));
    expect(text(status)).toContain("Next drill: Mon 2026-10-19 09:00");
    const off = await h.drills.handle(message({ platform, text: "drills off", channelAdmin: true }));
    expect(text(off)).toContain("Daily drills are off here");
    expect(await h.drillQueue.getJobSchedulers()).toHaveLength(0);
  });

  it("anyone may read the status, the leaderboard and the team summary", async () => {
    for (const t of ["drills status", "leaderboard", "leaderboard all", "team"]) {
      const replies = await h.drills.handle(message({ text: t }));
      expect(replies?.length).toBe(1);
      expect(text(replies)).not.toContain("only this channel's admins");
    }
  });

  it("leaves other messages to the bot", async () => {
    expect(await h.drills.handle(message({ text: "drill" }))).toBeNull();
    expect(await h.drills.handle(message({ text: "next", action: "drill:answer:B" }))).toBeNull();
  });
});

describe("channel drills: answers and reveals", () => {
  let h: Harness;
  beforeEach(async () => {
    h = openHarness();
    await h.drills.handle(message({ text: "drills on 09:00 Europe/Berlin level 1", channelAdmin: true }));
    h.clock.now = new Date("2026-10-19T07:00:00Z");
  });
  afterEach(() => h.close());

  it("posts at the scheduled time once, however often the job fires", async () => {
    const post = await h.drills.source(payload());
    expect(text(post ? [post] : [])).toMatch(/^== Daily drill #1: level 1, /);
    expect(answerButtons(post).size).toBeGreaterThanOrEqual(3);
    expect(await h.drills.source(payload())).toBeUndefined();
    const reveals = (await h.drillQueue.getDelayed()).filter((j) => j.id?.startsWith("drill-reveal."));
    expect(reveals.map((j) => j.opts.delay)).toEqual([8 * 3_600_000]);
  });

  it("an answer clicked twice counts once; a changed answer replaces it", async () => {
    const post = await h.drills.source(payload());
    const drillId = await openDrillId(h);
    const { right, wrong } = lettersOf(post, drillId);
    const buttons = answerButtons(post);
    const click = (user: string, letter: string) =>
      h.drills.handle(message({ user, action: buttons.get(letter) ?? "", text: "" }));
    expect(text(await click("U1", right))).toContain(`Got it: ${right}.`);
    const second = await click("U1", right);
    expect(second?.[0]?.private).toBe(true);
    expect(text(second)).toContain(`You already chose ${right}; it counts once. 1 person has answered.`);
    expect(text(await click("U2", right))).toContain("2 people have answered");
    expect(text(await click("U2", wrong))).toContain(`Changed from ${right} to ${wrong}`);
    expect(text(await h.drills.handle(message({ text: "drills status" })))).toContain("2 answers so far");
    h.clock.now = new Date("2026-10-19T15:00:00Z");
    const reveal = await h.drills.source(payload());
    const t = text(reveal ? [reveal] : []);
    expect(t).toContain(`Drill #1: the answer is ${right})`);
    expect(t).toContain("1 of 2 got it right (50 %). First right: U1 (+15).");
    expect(t).toContain(`simulated ${drillId}`);
    expect(text(await click("U3", right))).toContain("was already revealed, so answers are closed");
    const board = text(await h.drills.handle(message({ text: "leaderboard" })));
    expect(board).toContain("Leaderboard, this week (2026-W43)");
    expect(board).toMatch(/1\s+U1\s+15\s+1/);
    expect(board).toMatch(/2\s+U2\s+0\s+1/);
  });

  it("a reveal with no answers reads well", async () => {
    await h.drills.source(payload());
    const reveal = await h.drills.handle(message({ text: "reveal", channelAdmin: true }));
    const t = text(reveal);
    expect(t).toContain("Nobody answered this one, so no points changed hands.");
    expect(t).not.toMatch(/0 of 0|NaN|undefined/);
    expect(t).toContain("Next drill: Tue 2026-10-20 09:00 (Europe/Berlin)");
    expect(text(await h.drills.handle(message({ text: "reveal", channelAdmin: true })))).toContain(
      "Drill #1 is already revealed",
    );
    expect(text(await h.drills.handle(message({ text: "team" })))).toContain("Level 1");
  });

  it("reveals yesterday's drill on its own before posting today's when it is still open", async () => {
    await h.drills.handle(message({ text: "drills on 09:00 Europe/Berlin level 1 reveal 10:00", channelAdmin: true }));
    await h.drills.source(payload());
    h.clock.now = new Date("2026-10-20T07:00:00Z");
    const post = await h.drills.source(payload());
    expect(text(post ? [post] : [])).toContain("Daily drill #2");
    const delivered = await h.deliverQueue.getJobs(["waiting"]);
    expect(delivered).toHaveLength(1);
    expect(JSON.stringify(delivered[0]?.data.reply)).toContain("Drill #1: the answer is");
    expect(delivered[0]?.data.address).toEqual({ platform: "slack", workspace: "T1", channel: "C1" });
  });

  it("in a DM the learner's answer is revealed at once", async () => {
    const dm = { platform: "discord" as const, workspace: "", channel: "DM9", user: "L1", direct: true };
    const on = await h.drills.handle(message({ ...dm, text: "drills on 10:00 Europe/Berlin level 3" }));
    expect(text(on)).toContain("Daily drills are on");
    h.clock.now = new Date("2026-10-19T08:00:00Z");
    const post = await h.drills.source(payload("discord", "DM9", ""));
    const drillId = await openDrillId(h, "discord", "DM9", "");
    const { right } = lettersOf(post, drillId);
    const r = await h.drills.handle(message({ ...dm, action: answerButtons(post).get(right) ?? "" }));
    expect(text(r)).toContain(`the answer is ${right})`);
    expect(text(r)).toContain("1 of 1 got it right (100 %)");
  });
});

describe("channel drills: a failing drill job", () => {
  it("gets one apology, not silence and not one per retry", async () => {
    const empty = {
      ...content,
      levels: content.levels.map((l) => ({ ...l, drills: [], checkpoint: { ...l.checkpoint, drills: [] } })),
    };
    const h = openHarness({ content: empty });
    try {
      await h.drills.handle(message({ text: "drills on 09:00 UTC", channelAdmin: true }));
      h.clock.now = new Date("2026-10-19T09:00:00Z");
      const first = await h.drills.source(payload());
      expect(text(first ? [first] : [])).toContain("Sorry, today's drill could not be prepared");
      expect(await h.drills.source(payload())).toBeUndefined();
      h.clock.now = new Date("2026-10-20T09:00:00Z");
      expect(await h.drills.source(payload())).toBeUndefined();
      expect(await h.drills.failed(payload())).toBeUndefined();
    } finally {
      await h.close();
    }
  });

  it("the worker's last-attempt hook apologises once when the handler itself never answered", async () => {
    const h = openHarness();
    try {
      const sorry = await h.drills.failed(payload("discord", "C7", "G1"));
      expect(text(sorry ? [sorry] : [])).toContain("Sorry, today's drill could not be prepared");
      expect(await h.drills.failed(payload("discord", "C7", "G1"))).toBeUndefined();
    } finally {
      await h.close();
    }
  });
});
