/**
 * Bolt's `Logger` over our pino logger, so Bolt's own lines (a request with a bad signature, an
 * unacknowledged event) land in the same JSON log, with secrets redacted. The target can be
 * swapped once the bot process hands the adapter its logger.
 */
import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../core/logger.js";

/** A Bolt logger whose lines go to `target()`. */
export function boltLogger(target: () => Logger): BoltLogger {
  let level = LogLevel.INFO;
  const line = (args: unknown[]) => args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ");
  return {
    debug: (...args: unknown[]) => target().debug({ source: "bolt" }, line(args)),
    info: (...args: unknown[]) => target().info({ source: "bolt" }, line(args)),
    warn: (...args: unknown[]) => target().warn({ source: "bolt" }, line(args)),
    error: (...args: unknown[]) => target().error({ source: "bolt" }, line(args)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
