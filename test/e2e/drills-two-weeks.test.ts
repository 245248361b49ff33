/**
 * Two weeks of channel drills in simulated time, across both daylight-saving changes of autumn
 * 2026 (Europe/Berlin on 25 October, America/New_York on 1 November), against the test Redis and
 * the real simulator. Each platform is driven through its adapter's own translation code as a
 * loopback stand-in: Slack's `/kube` text parser and Block Kit renderer, Discord's slash-command
 * text and component renderer. Button ids are read back from the rendered platform payloads, so
 * a click is exactly what the platform would send. Every post, answer count, reveal and
 * leaderboard is checked against the test's own tally.
 */
import { CronExpressionParser } from "cron-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandText, incoming } from "../../src/adapters/discord/parse.js";
import { type DiscordMessage, renderDiscord } from "../../src/adapters/discord/render.js";
import { parseKubeCommand } from "../../src/adapters/slack/parse.js";
import { renderSlack, type SlackMessage } from "../../src/adapters/slack/render.js";
import type { IncomingMessage } from "../../src/core/message.js";
import type { Reply } from "../../src/core/reply.js";
import { simulatorExplainer } from "../../src/drills/explain.js";
import { defaultContent, findDrill } from "../../src/tutor/content.js";
import { LETTERS } from "../../src/tutor/content-schema.js";
import { type Harness, openHarness } from "../drills/harness.js";

const content = defaultContent();
let seq = 0;

/** Slack stand-in: `/kube …` text and button clicks become messages as the Slack adapter builds them. */
const slack = {
  command(text: string, user: string, admin: boolean): IncomingMessage {
    const c = parseKubeCommand(text);
    return {
      eventId: `s${++seq}`,
      platform: "slack",
      workspace: "T1",
      channel: "C-TEAM",
      user,
      direct: false,
      text: c.kind === "text" ? c.text : "",
      attachments: [],
      channelAdmin: admin,
    } as IncomingMessage;
  },
  click(post: SlackMessage[], letter: string, user: string, name: string): IncomingMessage {
    const ids = post.flatMap((m) => m.blocks.flatMap((b) => (b.type === "actions" ? b.elements : []))) as {
      text: { text: string };
      action_id: string;
    }[];
    const action = ids.find((e) => e.text.text.startsWith(`${letter})`))?.action_id ?? "";
    return {
      eventId: `s${++seq}`,
      platform: "slack",
      workspace: "T1",
      channel: "C-TEAM",
      user,
      direct: false,
      text: "",
      attachments: [],
      action,
      userName: name,
      timeZone: "Europe/Berlin",
    } as IncomingMessage;
  },
  render: (r: Reply) => renderSlack(r).messages,
};

/** Discord stand-in: slash-command options and component clicks as the Discord adapter builds them. */
const discord = {
  command(sub: string, options: { name: string; value: string }[], user: string, admin: boolean): IncomingMessage {
    const m = incoming(
      { eventId: `d${++seq}`, guildId: "G1", channelId: "900", userId: user },
      commandText(sub, options),
    );
    return { ...m, channelAdmin: admin } as IncomingMessage;
  },
  click(post: DiscordMessage, letter: string, user: string): IncomingMessage {
    const button = post.components.flatMap((r) => r.components).find((c) => c.label?.startsWith(`${letter})`));
    return incoming({ eventId: `d${++seq}`, guildId: "G1", channelId: "900", userId: user }, "", [], button?.custom_id);
  },
  render: renderDiscord,
};

const slackPayload = {
  v: 1 as const,
  address: { platform: "slack" as const, workspace: "T1", channel: "C-TEAM" },
  timeZone: "Europe/Berlin",
};
const discordPayload = {
  v: 1 as const,
  address: { platform: "discord" as const, workspace: "G1", channel: "900" },
  timeZone: "America/New_York",
};

/** The drill a rendered post asks, found by its question text. */
function drillOfPost(r: Reply) {
  const question = r.blocks.find((b) => b.type === "paragraph");
  const ref = content.levels
    .flatMap((l) => [...l.drills, ...l.checkpoint.drills])
    .find((d) => question?.type === "paragraph" && d.question.trim() === question.text);
  return findDrill(content, ref?.id ?? "");
}

function localParts(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(d);
}

/** Fire instants of a scheduler, as BullMQ computes them from the registered pattern and tz. */
function fires(pattern: string, tz: string, from: Date, to: Date): Date[] {
  const it = CronExpressionParser.parse(pattern, { tz, currentDate: from });
  const out: Date[] = [];
  for (let d = it.next().toDate(); d <= to; d = it.next().toDate()) out.push(d);
  return out;
}

