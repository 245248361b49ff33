/**
 * Two weeks of daily channel drills in simulated time, across a daylight-saving change, through
 * both adapters' loopback stand-ins: the real Bolt app behind signed `/kube` commands and
 * `block_actions` clicks (Europe/Berlin, 25 October 2026), and the real discord.js client fed
 * INTERACTION_CREATE slash commands and component clicks (America/New_York, 1 November 2026,
 * weekdays). One injected clock drives the bot process and the worker's drill source; each day the
 * test fires the `drill` job at the instant BullMQ would (computed from the registered pattern and
 * time zone), answers through the buttons the post carried, and checks every post, acknowledgement,
 * answer count, reveal and leaderboard in the Web API / REST calls the stand-ins recorded.
 */
import { CronExpressionParser } from "cron-parser";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { allDrills, type DrillRef, defaultContent } from "../../src/tutor/content.js";
import { testEnv } from "../jobs/support/loopback.js";
import { type DiscordBot, startDiscordBot } from "../support/discord-fake/harness.js";
import { APP_ID, button, CHANNEL_ID, GUILD_ID, slash } from "../support/discord-fake/payloads.js";
import { DiscordFake, type RestCall } from "../support/discord-fake/server.js";
import { type DrillWorker, startDrillWorker } from "../support/drill-worker.js";
import { blockTexts, buttonIds, type SlackHarness, startSlack } from "../support/slack-fake/harness.js";
import { commandFields, postCommand, postInteractive, SIGNING_SECRET } from "../support/slack-fake/signed.js";
import type { ApiCall } from "../support/slack-fake/slack-fake.js";

const FROM = new Date("2026-10-18T12:00:00Z");
const TO = new Date("2026-11-02T23:00:00Z");
const MIN = 60_000;
const HOUR = 60 * MIN;
const drills = allDrills(defaultContent());

/** Fire instants of a scheduler, as BullMQ computes them from the registered pattern and tz. */
function fires(pattern: string, tz: string): Date[] {
  const it = CronExpressionParser.parse(pattern, { tz, currentDate: FROM });
  const out: Date[] = [];
  for (let d = it.next().toDate(); d <= TO; d = it.next().toDate()) out.push(d);
  return out;
}

/** The course drill whose question a post shows. */
function drillIn(text: string): DrillRef {
  const ref = drills.find((d) => text.includes(d.drill.question.trim()));
  if (!ref) throw new Error(`the post shows no question of the course: ${text.slice(0, 200)}`);
  return ref;
}

const letterOf = (id: string) => id.slice(id.lastIndexOf(":") + 1);

/** One clock for the bot process and the worker. */
function sharedClock(worker: () => DrillWorker | undefined) {
  const clock = { now: FROM };
  return {
    now: () => clock.now,
    set(d: Date) {
      clock.now = d;
      const w = worker();
      if (w) w.clock.now = d;
    },
  };
}

