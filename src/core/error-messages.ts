/**
 * The error catalogue: every code podsensei throws, mapped to its message (a string, or a function
 * of one named-arguments object), after discord.js's `ErrorCodes.js` / `Messages.js`. The README's
 * "Errors" table documents each code; `test/core/errors.test.ts` keeps the two in step.
 *
 * These are programmer and infrastructure errors. A learner's bad YAML never throws: it becomes a
 * finding or a rejection with Kubernetes' own words.
 */

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Code → message. Adding a code means one line here and one row in the README table. */
export const ERROR_MESSAGES = {
  ERROR_CODE_UNKNOWN: ({ code }: { code: string }) => `no message is catalogued for error code ${JSON.stringify(code)}`,

  // Configuration and content, checked at start-up.
  CONFIG_INVALID: ({ problems }: { problems: readonly string[] }) =>
    `invalid configuration (${plural(problems.length, "problem")}):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
  CONTENT_INVALID: ({ problems }: { problems: readonly string[] }) => `invalid content:\n${problems.join("\n")}`,
  CONTENT_LEVEL_UNKNOWN: ({ level }: { level: number }) => `no level ${level}`,

  // Learner progress records in Redis.
  PROGRESS_NOT_JSON: ({ detail }: { detail: string }) => `progress is not JSON: ${detail}`,
  PROGRESS_VERSION_UNKNOWN: ({ version }: { version: unknown }) => `unknown progress version ${String(version)}`,
  PROGRESS_INVALID: ({ detail }: { detail: string }) => `progress record is invalid:\n${detail}`,
  PROGRESS_UPDATE_CONFLICT: ({ key, attempts }: { key: string; attempts: number }) =>
    `progress update for ${key} kept conflicting after ${plural(attempts, "attempt")}`,

  // Chat adapters and channel drills.
  SLACK_SIGNING_SECRET_MISSING: "Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)",
  SLACK_NOT_STARTED: "Slack adapter used before start",
  SLACK_INSTALLATION_STORE_MISSING: "createSlackAdapter: settings.oauth needs an installation store",
  SLACK_INSTALLATION_MISSING: ({ where }: { where: string }) => `podsensei is not installed in the Slack ${where}`,
  SLACK_INSTALLATION_INVALID: ({ key, detail }: { key: string; detail: string }) =>
    `the Slack installation record ${key} ${detail}`,
  DISCORD_ATTACHMENT_DOWNLOAD_FAILED: ({ status }: { status: number }) => `attachment download answered ${status}`,
  DRILLS_NONE: "the course has no drills to post",

  // Queues, delivery and readiness (src/jobs, src/server, worker).
  SIMULATE_PAYLOAD_INVALID: ({ detail }: { detail: string }) => `invalid simulate payload: ${detail}`,
  DRILL_PAYLOAD_INVALID: ({ detail }: { detail: string }) => `invalid drill payload: ${detail}`,
  DELIVER_PAYLOAD_INVALID: ({ detail }: { detail: string }) => `invalid deliver payload: ${detail}`,
  DELIVERY_NO_SENDER: ({ platform }: { platform: string }) => `no sender for platform ${platform} in this process`,
  DELIVERY_IN_PROGRESS: "another process is sending this reply",
  ANSWER_LOCK_BUSY: "another answer to this request was still being sent after 15 s",
  REDIS_PING_UNEXPECTED: ({ reply }: { reply: unknown }) => `PING answered ${JSON.stringify(reply)}`,
  OPERATION_TIMEOUT: ({ what, ms }: { what: string; ms: number }) => `${what} timed out after ${ms} ms`,

  // The sandbox threads that run simulations.
  SANDBOX_NOT_IN_THREAD: "serveTasks must run in a worker thread",
  SANDBOX_START_FAILED: ({ detail }: { detail: string }) => `the sandbox thread cannot start: ${detail}`,
  SIMULATION_FAILED: ({ reason, detail }: { reason: string; detail: string }) => `simulation ${reason}: ${detail}`,

  // The simulator's own invariants (src/sandbox): a bug, never a learner's input.
  SCHEMA_DEFINITION_MISSING: ({ key }: { key: string }) => `schema definition ${key} is missing from definitions.json`,
  STORE_OBJECT_EXISTS: ({ kind, key }: { kind: string; key: string }) => `store: ${kind} ${key} already exists`,
  STORE_OBJECT_NOT_FOUND: ({ kind, key }: { kind: string; key: string }) => `store: ${kind} ${key} not found`,
  SCHEDULER_PLUGIN_UNKNOWN: ({ name }: { name: string }) => `scheduler profile: unknown plugin ${name}`,
  SCHEDULER_QUEUE_SORT_MISSING: "scheduler profile: no QueueSort plugin",
  SCHEDULER_PLUGIN_ARGS_INVALID: ({ plugin, detail }: { plugin: string; detail: string }) =>
    `scheduler plugin ${plugin}: invalid args: ${detail}`,
} as const satisfies Record<string, string | ((args: never) => string)>;