describe("two weeks of drills across DST, Slack and Discord", () => {
  let h: Harness;
  beforeAll(() => {
    h = openHarness({ explain: simulatorExplainer });
  });
  afterAll(() => h?.close());

  it("posts, counts, reveals and ranks every day as scheduled", { timeout: 120_000 }, async () => {
    h.clock.now = new Date("2026-10-18T12:00:00Z");
    // Turning on: refused for members, accepted for admins, on both platforms.
    expect(
      JSON.stringify(
        slack.render((await h.drills.handle(slack.command("drills on 09:00 Europe/Berlin level 2", "U9", false)))![0]!),
      ),
    ).toContain("only this channel's admins");
    const sOn = await h.drills.handle(slack.command("drills on 09:00 Europe/Berlin level 2", "U-ADMIN", true));
    expect(JSON.stringify(slack.render(sOn![0]!))).toContain("Daily drills are on");
    const dOn = await h.drills.handle(
      discord.command(
        "drills",
        [
          { name: "action", value: "on" },
          { name: "schedule", value: "09:00 America/New_York mixed weekdays" },
        ],
        "M1",
        true,
      ),
    );
    expect(JSON.stringify(discord.render(dOn![0]!))).toContain("Monday to Friday, mixed levels");
    const schedulers = await h.drillQueue.getJobSchedulers();
    const byTz = new Map(schedulers.map((s) => [s.tz, s.pattern]));
    expect(byTz).toEqual(
      new Map([
        ["Europe/Berlin", "0 9 * * *"],
        ["America/New_York", "0 9 * * 1-5"],
      ]),
    );

    const from = h.clock.now;
    const to = new Date("2026-11-02T23:00:00Z");
    const slackFires = fires(byTz.get("Europe/Berlin") ?? "", "Europe/Berlin", from, to);
    const discordFires = fires(byTz.get("America/New_York") ?? "", "America/New_York", from, to);
    expect(slackFires).toHaveLength(15);
    expect(discordFires).toHaveLength(11);
    for (const d of slackFires) expect(localParts(d, "Europe/Berlin")).toMatch(/ 09:00$/);
    for (const d of discordFires) expect(localParts(d, "America/New_York")).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 09:00$/);
    // The UTC instant moves by an hour at each change.
    expect(slackFires.map((d) => d.getUTCHours())).toEqual([7, 7, 7, 7, 7, 7, 8, 8, 8, 8, 8, 8, 8, 8, 8]);
    expect(discordFires.map((d) => d.getUTCHours())).toEqual([13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 14]);

    const tally = { slack: new Map<string, number>(), discord: new Map<string, number>() };
    const weekly = new Map<string, Map<string, number>>();
    const add = (m: Map<string, number>, who: string, pts: number) => m.set(who, (m.get(who) ?? 0) + pts);
    const seen = new Set<string>();

    // Slack: Ana right at +1 min, Cy right at +30 min (clicking twice), Bo wrong at +2 min and,
    // every third day, right from +3 h. Saturday 24 October nobody answers.
    for (const [day, at] of slackFires.entries()) {
      h.clock.now = new Date(at.getTime() + 5_000);
      const post = await h.drills.source(slackPayload);
      expect(post, `post on day ${day}`).toBeDefined();
      expect(post!.blocks[0]).toEqual({
        type: "heading",
        text: expect.stringMatching(new RegExp(`^Daily drill #${day + 1}: level 2, `)),
      });
      const ref = drillOfPost(post!);
      expect(ref?.level).toBe(2);
      expect(seen.has(`s${ref!.drill.id}`), "no repeat within the two weeks").toBe(false);
      seen.add(`s${ref!.drill.id}`);
      const right = ref!.drill.answer;
      const wrong = LETTERS.find((l, i) => l !== right && i < ref!.drill.choices.length) ?? "A";
      const rendered = slack.render(post!);
      const click = async (ms: number, letter: string, user: string, name: string) => {
        h.clock.now = new Date(at.getTime() + ms);
        return h.drills.handle(slack.click(rendered, letter, user, name));
      };
      const silent = day === 5;
      let answered = 0;
      if (!silent) {
        await click(60_000, right, "U-ANA", "Ana");
        await click(120_000, wrong, "U-BO", "Bo");
        await click(1_800_000, right, "U-CY", "Cy");
        const twice = await click(1_800_500, right, "U-CY", "Cy");
        expect(JSON.stringify(twice)).toContain("it counts once");
        if (day % 3 === 0) await click(3 * 3_600_000, right, "U-BO", "Bo");
        answered = 3;
      }
      const status = await h.drills.handle(slack.command("drills status", "U-ANA", false));
      expect(JSON.stringify(status)).toContain(`${answered} ${answered === 1 ? "answer" : "answers"} so far`);
      h.clock.now = new Date(at.getTime() + 8 * 3_600_000 + 10_000);
      const reveal = await h.drills.source(slackPayload);
      const text = JSON.stringify(slack.render(reveal!));
      expect(text).toContain(`Drill #${day + 1}: the answer is ${right})`);
      const week = day <= 6 ? "2026-W43" : day <= 13 ? "2026-W44" : "2026-W45";
      const wk = weekly.get(week) ?? new Map<string, number>();
      weekly.set(week, wk);
      if (silent) expect(text).toContain("Nobody answered this one");
      else {
        const rights = day % 3 === 0 ? 3 : 2;
        expect(text).toContain(`${rights} of 3 got it right`);
        const pts: [string, number][] = [
          ["Ana", 15],
          ["Cy", 13],
          ["Bo", day % 3 === 0 ? 11 : 0],
        ];
        for (const [who, p] of pts) {
          add(tally.slack, who, p);
          add(wk, who, p);
        }
      }
      expect(reveal!.image?.pngBase64.length ?? 0).toBeGreaterThan(1000);
    }

    // Discord: D1 right, D2 wrong; on the third drill an admin reveals early with /kube reveal.
    for (const [day, at] of discordFires.entries()) {
      h.clock.now = new Date(at.getTime() + 5_000);
      const post = await h.drills.source(discordPayload);
      const rendered = discord.render(post!);
      expect(JSON.stringify(rendered.embeds)).toContain(`Daily drill #${day + 1}`);
      const ref = drillOfPost(post!);
      expect(seen.has(`d${ref!.drill.id}`)).toBe(false);
      seen.add(`d${ref!.drill.id}`);
      const right = ref!.drill.answer;
      const wrong = LETTERS.find((l, i) => l !== right && i < ref!.drill.choices.length) ?? "A";
      h.clock.now = new Date(at.getTime() + 60_000);
      await h.drills.handle(discord.click(rendered, right, "D1"));
      await h.drills.handle(discord.click(rendered, wrong, "D2"));
      add(tally.discord, "D1", 15);
      add(tally.discord, "D2", 0);
      let reveal: Reply | undefined;
      if (day === 2) {
        const member = await h.drills.handle(discord.command("reveal", [], "D2", false));
        expect(JSON.stringify(member)).toContain("Manage Channels");
        reveal = (await h.drills.handle(discord.command("reveal", [], "M1", true)))![0];
        h.clock.now = new Date(at.getTime() + 8 * 3_600_000 + 10_000);
        expect(await h.drills.source(discordPayload)).toBeUndefined();
      } else {
        h.clock.now = new Date(at.getTime() + 8 * 3_600_000 + 10_000);
        reveal = await h.drills.source(discordPayload);
      }
      expect(JSON.stringify(discord.render(reveal!).embeds)).toContain("1 of 2 got it right (50 %)");
    }

    // Boards: all-time, monthly and a past week, each equal to the tally.
    const board = async (period: string) =>
      JSON.stringify(await h.drills.handle(slack.command(`leaderboard ${period}`, "U-BO", false)));
    h.clock.now = new Date("2026-11-02T20:00:00Z");
    const all = await board("all");
    for (const [who, pts] of [...tally.slack].sort((a, b) => b[1] - a[1]))
      expect(all).toMatch(new RegExp(`${who}","${pts}"`));
    expect(all.indexOf("Ana")).toBeLessThan(all.indexOf("Cy"));
    expect(all.indexOf("Cy")).toBeLessThan(all.indexOf("Bo"));
    const november = await board("monthly");
    const novemberDrills = slackFires.filter((d) => d >= new Date("2026-10-31T23:00:00Z")).length;
    expect(november).toContain("2026-11");
    expect(november).toContain(`"Ana","${15 * novemberDrills}"`);
    const week45 = await board("weekly");
    expect(week45).toContain(`"Ana","${weekly.get("2026-W45")?.get("Ana")}"`);
    h.clock.now = new Date("2026-10-25T20:00:00Z");
    const week43 = await board("weekly");
    expect(week43).toContain("2026-W43");
    expect(week43).toContain(`"Cy","${weekly.get("2026-W43")?.get("Cy")}"`);
    // Streaks: Ana missed Saturday's drill, so her streak restarted on Sunday and ran to Monday (9 drills).
    h.clock.now = new Date("2026-11-02T20:00:00Z");
    expect(all).toMatch(/"Ana","\d+","9"/);
    const dBoard = JSON.stringify(
      await h.drills.handle(discord.command("leaderboard", [{ name: "period", value: "all" }], "D2", false)),
    );
    expect(dBoard).toContain(`"D1","${tally.discord.get("D1")}"`);
    const team = JSON.stringify(await h.drills.handle(slack.command("team", "U-ANA", false)));
    expect(team).toContain('"Level 2","15"');
  });
});