describe("two weeks of drills across DST through the Slack loopback (Europe/Berlin)", () => {
  const redisUrl = inject("redisUrl");
  const prefix = `t-2w-slack-${process.pid}`;
  const CH = "C-TEAM";
  const address = { platform: "slack" as const, workspace: "T1", channel: CH };
  let h: SlackHarness;
  let worker: DrillWorker;
  const clock = sharedClock(() => worker);
  let n = 0;

  const text = (c: ApiCall | undefined) => (c ? blockTexts(c.args).join("\n") || String(c.args.text ?? "") : "");
  /** Waits for the next Web API call after `mark` in the channel (to `user` if given) whose text matches. */
  const next = async (mark: number, method: string | string[], pred: (t: string) => boolean, user?: string) => {
    const methods = [method].flat();
    const [hit] = await h.fake.waitFor(
      (c) =>
        h.fake.calls.indexOf(c) >= mark &&
        methods.includes(c.method) &&
        c.args.channel === CH &&
        (user === undefined || c.args.user === user) &&
        pred(text(c)),
    );
    return hit!;
  };
  const command = async (user: string, words: string, pred: (t: string) => boolean) => {
    const mark = h.fake.calls.length;
    const res = await postCommand(h.eventsUrl, commandFields(words, { channel_id: CH, user_id: user }));
    expect(res.status).toBe(200);
    return next(mark, ["chat.postMessage", "chat.postEphemeral"], pred);
  };
  const click = async (user: string, actionId: string, messageTs: string) => {
    const mark = h.fake.calls.length;
    const k = ++n;
    const res = await postInteractive(h.eventsUrl, {
      type: "block_actions",
      team: { id: "T1", domain: "test" },
      user: { id: user, username: user.toLowerCase(), team_id: "T1" },
      api_app_id: "A1",
      trigger_id: `trig-2w-${k}`,
      container: { type: "message", message_ts: messageTs, channel_id: CH, is_ephemeral: false },
      channel: { id: CH, name: "team" },
      message: { ts: messageTs },
      response_url: "http://127.0.0.1:9/respond",
      actions: [{ type: "button", action_id: actionId, block_id: "b", value: actionId, action_ts: `1800000200.${k}` }],
    });
    expect(res.status).toBe(200);
    return text(await next(mark, "chat.postEphemeral", () => true, user));
  };

  beforeAll(async () => {
    h = await startSlack(redisUrl, prefix, { mode: "http", worker: false, now: clock.now });
    h.fake.users.set("U-MAKER", { profile: { display_name: "Mia" } });
    h.fake.users.set("U-ANA", { profile: { display_name: "Ana" }, tz: "Europe/Berlin" });
    h.fake.users.set("U-BO", { real_name: "Bo", tz: "Europe/Berlin" });
    h.fake.users.set("U-CY", { profile: { real_name: "Cy" }, tz: "Europe/Berlin" });
    h.fake.channels.set(CH, { name: "team", creator: "U-MAKER" });
    worker = await startDrillWorker(
      loadConfig(testEnv(redisUrl, prefix, { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: SIGNING_SECRET })),
    );
    clock.set(FROM);
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await h?.close();
  }, 30_000);

  it("posts, counts, reveals and ranks every day as scheduled", { timeout: 120_000 }, async () => {
    // A member is refused; the channel's creator (no workspace admin) may turn drills on.
    const refusal = await command("U-ANA", "drills on 09:00 Europe/Berlin level 2", (t) => t.includes("Sorry"));
    expect(refusal.method).toBe("chat.postEphemeral");
    expect(text(refusal)).toContain("whoever created the channel");
    const on = await command("U-MAKER", "drills on 09:00 Europe/Berlin level 2", (t) => t.includes("drills are on"));
    expect(on.method).toBe("chat.postMessage");
    expect(h.fake.callsOf("conversations.info").map((c) => c.args.channel)).toContain(CH);
    const [scheduler, ...more] = await h.serve.queues.drill.getJobSchedulers();
    expect(more).toEqual([]);
    expect(scheduler).toMatchObject({ pattern: "0 9 * * *", tz: "Europe/Berlin" });

    const days = fires(scheduler!.pattern ?? "", "Europe/Berlin");
    expect(days).toHaveLength(15);
    // 09:00 in Berlin is 07:00 UTC in summer time and 08:00 UTC after 25 October.
    expect(days.map((d) => d.getUTCHours())).toEqual([7, 7, 7, 7, 7, 7, 8, 8, 8, 8, 8, 8, 8, 8, 8]);

    const tally = new Map<string, number>();
    const weekly = new Map<string, Map<string, number>>();
    const add = (m: Map<string, number>, who: string, pts: number) => m.set(who, (m.get(who) ?? 0) + pts);
    const seen = new Set<string>();
    // Ana right at +1 min, Bo wrong at +2 min, Cy right at +30 min (clicking twice); every third
    // day Bo changes to the right answer at +3 h. Saturday 24 October (day 5) nobody answers.
    for (const [day, at] of days.entries()) {
      const mark = h.fake.calls.length;
      clock.set(new Date(at.getTime() + 5_000));
      await worker.fire(address, "Europe/Berlin");
      const post = await next(mark, "chat.postMessage", (t) => t.includes(`Daily drill #${day + 1}: level 2`));
      expect(post.args.thread_ts).toBeUndefined();
      const ref = drillIn(text(post));
      expect(ref.level).toBe(2);
      expect(seen.has(ref.drill.id), `drill ${ref.drill.id} repeated on day ${day}`).toBe(false);
      seen.add(ref.drill.id);
      const ids = buttonIds(post.args);
      expect(ids.map(letterOf)).toEqual(ref.drill.choices.map((_, i) => "ABCD"[i]));
      const right = ids.find((id) => letterOf(id) === ref.drill.answer)!;
      const wrong = ids.find((id) => letterOf(id) !== ref.drill.answer)!;
      const ts = String(post.response?.ts);

      const silent = day === 5;
      const at_ = (ms: number) => clock.set(new Date(at.getTime() + ms));
      if (!silent) {
        at_(MIN);
        expect(await click("U-ANA", right, ts)).toContain("Got it");
        at_(2 * MIN);
        expect(await click("U-BO", wrong, ts)).toContain("Got it");
        at_(30 * MIN);
        expect(await click("U-CY", right, ts)).toMatch(/^Got it: [A-D]\. .* 3 people have answered\.$/);
        at_(30 * MIN + 500);
        expect(await click("U-CY", right, ts)).toContain("it counts once");
        if (day % 3 === 0) {
          at_(3 * HOUR);
          expect(await click("U-BO", right, ts)).toContain(`Changed from ${letterOf(wrong)} to ${ref.drill.answer}`);
        }
      }
      const answered = silent ? 0 : 3;
      const status = await command("U-ANA", "drills status", (t) => t.includes("so far"));
      expect(text(status)).toContain(`${answered} answers so far`);

      const revealMark = h.fake.calls.length;
      clock.set(new Date(at.getTime() + 8 * HOUR + 10_000));
      await worker.fire(address, "Europe/Berlin");
      const reveal = text(
        await next(revealMark, "chat.postMessage", (t) => t.includes(`Drill #${day + 1}: the answer is`)),
      );
      expect(reveal).toContain(`the answer is ${ref.drill.answer})`);
      const week = day <= 6 ? "2026-W43" : day <= 13 ? "2026-W44" : "2026-W45";
      const wk = weekly.get(week) ?? new Map<string, number>();
      weekly.set(week, wk);
      if (silent) expect(reveal).toContain("Nobody answered this one");
      else {
        const rights = day % 3 === 0 ? 3 : 2;
        expect(reveal).toContain(`${rights} of 3 got it right`);
        expect(reveal).toContain("First right: Ana (+");
        for (const [who, p] of [
          ["Ana", 15],
          ["Cy", 13],
          ["Bo", day % 3 === 0 ? 11 : 0],
        ] as const) {
          add(tally, who, p);
          add(wk, who, p);
        }
      }
    }
    // One drill post and one reveal a day, nothing more, all at the channel's top level.
    const posts = h.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === CH);
    expect(posts.filter((c) => /Daily drill #\d+/.test(text(c)))).toHaveLength(15);
    expect(posts.filter((c) => /Drill #\d+: the answer is/.test(text(c)))).toHaveLength(15);
    expect(posts.every((c) => c.args.thread_ts === undefined)).toBe(true);

    const board = async (period: string, label: string) =>
      text(await command("U-BO", `leaderboard ${period}`, (t) => t.includes(`Leaderboard, ${label}`)));
    const row = (who: string, pts: number | undefined) => new RegExp(`^\\d+\\s+${who}\\s+${pts}\\s+\\d+$`, "m");
    clock.set(new Date("2026-11-02T20:00:00Z"));
    const all = await board("all", "all time");
    for (const [who, pts] of tally) expect(all).toMatch(row(who, pts));
    expect(all.indexOf("Ana")).toBeLessThan(all.indexOf("Cy"));
    expect(all.indexOf("Cy")).toBeLessThan(all.indexOf("Bo"));
    // Streaks: Ana missed Saturday's drill, so hers restarted on Sunday and ran to Monday (9 drills).
    expect(all).toMatch(/^1\s+Ana\s+\d+\s+9$/m);
    const week45 = await board("weekly", "this week");
    expect(week45).toContain("2026-W45");
    expect(week45).toMatch(row("Ana", weekly.get("2026-W45")?.get("Ana")));
    clock.set(new Date("2026-10-25T20:00:00Z"));
    const week43 = await board("weekly", "this week");
    expect(week43).toContain("2026-W43");
    for (const who of ["Ana", "Cy", "Bo"]) expect(week43).toMatch(row(who, weekly.get("2026-W43")?.get(who)));
  });
});

/** The guild's default member permissions, plus Manage Channels (1 << 4) for admins. */
const MEMBER_PERMISSIONS = 1071698660929n;
const MANAGE_CHANNELS = 1n << 4n;

describe("two weeks of weekday drills across DST through the Discord loopback (America/New_York)", () => {
  const config = loadConfig(testEnv(inject("redisUrl"), `t-2w-discord-${process.pid}`));
  const address = { platform: "discord" as const, workspace: GUILD_ID, channel: CHANNEL_ID };
  const ADMIN = "400000000000000020";
  const D1 = "400000000000000021";
  const D2 = "400000000000000022";
  const NICK: Record<string, string> = { [ADMIN]: "Max", [D1]: "Dee", [D2]: "Dex" };
  let fake: DiscordFake;
  let bot: DiscordBot;
  let worker: DrillWorker;
  const clock = sharedClock(() => worker);

  const body = (c: RestCall | undefined) => JSON.stringify(c?.body ?? null);
  /** An answer's embeds as text (titles and descriptions). */
  const embedText = (c: RestCall) =>
    ((c.body.embeds ?? []) as { title?: string; description?: string }[])
      .map((e) => `${e.title ?? ""}\n${e.description ?? ""}`)
      .join("\n");
  const webhookOf = (i: { token: string }) => (c: RestCall) =>
    (c.method === "PATCH" || c.method === "POST") && c.path.startsWith(`/webhooks/${APP_ID}/${i.token}`);
  const channelPosts = () => fake.find((c) => c.method === "POST" && c.path === `/channels/${CHANNEL_ID}/messages`);
  const withMember = <T extends object>(i: T, user: string, admin: boolean) => {
    const m = (i as unknown as { member: { permissions: string; nick?: string } }).member;
    m.permissions = String(admin ? MEMBER_PERMISSIONS | MANAGE_CHANNELS : MEMBER_PERMISSIONS);
    m.nick = NICK[user] ?? "";
    return i;
  };
  /** `/kube <sub>` from `user`; resolves with the webhook call whose body matches. */
  const kube = async (sub: string, options: Record<string, string>, user: string, pred: (t: string) => boolean) => {
    const opts = Object.entries(options).map(([name, value]) => ({ name, value, type: 3 }));
    const i = withMember(slash(sub, opts, { userId: user }), user, user === ADMIN);
    fake.dispatch("INTERACTION_CREATE", i);
    const [hit] = await fake.waitFor((c) => webhookOf(i)(c) && pred(body(c)), 1, 30_000);
    return hit!;
  };
  const click = async (user: string, customId: string) => {
    const b = withMember(button(customId, { userId: user }), user, false);
    fake.dispatch("INTERACTION_CREATE", b);
    const [ack] = await fake.waitFor((c) => webhookOf(b)(c) && c.method === "PATCH");
    return body(ack);
  };
  const nextPost = async (mark: number, pred: (t: string) => boolean) => {
    const [hit] = await fake.waitFor(
      (c) => channelPosts().indexOf(c) >= mark && c.method === "POST" && pred(body(c)),
      1,
      30_000,
    );
    return hit!;
  };

  beforeAll(async () => {
    fake = await DiscordFake.start();
    bot = await startDiscordBot(fake, config, { now: clock.now });
    worker = await startDrillWorker(config);
    clock.set(FROM);
  }, 60_000);
  afterAll(async () => {
    await bot?.serve.close();
    await worker?.close();
    await fake?.close();
  }, 30_000);

  it("posts, counts, reveals and ranks every weekday as scheduled", { timeout: 120_000 }, async () => {
    const schedule = { action: "on", schedule: "09:00 America/New_York mixed weekdays" };
    expect(body(await kube("drills", schedule, D2, (t) => t.includes("only this channel's admins")))).toContain(
      "Manage Channels",
    );
    expect(await bot.serve.queues.drill.getJobSchedulers()).toEqual([]);
    expect(body(await kube("drills", schedule, ADMIN, (t) => t.includes("Daily drills are on")))).toContain(
      "Monday to Friday, mixed levels",
    );
    const [scheduler] = await bot.serve.queues.drill.getJobSchedulers();
    expect(scheduler).toMatchObject({ pattern: "0 9 * * 1-5", tz: "America/New_York" });
    const days = fires(scheduler!.pattern ?? "", "America/New_York");
    expect(days).toHaveLength(11);
    // 09:00 in New York is 13:00 UTC in daylight time and 14:00 UTC from Monday 2 November.
    expect(days.map((d) => d.getUTCHours())).toEqual([13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 14]);

    const seen = new Set<string>();
    let d1 = 0;
    for (const [day, at] of days.entries()) {
      const mark = channelPosts().length;
      clock.set(new Date(at.getTime() + 5_000));
      await worker.fire(address, "America/New_York");
      const post = await nextPost(mark, (t) => t.includes(`Daily drill #${day + 1}`));
      const ref = drillIn(embedText(post));
      expect(seen.has(ref.drill.id), `drill ${ref.drill.id} repeated on day ${day}`).toBe(false);
      seen.add(ref.drill.id);
      const ids: string[] = (post.body.components as { components: { custom_id: string }[] }[]).flatMap((r) =>
        r.components.map((b) => b.custom_id),
      );
      expect(ids.map(letterOf)).toEqual(ref.drill.choices.map((_, i) => "ABCD"[i]));
      const right = ids.find((id) => letterOf(id) === ref.drill.answer)!;
      const wrong = ids.find((id) => letterOf(id) !== ref.drill.answer)!;

      clock.set(new Date(at.getTime() + MIN));
      expect(await click(D1, right)).toContain("Got it");
      expect(await click(D2, wrong)).toContain("2 people have answered");
      d1 += 15;

      let reveal: string;
      if (day === 2) {
        // A member may not reveal early; an admin may, and the worker then has nothing to reveal.
        expect(body(await kube("reveal", {}, D2, (t) => t.includes("Sorry")))).toContain("Manage Channels");
        reveal = body(await kube("reveal", {}, ADMIN, (t) => t.includes(`Drill #${day + 1}: the answer is`)));
      } else {
        const revealMark = channelPosts().length;
        clock.set(new Date(at.getTime() + 8 * HOUR + 10_000));
        await worker.fire(address, "America/New_York");
        reveal = body(await nextPost(revealMark, (t) => t.includes(`Drill #${day + 1}: the answer is`)));
      }
      expect(reveal).toContain(`the answer is ${ref.drill.answer})`);
      expect(reveal).toContain("1 of 2 got it right (50 %). First right: Dee (+");
    }
    // Eleven posts; ten reveals in the channel (the third was the admin's, in its reply).
    const posts = channelPosts().map(body);
    expect(posts.filter((t) => /Daily drill #\d+/.test(t))).toHaveLength(11);
    expect(posts.filter((t) => /Drill #\d+: the answer is/.test(t))).toHaveLength(10);
    expect(posts.some((t) => t.includes("Drill #3: the answer is"))).toBe(false);

    clock.set(new Date("2026-11-02T20:00:00Z"));
    const all = embedText(await kube("leaderboard", { period: "all" }, D2, (t) => t.includes("Leaderboard")));
    expect(all).toContain("Leaderboard, all time");
    // Both answered all eleven drills in a row; only Dee was right.
    expect(all).toMatch(new RegExp(`^1\\s+Dee\\s+${d1}\\s+11$`, "m"));
    expect(all).toMatch(/^2\s+Dex\s+0\s+11$/m);
    const week = embedText(await kube("leaderboard", { period: "weekly" }, D1, (t) => t.includes("Leaderboard")));
    expect(week).toContain("Leaderboard, this week (2026-W45)");
    expect(week).toMatch(/^1\s+Dee\s+15\s+\d+$/m);
  });
});
