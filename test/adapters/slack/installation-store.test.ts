/**
 * The Redis installation store on the test Redis: records keyed per workspace and per
 * organisation, validated on the way in and out, workspaces of org-wide installs found through
 * their link, and deletes that leave other installs alone.
 */
import type { Installation } from "@slack/bolt";
import { afterAll, describe, expect, inject, it } from "vitest";
import { RedisInstallationStore } from "../../../src/adapters/slack/installation-store.js";
import { createRedis } from "../../../src/jobs/connection.js";

const workspace = (team: string, token: string): Installation => ({
  team: { id: team, name: team.toLowerCase() },
  enterprise: undefined,
  user: { token: undefined, scopes: undefined, id: "U-INSTALLER" },
  bot: { token, scopes: ["chat:write"], id: `B-${team}`, userId: `UB-${team}` },
  tokenType: "bot",
  isEnterpriseInstall: false,
  appId: "A1",
  authVersion: "v2",
});

const org = (enterprise: string, token: string): Installation => ({
  team: undefined,
  enterprise: { id: enterprise, name: "Org" },
  user: { token: undefined, scopes: undefined, id: "U-INSTALLER" },
  bot: { token, scopes: ["chat:write"], id: "B-ORG", userId: "UB-ORG" },
  tokenType: "bot",
  isEnterpriseInstall: true,
  enterpriseUrl: "https://org.enterprise.slack.com/",
  appId: "A1",
  authVersion: "v2",
});

const teamQuery = (teamId: string) => ({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });
const orgQuery = (enterpriseId: string) => ({ teamId: undefined, enterpriseId, isEnterpriseInstall: true });

describe("RedisInstallationStore", () => {
  const redis = createRedis(inject("redisUrl"));
  const prefix = `t-slack-store-${process.pid}`;
  const store = new RedisInstallationStore(redis, prefix);
  afterAll(() => redis.quit());

  it("keeps one record per workspace and returns it as stored", async () => {
    await store.storeInstallation(workspace("T1", "xoxb-1"));
    await store.storeInstallation(workspace("T2", "xoxb-2"));
    expect(await store.fetchInstallation(teamQuery("T1"))).toEqual(workspace("T1", "xoxb-1"));
    expect(await store.botTokenFor("T2")).toBe("xoxb-2");
    // A reinstall replaces the record.
    await store.storeInstallation(workspace("T1", "xoxb-1b"));
    expect(await store.botTokenFor("T1")).toBe("xoxb-1b");
    expect(await redis.keys(`${prefix}:slack:installation:*`)).toHaveLength(2);
  });

  it("refuses to store a record without the workspace it belongs to", async () => {
    const bad = { ...workspace("T9", "xoxb-9"), team: undefined } as unknown as Installation;
    await expect(store.storeInstallation(bad)).rejects.toThrow("any other its team");
    expect(await redis.exists(`${prefix}:slack:installation:team:`)).toBe(0);
  });

  it("rejects a fetch of a workspace that has no installation, naming it", async () => {
    await expect(store.fetchInstallation(teamQuery("T-NONE"))).rejects.toThrow(
      "podsensei is not installed in the Slack workspace T-NONE",
    );
    expect(await store.botTokenFor("T-NONE")).toBeUndefined();
  });

  it("refuses a record someone else wrote, saying where it is wrong", async () => {
    await redis.set(`${prefix}:slack:installation:team:T-BAD`, JSON.stringify({ team: { id: "T-BAD" }, user: {} }));
    await expect(store.fetchInstallation(teamQuery("T-BAD"))).rejects.toThrow(/is invalid:[\s\S]*user\.id/);
    await redis.set(`${prefix}:slack:installation:team:T-BAD`, "{not json");
    await expect(store.botTokenFor("T-BAD")).rejects.toThrow("is not JSON");
  });

  it("finds an org-wide install for the organisation and, once linked, for its workspaces", async () => {
    await store.storeInstallation(org("E1", "xoxb-org"));
    expect((await store.fetchInstallation(orgQuery("E1"))).bot?.token).toBe("xoxb-org");
    expect(await store.botTokenFor("T-IN-ORG")).toBeUndefined();
    await store.linkTeam("T-IN-ORG", "E1");
    expect(await store.botTokenFor("T-IN-ORG")).toBe("xoxb-org");
  });

  it("deletes one workspace's install and leaves the rest", async () => {
    await store.deleteInstallation(teamQuery("T1"));
    await expect(store.fetchInstallation(teamQuery("T1"))).rejects.toThrow(
      "podsensei is not installed in the Slack workspace T1",
    );
    expect(await store.botTokenFor("T2")).toBe("xoxb-2");
    expect(await store.botTokenFor("T-IN-ORG")).toBe("xoxb-org");
  });

  it("deletes an org-wide install with its workspace links; a later link is written again", async () => {
    await store.deleteInstallation(orgQuery("E1"));
    expect(await store.botTokenFor("T-IN-ORG")).toBeUndefined();
    expect(await redis.hget(`${prefix}:slack:org-team`, "T-IN-ORG")).toBeNull();
    expect(await redis.exists(`${prefix}:slack:org-teams:E1`)).toBe(0);
    await store.storeInstallation(org("E1", "xoxb-org-2"));
    await store.linkTeam("T-IN-ORG", "E1");
    expect(await store.botTokenFor("T-IN-ORG")).toBe("xoxb-org-2");
  });
});
