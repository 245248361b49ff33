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

  it("is absent when Slack is not configured", () => {
    expect(slackServeAdapter(loadConfig({}))).toBeUndefined();
  });
});
