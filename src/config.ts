/**
 * Configuration of `podsensei serve` and `podsensei worker`, read from the environment once at
 * start-up, checked by zod, and frozen. A bad environment fails fast with one error that lists
 * every bad variable, so an operator fixes them all in one go.
 */
import { availableParallelism } from "node:os";
import { z } from "zod";
import { PodsenseiError } from "./core/errors.js";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const int = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { message: "must be a whole number" })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { message: `must be at least ${min}` })
        .max(max, { message: `must be at most ${max}` }),
    );

const optionalSecret = (prefix: string | undefined, what: string) =>
  z
    .string()
    .trim()
    .min(1)
    .refine((v) => prefix === undefined || v.startsWith(prefix), {
      message: `must be a ${what} (starting with ${prefix})`,
    })
    .optional();

const bool = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ["true", "false", "1", "0", "yes", "no"].includes(v), {
    message: "must be true or false (or 1/0, yes/no)",
  })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const shardIds = z
  .string()
  .trim()
  .regex(/^\d{1,4}(\s*,\s*\d{1,4})*$/, { message: "must be comma-separated shard ids, e.g. 0,1" })
  .transform((v) => [...new Set(v.split(",").map((id) => Number(id.trim())))].sort((a, b) => a - b));

/** The environment variables, with their defaults. Each field documents its variable. */
const envSchema = z.object({
  /** Redis for queues, rate limits, progress and delivery markers. Default `redis://127.0.0.1:6379`. */
  REDIS_URL: z
    .string()
    .trim()
    .default("redis://127.0.0.1:6379")
    .refine((v) => /^rediss?:\/\/[^\s]+$/.test(v) && URL.canParse(v), {
      message: "must be a redis:// or rediss:// URL",
    }),
  /** Prefix of every queue key in Redis; default `podsensei`. */
  QUEUE_PREFIX: z
    .string()
    .default("podsensei")
    .refine((v) => /^[A-Za-z0-9_.{}-]{1,64}$/.test(v), { message: "must be 1-64 letters, digits, or _ . - { }" }),
  /** Address of the health/metrics HTTP server; default `0.0.0.0`. */
  HTTP_HOST: z.string().trim().min(1).default("0.0.0.0"),
  /** Port of the health/metrics HTTP server (0 picks a free one); default 8080. */
  HTTP_PORT: int(0, 65535).default(8080),
  /** pino level; default `info`. */
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  /**
   * Jobs one worker process takes at once; default 4. Twice the sandbox threads keeps each thread
   * fed while the next job's Redis round trips are in flight (docs/scaling.md).
   */
  WORKER_CONCURRENCY: int(1, 256).default(4),
  /** Sandbox threads per worker process; default: WORKER_CONCURRENCY, at most the cores Node sees. */
  SANDBOX_THREADS: int(1, 256).optional(),
  /** Heap cap of each sandbox thread in MiB (worker `resourceLimits`); default 256. */
  SANDBOX_MEMORY_MB: int(16, 8192).default(256),
  /** Wall-clock deadline of one simulation in ms; default 8000. */
  JOB_TIMEOUT_MS: int(100, 600_000).default(8000),
  /**
   * BullMQ job lock in ms; a job whose process died is recovered as stalled after at most
   * about twice this. Default 30000.
   */
  JOB_LOCK_MS: int(500, 600_000).default(30_000),
  /** Replies one bot process sends at once; default 8. */
  DELIVER_CONCURRENCY: int(1, 256).default(8),
  /** How long SIGTERM waits for in-flight jobs before handing them back; default 25000. */
  SHUTDOWN_GRACE_MS: int(0, 600_000).default(25_000),
  /** Slack bot token (`xoxb-…`); enables Slack in one workspace. */
  SLACK_BOT_TOKEN: optionalSecret("xoxb-", "Slack bot token"),
  /**
   * Port Slack's HTTP mode (Events API, and with distribution the install pages) listens on;
   * default 3000. In Socket Mode only the install pages use it, with distribution.
   */
  SLACK_PORT: int(0, 65535).default(3000),
  /** Slack signing secret (HTTP mode). */
  SLACK_SIGNING_SECRET: optionalSecret(undefined, ""),
  /** Slack app-level token (`xapp-…`, Socket Mode). */
  SLACK_APP_TOKEN: optionalSecret("xapp-", "Slack app-level token"),
  /** Slack app's client id (Basic Information); with the two below, installs into many workspaces. */
  SLACK_CLIENT_ID: z.string().trim().min(1).optional(),
  /** Slack app's client secret (Basic Information), for the OAuth exchange. */
  SLACK_CLIENT_SECRET: optionalSecret(undefined, ""),
  /** A random secret of ours that signs the OAuth `state` (at least 16 characters). */
  SLACK_STATE_SECRET: z
    .string()
    .trim()
    .min(16, { message: "must be at least 16 characters (a random string)" })
    .optional(),
  /** Discord bot token; enables Discord. */
  DISCORD_TOKEN: optionalSecret(undefined, ""),
  /** Discord application id (registers slash commands). */
  DISCORD_APPLICATION_ID: z
    .string()
    .trim()
    .regex(/^\d{5,25}$/, { message: "must be a numeric Discord snowflake" })
    .optional(),
  /**
   * Whether the MessageContent privileged intent is enabled in the Developer Portal (then
   * ```yaml blocks are read in every channel); default false.
   */
  DISCORD_MESSAGE_CONTENT: bool.default(false),
  /** Shard ids this process runs, comma-separated (needs DISCORD_SHARD_COUNT); default all. */
  DISCORD_SHARDS: shardIds.optional(),
  /** Total number of gateway shards across processes; default 1. */
  DISCORD_SHARD_COUNT: int(1, 4096).optional(),
});

