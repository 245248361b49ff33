import { webApi } from "@slack/bolt";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creatorOf, identityLookup, identityOf } from "../../../src/adapters/slack/identity.js";
import { SlackFake } from "../../support/slack-fake/slack-fake.js";

const silent = () => pino({ level: "silent" });

describe("Slack identity", () => {
  it.each([
    [
      { is_admin: true, profile: { display_name: "Ada", real_name: "Ada L" } },
      { channelAdmin: true, userName: "Ada" },
    ],
    [
      { is_owner: true, real_name: "Olu" },
      { channelAdmin: true, userName: "Olu" },
    ],
    [
      { is_primary_owner: true, name: "root" },
      { channelAdmin: true, userName: "root" },
    ],
    [
      { profile: { display_name: " ", real_name: "Mo Member" }, tz: "Europe/Berlin" },
      { channelAdmin: false, userName: "Mo Member", timeZone: "Europe/Berlin" },
    ],
    [{ is_admin: "yes" }, { channelAdmin: false }],
    [undefined, { channelAdmin: false }],
  ])("reads %j as %j", (user, want) => {
    expect(identityOf(user)).toEqual(want);
  });

  it("looks each user up once while remembered, again after it expires, and never rejects", async () => {
    const asked: string[] = [];
    const client = {
      users: {
        info: async ({ user }: { user: string }) => {
          asked.push(user);
          if (user === "U-GONE") throw new Error("missing_scope");
          return { ok: true, user: { is_admin: user === "U-ADMIN" } };
        },
      },
    } as unknown as webApi.WebClient;
    let now = 0;
    const lookup = identityLookup(
      () => pino({ level: "silent" }),
      () => now,
    );
    expect(await lookup(client, "T1", "U-ADMIN")).toEqual({ channelAdmin: true });
    expect(await lookup(client, "T1", "U-ADMIN")).toEqual({ channelAdmin: true });
    expect(asked).toEqual(["U-ADMIN"]);
    now += 11 * 60_000;
    await lookup(client, "T1", "U-ADMIN");
    expect(asked).toEqual(["U-ADMIN", "U-ADMIN"]);
    expect(await lookup(client, "T1", "U-GONE")).toEqual({ channelAdmin: false });
  });

  it.each([
    [{ id: "C1", creator: "U-MAKER" }, "U-MAKER"],
    [{ id: "C1", creator: "" }, undefined],
    [{ id: "C1" }, undefined],
    [undefined, undefined],
  ])("reads the creator of %j as %s", (channel, want) => {
    expect(creatorOf(channel)).toBe(want);
  });
});

describe("Slack identity against the Web API stand-in", () => {
  const fake = new SlackFake();
  let client: webApi.WebClient;
  beforeAll(async () => {
    await fake.start();
    client = new webApi.WebClient("xoxb-test", { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    fake.users.set("U-ADMIN", { is_admin: true, profile: { display_name: "Ada" } });
    fake.users.set("U-MAKER", { profile: { display_name: "Mia" }, tz: "Europe/Berlin" });
    fake.users.set("U-MEMBER", { real_name: "Mo" });
    fake.channels.set("C-MINE", { creator: "U-MAKER" });
    fake.channels.set("G-PRIVATE", { creator: "U-MEMBER", is_private: true });
  });
  afterAll(() => fake.stop());

  it.each([
    ["U-MAKER", "C-MINE", { channelAdmin: true, userName: "Mia", timeZone: "Europe/Berlin" }],
    ["U-MEMBER", "C-MINE", { channelAdmin: false, userName: "Mo" }],
    ["U-MEMBER", "G-PRIVATE", { channelAdmin: true, userName: "Mo" }],
    ["U-MAKER", "G-PRIVATE", { channelAdmin: false, userName: "Mia", timeZone: "Europe/Berlin" }],
    ["U-MAKER", undefined, { channelAdmin: false, userName: "Mia", timeZone: "Europe/Berlin" }],
    ["U-ADMIN", "C-MINE", { channelAdmin: true, userName: "Ada" }],
  ])("treats %s in %s as %j", async (user, channel, want) => {
    const lookup = identityLookup(silent);
    expect(await lookup(client, "T1", user, channel)).toEqual(want);
  });

  it("asks Slack about each user and each channel once while remembered", async () => {
    fake.calls.length = 0;
    const lookup = identityLookup(silent);
    await lookup(client, "T1", "U-MEMBER", "C-MINE");
    await lookup(client, "T1", "U-MAKER", "C-MINE");
    await lookup(client, "T1", "U-MEMBER", "C-MINE");
    await lookup(client, "T1", "U-ADMIN", "C-MINE");
    expect(fake.calls.map((c) => `${c.method} ${String(c.args.user ?? c.args.channel)}`)).toEqual([
      "users.info U-MEMBER",
      "conversations.info C-MINE",
      "users.info U-MAKER",
      "users.info U-ADMIN",
    ]);
    expect(fake.calls.every((c) => c.token === "xoxb-test")).toBe(true);
  });

  it("treats the creator as a member when conversations.info fails (missing scope), and asks again later", async () => {
    fake.calls.length = 0;
    const lookup = identityLookup(silent);
    fake.failNext.set("conversations.info", "missing_scope");
    expect(await lookup(client, "T1", "U-MAKER", "C-MINE")).toMatchObject({ channelAdmin: false });
    expect(await lookup(client, "T1", "U-MAKER", "C-MINE")).toMatchObject({ channelAdmin: true });
    expect(fake.callsOf("conversations.info")).toHaveLength(2);
  });
});
