/**
 * Distribution: podsensei installed into several workspaces through Bolt's real OAuth flow (the
 * install page, Slack's authorize page played by the stand-in, the redirect with its state
 * cookie, `oauth.v2.access`), installs kept in Redis, and every answer (immediate, and delivered
 * later by the worker's results) sent with the bot token of its own workspace. Uninstalling one
 * workspace leaves the others working and its learners' progress in place.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { BOT_SCOPES } from "../../../src/adapters/slack/scopes.js";
import { textReply } from "../../../src/core/reply.js";
import { createRedis } from "../../../src/jobs/connection.js";
import { TYPICAL_PASTE } from "../../jobs/support/loopback.js";
import { blockTexts, type SlackHarness, startSlack } from "../../support/slack-fake/harness.js";
import { type EventSource, eventEnvelope, postEvent } from "../../support/slack-fake/signed.js";
import type { ApiCall, TokenOwner } from "../../support/slack-fake/slack-fake.js";

const ALPHA: TokenOwner = { teamId: "TALPHA", teamName: "Alpha", botUserId: "UBOT-A", botId: "BA" };
const BETA: TokenOwner = { teamId: "TBETA", teamName: "Beta", botUserId: "UBOT-B", botId: "BB" };
const ORG: TokenOwner = {
  teamId: null,
  enterpriseId: "EORG",
  enterpriseName: "Org",
  botUserId: "UBOT-O",
  botId: "BO",
  orgWide: true,
};

let seq = 0;
const nextTs = () => `1700100${String(++seq).padStart(3, "0")}.000100`;

/** Walks a browser through the install: install page → Slack (approve or deny) → redirect. */
async function install(
  h: SlackHarness,
  answer: (authorizeUrl: string) => URLSearchParams,
  o: { cookie?: (c: string) => string } = {},
) {
  const start = await fetch(`${h.pagesUrl}/slack/install`, { redirect: "manual" });
  expect(start.status).toBe(302);
  const authorizeUrl = start.headers.get("location") ?? "";
  const stateCookie = (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const cookie = o.cookie ? o.cookie(stateCookie) : stateCookie;
  const back = await fetch(`${h.pagesUrl}/slack/oauth_redirect?${answer(authorizeUrl)}`, {
    headers: cookie ? { cookie } : {},
    redirect: "manual",
  });
  return { authorizeUrl, stateCookie, status: back.status, page: await back.text(), after: back.headers };
}

/** A DM saying `text` to the app in the workspace of `src`. */
function dm(h: SlackHarness, text: string, src: EventSource, user = "U1") {
  const ts = nextTs();
  const event = { type: "message", channel_type: "im", channel: `D-${src.team}`, user, text, ts };
  return postEvent(h.eventsUrl, event, `Ev-${ts}`, src);
}

const repliesIn = (channel: string) => (c: ApiCall) => c.method === "chat.postMessage" && c.args.channel === channel;

describe("Slack distribution (OAuth installs into many workspaces), HTTP mode", () => {
  let h: SlackHarness;
  const prefix = `t-slack-oauth-${process.pid}`;
  const redis = createRedis(inject("redisUrl"));

  beforeAll(async () => {
    h = await startSlack(inject("redisUrl"), prefix, { mode: "http", oauth: true });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await redis.quit();
  }, 30_000);

  it("installs two workspaces through the install page and redirect, asking for the manifest's scopes", async () => {
    for (const [token, owner] of [
      ["xoxb-alpha", ALPHA],
      ["xoxb-beta", BETA],
    ] as const) {
      const r = await install(h, (url) => h.fake.approve(url, token, owner));
      expect(r.status).toBe(200);
      expect(r.page).toContain(`podsensei is installed in the workspace ${owner.teamName}`);
      // The state cookie pinned the flow to this browser and is cleared once used.
      expect(r.stateCookie).toMatch(/^slack-app-oauth-state=.+/);
      expect(r.after.get("set-cookie")).toMatch(/^slack-app-oauth-state=deleted;/);
      const q = new URL(r.authorizeUrl).searchParams;
      expect(r.authorizeUrl).toMatch(/^https:\/\/slack\.com\/oauth\/v2\/authorize\?/);
      expect(q.get("scope")?.split(",")).toEqual([...BOT_SCOPES]);
      expect(q.get("state")).toBe(r.stateCookie.split("=")[1]);
      const stored = await h.installations?.fetchInstallation({
        teamId: owner.teamId as string,
        enterpriseId: undefined,
        isEnterpriseInstall: false,
      });
      expect(stored?.bot).toMatchObject({ token, userId: owner.botUserId, id: owner.botId });
      expect(stored?.team).toEqual({ id: owner.teamId, name: owner.teamName });
    }
    const exchanges = h.fake.callsOf("oauth.v2.access");
    expect(exchanges).toHaveLength(2);
    // Bolt checks each new token with auth.test before storing it.
    expect(h.fake.callsOf("auth.test").map((c) => c.token)).toEqual(["xoxb-alpha", "xoxb-beta"]);
    expect(await redis.exists(`${prefix}:slack:installation:team:TALPHA`)).toBe(1);
  });

  it("answers each workspace with that workspace's bot token, now and when results are delivered later", async () => {
    for (const [token, owner] of [
      ["xoxb-alpha", ALPHA],
      ["xoxb-beta", BETA],
    ] as const) {
      const src = { team: owner.teamId as string, botUserId: owner.botUserId };
      const res = await dm(h, "help", src);
      expect(res.status).toBe(200);
      const [reply] = await h.fake.waitFor(repliesIn(`D-${owner.teamId}`));
      expect(reply?.token).toBe(token);
      // A paste goes to the worker; its result comes back through delivery with the same token.
      await dm(h, `\`\`\`${TYPICAL_PASTE}\`\`\``, src);
      const results = await h.fake.waitFor(
        (c) => repliesIn(`D-${owner.teamId}`)(c) && blockTexts(c.args).includes("What the cluster would do"),
      );
      expect(results.map((c) => c.token)).toEqual([token]);
    }
    expect(h.fake.calls.filter((c) => c.token === "xoxb-test")).toEqual([]);
  });

  it("forgets a workspace on app_uninstalled: its token is gone, the other still works, progress is kept", async () => {
    const progressKeys = async () => (await redis.keys(`${prefix}:progress:*`)).filter((k) => k.includes("TALPHA"));
    const progressBefore = await progressKeys();
    expect(progressBefore.length).toBeGreaterThan(0);
    const event = { type: "app_uninstalled", event_ts: nextTs() };
    const res = await postEvent(h.eventsUrl, event, "Ev-uninstall-alpha", { team: "TALPHA" });
    expect(res.status).toBe(200);
    const start = Date.now();
    while ((await redis.exists(`${prefix}:slack:installation:team:TALPHA`)) === 1) {
      if (Date.now() - start > 5000) throw new Error("the installation was not removed");
      await new Promise((r) => setTimeout(r, 25));
    }
    await expect(
      h.adapter.send({ platform: "slack", workspace: "TALPHA", channel: "D-TALPHA" }, textReply("hi"), {
        deliveryId: "r-1",
      }),
    ).rejects.toThrow("podsensei is not installed in the Slack workspace TALPHA");
    // Alpha's events are no longer answered (Bolt finds no installation); Beta's still are.
    const before = h.fake.calls.length;
    await dm(h, "help", { team: "TALPHA", botUserId: "UBOT-A" });
    await dm(h, "progress", { team: "TBETA", botUserId: "UBOT-B" });
    await h.fake.waitFor((c) => h.fake.calls.indexOf(c) >= before && repliesIn("D-TBETA")(c));
    await new Promise((r) => setTimeout(r, 300));
    const since = h.fake.calls.slice(before);
    expect(since.filter((c) => c.token === "xoxb-alpha")).toEqual([]);
    expect(since.filter(repliesIn("D-TALPHA"))).toEqual([]);
    expect(await progressKeys()).toEqual(progressBefore);
    // Reinstalling brings the workspace back with its new token.
    const again = await install(h, (url) => h.fake.approve(url, "xoxb-alpha-2", ALPHA));
    expect(again.status).toBe(200);
    await h.adapter.send({ platform: "slack", workspace: "TALPHA", channel: "D-TALPHA" }, textReply("welcome back"), {
      deliveryId: "r-2",
    });
    const [back] = await h.fake.waitFor((c) => repliesIn("D-TALPHA")(c) && c.args.text === "welcome back");
    expect(back?.token).toBe("xoxb-alpha-2");
  });

  it("forgets a workspace whose bot token is revoked, and ignores revoked user tokens", async () => {
    const user = { type: "tokens_revoked", tokens: { oauth: ["U-INSTALLER"] }, event_ts: nextTs() };
    expect((await postEvent(h.eventsUrl, user, "Ev-revoke-user", { team: "TBETA" })).status).toBe(200);
    const bot = { type: "tokens_revoked", tokens: { bot: ["UBOT-B"] }, event_ts: nextTs() };
    expect((await postEvent(h.eventsUrl, bot, "Ev-revoke-bot", { team: "TBETA" })).status).toBe(200);
    const start = Date.now();
    while ((await redis.exists(`${prefix}:slack:installation:team:TBETA`)) === 1) {
      if (Date.now() - start > 5000) throw new Error("the installation was not removed");
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(await h.installations?.botTokenFor("TALPHA")).toBe("xoxb-alpha-2");
  });

  it("serves an org-wide install to every workspace of the organisation, with the organisation's token", async () => {
    const r = await install(h, (url) => h.fake.approve(url, "xoxb-org", ORG));
    expect(r.status).toBe(200);
    expect(r.page).toContain("podsensei is installed in your organisation Org");
    expect(await redis.exists(`${prefix}:slack:installation:enterprise:EORG`)).toBe(1);
    const src = { team: "TGAMMA", enterprise: "EORG", orgWide: true, botUserId: "UBOT-O" };
    await dm(h, "help", src);
    const [reply] = await h.fake.waitFor(repliesIn("D-TGAMMA"));
    expect(reply?.token).toBe("xoxb-org");
    // A reply delivered later names only the workspace: it finds the organisation's token.
    await h.adapter.send({ platform: "slack", workspace: "TGAMMA", channel: "D-TGAMMA" }, textReply("later"), {
      deliveryId: "r-3",
    });
    const [later] = await h.fake.waitFor((c) => repliesIn("D-TGAMMA")(c) && c.args.text === "later");
    expect(later).toMatchObject({ token: "xoxb-org", args: { team_id: "TGAMMA" } });
    // Uninstalling org-wide drops the organisation's workspaces too.
    const gone = { type: "app_uninstalled", event_ts: nextTs() };
    await postEvent(h.eventsUrl, gone, "Ev-uninstall-org", { team: "TGAMMA", enterprise: "EORG", orgWide: true });
    const start = Date.now();
    while ((await h.installations?.botTokenFor("TGAMMA")) !== undefined) {
      if (Date.now() - start > 5000) throw new Error("the org-wide installation was not removed");
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(await redis.hget(`${prefix}:slack:org-team`, "TGAMMA")).toBeNull();
  });

  it("shows a clear page for a cancelled install, and for a state from another browser or none", async () => {
    const before = h.fake.callsOf("oauth.v2.access").length;
    const denied = await install(h, (url) => h.fake.deny(url));
    expect(denied.status).toBe(403);
    expect(denied.page).toContain("Installation cancelled");
    expect(denied.page).toContain('<a href="/slack/install">Start the installation again</a>');

    const approve = (url: string) => h.fake.approve(url, "xoxb-delta", { ...ALPHA, teamId: "TDELTA" });
    const otherBrowser = await install(h, approve, { cookie: () => "slack-app-oauth-state=someone-elses" });
    expect(otherBrowser.status).toBe(400);
    expect(otherBrowser.page).toContain("This installation link has expired");
    const noCookie = await install(h, approve, { cookie: () => "" });
    expect(noCookie.status).toBe(400);
    const forged = await fetch(`${h.pagesUrl}/slack/oauth_redirect?code=x&state=forged`, {
      headers: { cookie: "slack-app-oauth-state=forged" },
    });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("This installation link has expired");

    expect(h.fake.callsOf("oauth.v2.access")).toHaveLength(before);
    expect(await redis.exists(`${prefix}:slack:installation:team:TDELTA`)).toBe(0);
    expect(h.logs.some((l) => l.msg === "a Slack installation did not complete")).toBe(true);
  });

  it("shows a clear page when Slack refuses the code exchange", async () => {
    h.fake.failNext.set("oauth.v2.access", "invalid_code");
    const r = await install(h, (url) => h.fake.approve(url, "xoxb-epsilon", { ...ALPHA, teamId: "TEPSILON" }));
    expect(r.status).toBe(500);
    expect(r.page).toContain("The installation did not complete");
    expect(await redis.exists(`${prefix}:slack:installation:team:TEPSILON`)).toBe(0);
  });
});

describe("Slack distribution in Socket Mode", () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlack(inject("redisUrl"), `t-slack-oauth-socket-${process.pid}`, { mode: "socket", oauth: true });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  }, 30_000);

  it("installs through the install server beside the socket and answers with the workspace's token", async () => {
    const r = await install(h, (url) => h.fake.approve(url, "xoxb-sock", BETA));
    expect(r.status).toBe(200);
    expect(r.page).toContain("podsensei is installed in the workspace Beta");
    const event = { type: "message", channel_type: "im", channel: "D-SOCK", user: "U1", text: "help", ts: nextTs() };
    const ack = await h.fake.envelope("events_api", eventEnvelope(event, "Ev-sock", "TBETA", { botUserId: "UBOT-B" }));
    expect(ack.envelopeId).toMatch(/^env-/);
    const [reply] = await h.fake.waitFor(repliesIn("D-SOCK"));
    expect(reply?.token).toBe("xoxb-sock");
  });
});