const SLACK_OAUTH = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const;

/**
 * Slack runs in one of two ways: one workspace with SLACK_BOT_TOKEN, or distributed (OAuth
 * installs into many workspaces) with all three SLACK_OAUTH variables; never both, since Bolt
 * refuses a token together with installer options (bolt-js `App.initAuthorizeIfNoTokenIsGiven`).
 */
function slackProblems(env: Record<string, string>): string[] {
  const problems: string[] = [];
  const oauth = SLACK_OAUTH.filter((name) => env[name]);
  const all = SLACK_OAUTH.join(", ");
  if (env.SLACK_BOT_TOKEN && oauth.length > 0) {
    problems.push(
      `SLACK_BOT_TOKEN: cannot be combined with ${oauth.join(", ")}: set SLACK_BOT_TOKEN for one workspace, or ${all} (and no bot token) to install in many`,
    );
  }
  if (oauth.length > 0 && oauth.length < SLACK_OAUTH.length) {
    for (const name of SLACK_OAUTH.filter((n) => !env[n]))
      problems.push(`${name}: is required with ${oauth.join(" and ")} (installing in many workspaces needs ${all})`);
  }
  const enabled = env.SLACK_BOT_TOKEN || oauth.length > 0;
  if (enabled && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
    const by = env.SLACK_BOT_TOKEN ? "SLACK_BOT_TOKEN" : oauth.join(", ");
    problems.push(`SLACK_SIGNING_SECRET: is required with ${by} (or set SLACK_APP_TOKEN for Socket Mode)`);
  }
  if ((env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN) && !enabled) {
    problems.push(
      `SLACK_BOT_TOKEN: is required when other SLACK_* variables are set (or ${all} to install in many workspaces)`,
    );
  }
  return problems;
}

/** Rules across variables, checked even when single variables are bad, so all problems show at once. */
function crossProblems(env: Record<string, string>): string[] {
  const problems: string[] = [];
  problems.push(...slackProblems(env));
  if (env.DISCORD_SHARDS && !env.DISCORD_SHARD_COUNT) {
    problems.push("DISCORD_SHARD_COUNT: is required with DISCORD_SHARDS (the total number of shards)");
  }
  const count = Number(env.DISCORD_SHARD_COUNT);
  if (env.DISCORD_SHARDS && Number.isInteger(count) && count > 0) {
    const beyond = env.DISCORD_SHARDS.split(",").filter((id) => Number(id.trim()) >= count);
    if (beyond.length > 0)
      problems.push(`DISCORD_SHARDS: shard ids must be below DISCORD_SHARD_COUNT (${count}) (got ${beyond.join(",")})`);
  }
  return problems;
}

/** Slack's OAuth credentials (distribution): Bolt's `clientId`, `clientSecret`, `stateSecret`. */
export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
}

/**
 * Slack: exactly one of `botToken` (one workspace) and `oauth` (installs into many workspaces).
 * `port` is HTTP mode's (SLACK_PORT), and Socket Mode's install pages'.
 */
