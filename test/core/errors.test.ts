import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_MESSAGES } from "../../src/core/error-messages.js";
import { type ErrorArgs, type ErrorCode, PodsenseiError } from "../../src/core/errors.js";
import { repoRoot } from "../support/paths.js";

/** Arguments for every code; the mapped type makes a new code without a row here a compile error. */
const SAMPLE_ARGS: { [C in ErrorCode]: ErrorArgs<C> } = {
  ERROR_CODE_UNKNOWN: [{ code: "NOPE" }],
  CONFIG_INVALID: [{ problems: ["HTTP_PORT: must be a whole number", "LOG_LEVEL: bad"] }],
  CONTENT_INVALID: [{ problems: ["level 3 must appear exactly once"] }],
  CONTENT_LEVEL_UNKNOWN: [{ level: 9 }],
  PROGRESS_NOT_JSON: [{ detail: "Unexpected token" }],
  PROGRESS_VERSION_UNKNOWN: [{ version: 42 }],
  PROGRESS_INVALID: [{ detail: "✖ Too small: expected number to be >=0" }],
  PROGRESS_UPDATE_CONFLICT: [{ key: "podsensei:progress:slack:T1:U1", attempts: 7 }],
  SLACK_SIGNING_SECRET_MISSING: [],
  SLACK_NOT_STARTED: [],
  SLACK_INSTALLATION_STORE_MISSING: [],
  SLACK_INSTALLATION_MISSING: [{ where: "workspace T42" }],
  SLACK_INSTALLATION_INVALID: [{ key: "podsensei:slack:T42", detail: "is not JSON" }],
  DISCORD_ATTACHMENT_DOWNLOAD_FAILED: [{ status: 503 }],
  DRILLS_NONE: [],
  SIMULATE_PAYLOAD_INVALID: [{ detail: "manifests: expected string" }],
  DRILL_PAYLOAD_INVALID: [{ detail: "address: required" }],
  DELIVER_PAYLOAD_INVALID: [{ detail: "reply: required" }],
  DELIVERY_NO_SENDER: [{ platform: "discord" }],
  DELIVERY_IN_PROGRESS: [],
  ANSWER_LOCK_BUSY: [],
  REDIS_PING_UNEXPECTED: [{ reply: "PANG" }],
  OPERATION_TIMEOUT: [{ what: "redis", ms: 1500 }],
  SANDBOX_NOT_IN_THREAD: [],
  SANDBOX_START_FAILED: [{ detail: "Cannot find module" }],
  SIMULATION_FAILED: [{ reason: "timeout", detail: "stopped after 8000 ms" }],
  SCHEMA_DEFINITION_MISSING: [{ key: "io.k8s.api.core.v1.PodSpec" }],
  STORE_OBJECT_EXISTS: [{ kind: "ConfigMap", key: "default/a" }],
  STORE_OBJECT_NOT_FOUND: [{ kind: "Pod", key: "default/web-0" }],
  SCHEDULER_PLUGIN_UNKNOWN: [{ name: "NodeMagic" }],
  SCHEDULER_QUEUE_SORT_MISSING: [],
  SCHEDULER_PLUGIN_ARGS_INVALID: [{ plugin: "NodeResourcesFit", detail: "scoringStrategy: invalid" }],
};

/** The constructor without its per-code typing, for loops over every code and for bad codes. */
const AnyCodeError = PodsenseiError as unknown as new (code: string, ...rest: unknown[]) => PodsenseiError;

const codes = Object.keys(ERROR_MESSAGES) as ErrorCode[];

/** Every primitive inside a sample's arguments, as the message would print it. */
function argumentTexts(args: unknown): string[] {
  if (args === null || typeof args !== "object") return [String(args)];
  return Object.values(args).flatMap(argumentTexts);
}

describe("PodsenseiError", () => {
  it.each(codes)("%s has a message that uses its arguments", (code) => {
    const args = SAMPLE_ARGS[code];
    const err = new AnyCodeError(code, ...args);
    expect(err.message.trim()).not.toBe("");
    expect(err.message).not.toMatch(/undefined|\[object Object\]/);
    const named = typeof ERROR_MESSAGES[code] === "function" ? args[0] : {};
    for (const text of argumentTexts(named)) expect(err.message).toContain(text);
  });

  it("names itself after its code, in the name, the string form and the stack", () => {
    const err = new PodsenseiError("DELIVERY_NO_SENDER", { platform: "slack" });
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe("DELIVERY_NO_SENDER");
    expect(err.name).toBe("PodsenseiError [DELIVERY_NO_SENDER]");
    expect(String(err)).toBe("PodsenseiError [DELIVERY_NO_SENDER]: no sender for platform slack in this process");
    expect(err.stack?.split("\n")[0]).toBe(String(err));
  });

  it.each([
    {
      name: "a fixed message",
      err: new PodsenseiError("SLACK_NOT_STARTED"),
      want: "Slack adapter used before start",
    },
    {
      name: "one problem, singular",
      err: new PodsenseiError("CONFIG_INVALID", { problems: ["REDIS_URL: must be a redis:// URL"] }),
      want: "invalid configuration (1 problem):\n  - REDIS_URL: must be a redis:// URL",
    },
    {
      name: "several problems, one per line",
      err: new PodsenseiError("CONFIG_INVALID", { problems: ["A: x", "B: y"] }),
      want: "invalid configuration (2 problems):\n  - A: x\n  - B: y",
    },
    {
      name: "a value shown as JSON",
      err: new PodsenseiError("REDIS_PING_UNEXPECTED", { reply: "PANG" }),
      want: 'PING answered "PANG"',
    },
  ])("formats $name", ({ err, want }) => {
    expect(err.message).toBe(want);
  });

  it("keeps its cause, with or without message arguments", () => {
    const cause = new SyntaxError("Unexpected token");
    expect(new PodsenseiError("PROGRESS_NOT_JSON", { detail: cause.message }, { cause }).cause).toBe(cause);
    expect(new PodsenseiError("DRILLS_NONE", { cause }).cause).toBe(cause);
    expect(new PodsenseiError("DRILLS_NONE").cause).toBeUndefined();
  });

  it.each(["NOT_A_CODE", "toString", "constructor"])("refuses the uncatalogued code %s", (code) => {
    expect(() => new AnyCodeError(code)).toThrow(
      expect.objectContaining({
        code: "ERROR_CODE_UNKNOWN",
        message: `no message is catalogued for error code "${code}"`,
      }),
    );
  });
});

describe("README error table", () => {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const section = readme.split(/^## Errors$/m)[1]?.split(/^## /m)[0] ?? "";
  const rows = [...section.matchAll(/^\| <a id="([^"]*)"><\/a>`([^`]*)` \|(.*)\|(.*)\|$/gm)];
  const documented = rows.map((r) => r[2]);

  it("has a section with a row per code", () => {
    expect(section).not.toBe("");
    expect(documented.length).toBeGreaterThan(0);
  });

  it("documents every code, once", () => {
    const missing = codes.filter((c) => !documented.includes(c));
    expect(missing).toEqual([]);
    expect(new Set(documented).size).toBe(documented.length);
  });

  it("documents only codes that exist", () => {
    const stale = documented.filter((c) => !(codes as string[]).includes(c as string));
    expect(stale).toEqual([]);
  });

  it("gives each code its lower-case anchor, a meaning and what to do", () => {
    for (const [, anchor, code, meaning, todo] of rows) {
      expect(anchor).toBe(code?.toLowerCase());
      expect(meaning?.trim()).not.toBe("");
      expect(todo?.trim()).not.toBe("");
    }
  });
});
