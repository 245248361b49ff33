import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, maskRedisUrl } from "../src/config.js";

describe("loadConfig", () => {
  it("applies documented defaults and freezes the result", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      redisUrl: "redis://127.0.0.1:6379",
      queuePrefix: "podsensei",
      http: { host: "0.0.0.0", port: 8080 },
      logLevel: "info",
      worker: {
        concurrency: 4,
        sandboxThreads: Math.min(4, availableParallelism()),
        sandboxMemoryMb: 256,
        jobTimeoutMs: 8000,
      },
      lockMs: 30_000,
    });
    expect(c.slack).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.worker)).toBe(true);
  });

  it("reads every variable", () => {
    const c = loadConfig({
      REDIS_URL: "rediss://:pw@redis:6380/1",
      QUEUE_PREFIX: "ps-test",
      HTTP_PORT: "0",
      WORKER_CONCURRENCY: "8",
      SANDBOX_THREADS: "4",
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_APP_TOKEN: "xapp-1",
      DISCORD_TOKEN: "abc",
      DISCORD_APPLICATION_ID: "123456789012",
    });
    expect(c.worker).toMatchObject({ concurrency: 8, sandboxThreads: 4 });
    expect(c.http.port).toBe(0);
    expect(c.slack).toEqual({ botToken: "xoxb-1", appToken: "xapp-1", port: 3000 });
    expect(c.discord).toEqual({ token: "abc", applicationId: "123456789012", messageContent: false });
  });

  it("lists every bad variable in one readable error and never echoes a secret", () => {
    let error: unknown;
    try {
      loadConfig({
        REDIS_URL: "localhost:6379",
        HTTP_PORT: "eighty",
        WORKER_CONCURRENCY: "0",
        LOG_LEVEL: "loud",
        SLACK_BOT_TOKEN: "xoxp-secret-user-token",
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    expect(e).toMatchObject({ code: "CONFIG_INVALID", name: "PodsenseiError [CONFIG_INVALID]" });
    expect(e.problems.map((p) => p.split(":")[0])).toEqual([
      "HTTP_PORT",
      "LOG_LEVEL",
      "REDIS_URL",
      "SLACK_BOT_TOKEN",
      "SLACK_SIGNING_SECRET",
      "WORKER_CONCURRENCY",
    ]);
    expect(e.message).toMatch(/^invalid configuration \(6 problems\):/);
    expect(e.message).toContain('HTTP_PORT: must be a whole number (got "eighty")');
    expect(e.message).toContain("WORKER_CONCURRENCY: must be at least 1");
    expect(e.message).not.toContain("xoxp-secret-user-token");
  });

  it("reads the Slack HTTP port and the Discord intent and sharding variables", () => {
    const c = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "s",
      SLACK_PORT: "3100",
      DISCORD_TOKEN: "abc",
      DISCORD_MESSAGE_CONTENT: "true",
      DISCORD_SHARDS: "3, 1,1",
      DISCORD_SHARD_COUNT: "4",
    });
    expect(c.slack).toEqual({ botToken: "xoxb-1", signingSecret: "s", port: 3100 });
    expect(c.discord).toEqual({ token: "abc", messageContent: true, shards: [1, 3], shardCount: 4 });
    expect(Object.isFrozen(c.discord?.shards)).toBe(true);
  });

  it.each([
    ["true", true],
    ["TRUE", true],
    ["1", true],
    ["yes", true],
    ["false", false],
    ["0", false],
    ["no", false],
  ])("reads DISCORD_MESSAGE_CONTENT=%s as %s", (value, want) => {
    expect(loadConfig({ DISCORD_TOKEN: "abc", DISCORD_MESSAGE_CONTENT: value }).discord?.messageContent).toBe(want);
  });

  it.each([
    [{ SLACK_PORT: "70000" }, "SLACK_PORT: must be at most 65535"],
    [{ DISCORD_MESSAGE_CONTENT: "maybe" }, "DISCORD_MESSAGE_CONTENT: must be true or false"],
    [{ DISCORD_SHARDS: "0;1", DISCORD_SHARD_COUNT: "2" }, "DISCORD_SHARDS: must be comma-separated shard ids"],
    [{ DISCORD_SHARDS: "0,1" }, "DISCORD_SHARD_COUNT: is required with DISCORD_SHARDS"],
    [
      { DISCORD_SHARDS: "0,2", DISCORD_SHARD_COUNT: "2" },
      "DISCORD_SHARDS: shard ids must be below DISCORD_SHARD_COUNT (2) (got 2)",
    ],
    [{ DISCORD_SHARD_COUNT: "0" }, "DISCORD_SHARD_COUNT: must be at least 1"],
  ])("refuses %o", (env, problem) => {
    let error: unknown;
    try {
      loadConfig({ DISCORD_TOKEN: "abc", ...env });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.some((p) => p.startsWith(problem))).toBe(true);
  });

  it("reads Slack's OAuth credentials (installs into many workspaces) instead of a bot token", () => {
    const c = loadConfig({
      SLACK_CLIENT_ID: "1111.2222",
      SLACK_CLIENT_SECRET: "client-secret",
      SLACK_STATE_SECRET: "a-state-secret-of-32-characters!",
      SLACK_SIGNING_SECRET: "s",
    });
    expect(c.slack).toEqual({
      oauth: { clientId: "1111.2222", clientSecret: "client-secret", stateSecret: "a-state-secret-of-32-characters!" },
      signingSecret: "s",
      port: 3000,
    });
    expect(Object.isFrozen(c.slack?.oauth)).toBe(true);
  });

  const OAUTH = {
    SLACK_CLIENT_ID: "1111.2222",
    SLACK_CLIENT_SECRET: "client-secret-value",
    SLACK_STATE_SECRET: "0123456789abcdef",
  };
  it.each([
    [
      { SLACK_CLIENT_ID: "1111.2222", SLACK_SIGNING_SECRET: "s" },
      [
        "SLACK_CLIENT_SECRET: is required with SLACK_CLIENT_ID (installing in many workspaces needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET)",
        "SLACK_STATE_SECRET: is required with SLACK_CLIENT_ID (installing in many workspaces needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET)",
      ],
    ],
    [
      { ...OAUTH, SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" },
      [
        "SLACK_BOT_TOKEN: cannot be combined with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: set SLACK_BOT_TOKEN for one workspace, or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET (and no bot token) to install in many",
      ],
    ],
    [
      OAUTH,
      [
        "SLACK_SIGNING_SECRET: is required with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET (or set SLACK_APP_TOKEN for Socket Mode)",
      ],
    ],
    [
      { ...OAUTH, SLACK_APP_TOKEN: "xapp-1", SLACK_STATE_SECRET: "short" },
      ["SLACK_STATE_SECRET: must be at least 16 characters (a random string) (value hidden)"],
    ],
    [
      { SLACK_APP_TOKEN: "xapp-1" },
      [
        "SLACK_BOT_TOKEN: is required when other SLACK_* variables are set (or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET to install in many workspaces)",
      ],
    ],
  ])("explains the half-configured Slack set-up %o", (env, problems) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual(problems);
    expect((error as ConfigError).message).not.toContain("client-secret-value");
  });

  it("masks the Redis password for logs", () => {
    expect(maskRedisUrl("redis://user:secret@redis:6379/0")).toBe("redis://user:***@redis:6379/0");
    expect(maskRedisUrl("redis://redis:6379")).toBe("redis://redis:6379");
  });
});