export type SlackConfig = { signingSecret?: string; appToken?: string; port: number } & (
  | { botToken: string; oauth?: undefined }
  | { oauth: SlackOAuthConfig; botToken?: undefined }
);

/** The typed, frozen configuration. */
export interface Config {
  redisUrl: string;
  queuePrefix: string;
  http: { host: string; port: number };
  logLevel: (typeof LOG_LEVELS)[number];
  worker: { concurrency: number; sandboxThreads: number; sandboxMemoryMb: number; jobTimeoutMs: number };
  /** BullMQ lock duration and stalled-check interval (JOB_LOCK_MS). */
  lockMs: number;
  deliverConcurrency: number;
  shutdownGraceMs: number;
  /** Slack, when SLACK_BOT_TOKEN or the SLACK_CLIENT_* variables are set. */
  slack?: SlackConfig;
  /** Discord, when DISCORD_TOKEN is set; sharding as discord.js's `shards` and `shardCount`. */
  discord?: {
    token: string;
    applicationId?: string;
    messageContent: boolean;
    shards?: number[];
    shardCount?: number;
  };
}

/** A bad environment (code `CONFIG_INVALID`): `problems` holds one line per bad variable. */
export class ConfigError extends PodsenseiError<"CONFIG_INVALID"> {
  readonly problems: string[];
  constructor(problems: string[]) {
    super("CONFIG_INVALID", { problems });
    this.problems = problems;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The Slack part of the configuration, if Slack is configured (the cross rules hold by now). */
function slackConfig(e: z.infer<typeof envSchema>): { slack?: SlackConfig } {
  const rest = {
    ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
    ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
    port: e.SLACK_PORT,
  };
  if (e.SLACK_BOT_TOKEN) return { slack: { botToken: e.SLACK_BOT_TOKEN, ...rest } };
  if (e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET) {
    const oauth = {
      clientId: e.SLACK_CLIENT_ID,
      clientSecret: e.SLACK_CLIENT_SECRET,
      stateSecret: e.SLACK_STATE_SECRET,
    };
    return { slack: { oauth, ...rest } };
  }
  return {};
}

/** Reads the configuration from `env` (default `process.env`). Throws {@link ConfigError}. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== "")) as Record<
    string,
    string
  >;
  const parsed = envSchema.safeParse(present);
  const cross = crossProblems(present);
  if (!parsed.success || cross.length > 0) {
    const problems = (parsed.error?.issues ?? []).map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      const raw = present[name];
      const secret = /TOKEN|SECRET/.test(name);
      const shown = raw === undefined ? "" : secret ? " (value hidden)" : ` (got ${JSON.stringify(raw)})`;
      return `${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError([...new Set([...problems, ...cross])].sort());
  }
  const e = parsed.data;
  const config: Config = {
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT },
    logLevel: e.LOG_LEVEL,
    worker: {
      concurrency: e.WORKER_CONCURRENCY,
      sandboxThreads: e.SANDBOX_THREADS ?? Math.min(e.WORKER_CONCURRENCY, availableParallelism()),
      sandboxMemoryMb: e.SANDBOX_MEMORY_MB,
      jobTimeoutMs: e.JOB_TIMEOUT_MS,
    },
    lockMs: e.JOB_LOCK_MS,
    deliverConcurrency: e.DELIVER_CONCURRENCY,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    ...slackConfig(e),
    ...(e.DISCORD_TOKEN
      ? {
          discord: {
            token: e.DISCORD_TOKEN,
            ...(e.DISCORD_APPLICATION_ID ? { applicationId: e.DISCORD_APPLICATION_ID } : {}),
            messageContent: e.DISCORD_MESSAGE_CONTENT,
            ...(e.DISCORD_SHARDS ? { shards: e.DISCORD_SHARDS } : {}),
            ...(e.DISCORD_SHARD_COUNT !== undefined ? { shardCount: e.DISCORD_SHARD_COUNT } : {}),
          },
        }
      : {}),
  };
  return deepFreeze(config);
}

/** The Redis URL with any password masked, for log lines and error messages. */
export function maskRedisUrl(url: string): string {
  return url.replace(
    /\/\/([^@/]*)@/,
    (_m, cred: string) => `//${cred.includes(":") ? `${cred.split(":")[0]}:***` : "***"}@`,
  );
}
