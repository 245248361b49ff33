import { describe, expect, it } from "vitest";
import { slackMode } from "../../../src/adapters/slack/index.js";
import { slackServeAdapter } from "../../../src/adapters/slack/serve.js";
import { loadConfig } from "../../../src/config.js";

describe("Slack adapter from the configuration", () => {
  it.each([
    { env: { SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }, want: "socket" },
    { env: { SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1", SLACK_SIGNING_SECRET: "s" }, want: "socket" },
    { env: { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }, want: "http" },
  ])("chooses $want mode for $env", async ({ env, want }) => {
    const config = loadConfig({ REDIS_URL: "redis://127.0.0.1:1", ...env });
    expect(slackMode(config.slack!)).toBe(want);
    const adapter = slackServeAdapter(config);
    expect(adapter?.mode).toBe(want);
    expect(adapter?.platform).toBe("slack");
    await adapter?.stop?.();
  });

  it.each([
    { env: { SLACK_APP_TOKEN: "xapp-1" }, want: "socket" },
    { env: { SLACK_SIGNING_SECRET: "s" }, want: "http" },
  ])("installs into many workspaces with the OAuth credentials, in $want mode", async ({ env, want }) => {
    const config = loadConfig({
      REDIS_URL: "redis://127.0.0.1:1",
      SLACK_CLIENT_ID: "1111.2222",
      SLACK_CLIENT_SECRET: "cs",
      SLACK_STATE_SECRET: "0123456789abcdef",
      ...env,
    });
    const adapter = slackServeAdapter(config);
    expect(adapter).toMatchObject({ mode: want, distribution: "oauth" });
    await adapter?.stop?.();
  });

  it("serves one workspace with a bot token", async () => {
    const adapter = slackServeAdapter(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }));
    expect(adapter?.distribution).toBe("token");
    await adapter?.stop?.();
  });

  it("is absent when Slack is not configured", () => {
    expect(slackServeAdapter(loadConfig({}))).toBeUndefined();
  });
});
