import type { webApi } from "@slack/bolt";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { identityLookup, identityOf } from "../../../src/adapters/slack/identity.js";

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
      client,
      () => pino({ level: "silent" }),
      () => now,
    );
    expect(await lookup("T1", "U-ADMIN")).toEqual({ channelAdmin: true });
    expect(await lookup("T1", "U-ADMIN")).toEqual({ channelAdmin: true });
    expect(asked).toEqual(["U-ADMIN"]);
    now += 11 * 60_000;
    await lookup("T1", "U-ADMIN");
    expect(asked).toEqual(["U-ADMIN", "U-ADMIN"]);
    expect(await lookup("T1", "U-GONE")).toEqual({ channelAdmin: false });
  });
});
