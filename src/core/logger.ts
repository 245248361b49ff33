/**
 * The process logger: pino JSON lines, with tokens, secrets and credentials redacted wherever
 * they appear in a logged object (up to three levels deep), and a request id on every line
 * logged about a request (`forRequest`).
 */
import { type DestinationStream, type Logger, type LoggerOptions, pino } from "pino";

export type { Logger } from "pino";

/** Field names whose values never reach a log line. */
export const SECRET_FIELDS = [
  "token",
  "botToken",
  "appToken",
  "signingSecret",
  "clientSecret",
  "stateSecret",
  "password",
  "secret",
  "authorization",
  "cookie",
  "interactionToken",
  "slackBotToken",
  "slackAppToken",
  "slackSigningSecret",
  "discordToken",
  "redisUrl",
] as const;

/** The pino redact paths covering {@link SECRET_FIELDS} at the top level and nested. */
export const REDACT_PATHS: string[] = SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

/** The text that replaces a redacted value. */
export const REDACTED = "[redacted]";

/** Options of {@link createLogger}. */
export interface LoggerSettings {
  /** Minimum level; default `info`. */
  level?: LoggerOptions["level"];
  /** Process role shown on every line (`bot`, `worker`). */
  name?: string;
  /** Where lines go; default standard output. */
  destination?: DestinationStream;
}

/** Creates the process logger. */
export function createLogger(settings: LoggerSettings = {}): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? "info",
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    ...(settings.name ? { name: settings.name } : {}),
  };
  return settings.destination ? pino(options, settings.destination) : pino(options);
}

/** A child logger whose lines all carry the request id. */
export function forRequest(logger: Logger, requestId: string): Logger {
  return logger.child({ requestId });
}

/**
 * An error handler that logs at most one warning per `everyMs` (default 5 s), with how many
 * errors it folded: a Redis outage retries every few hundred ms and must not flood the log.
 */
export function rateLimitedWarn(logger: Logger, msg: string, everyMs = 5000): (err: Error) => void {
  let last = Number.NEGATIVE_INFINITY;
  let folded = 0;
  return (err) => {
    const now = performance.now();
    if (now - last < everyMs) {
      folded++;
      return;
    }
    logger.warn({ err, folded }, msg);
    last = now;
    folded = 0;
  };
}
