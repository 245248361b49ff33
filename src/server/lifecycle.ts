/**
 * Process lifecycle shared by `podsensei serve` and `podsensei worker`: read the configuration
 * (a bad environment prints every problem and exits 78, EX_CONFIG), start, and on SIGTERM or
 * SIGINT close gracefully; a second signal exits at once.
 */
import { type Config, ConfigError, loadConfig, maskRedisUrl } from "../config.js";
import { createLogger, type Logger } from "../core/logger.js";

/** Something that runs until closed. */
export interface Closable {
  close(): Promise<void>;
}

/** Exit status of a bad configuration (sysexits.h EX_CONFIG). */
export const EX_CONFIG = 78;

/**
 * Runs one process role until a signal. Resolves with the exit status once it has closed (or
 * could not start); the caller sets `process.exitCode` with it.
 */
export async function runUntilSignal(
  role: "bot" | "worker",
  start: (config: Config, logger: Logger) => Promise<Closable>,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`podsensei ${role}: ${err.message}\n`);
      return EX_CONFIG;
    }
    throw err;
  }
  const logger = createLogger({ level: config.logLevel, name: role });
  let handle: Closable;
  try {
    handle = await start(config, logger);
  } catch (err) {
    logger.fatal({ err, redis: maskRedisUrl(config.redisUrl) }, `podsensei ${role} could not start`);
    return 1;
  }
  logger.info({ redis: maskRedisUrl(config.redisUrl) }, `podsensei ${role} started`);
  return new Promise<number>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        logger.warn({ signal }, "second signal: exiting now");
        process.exit(130);
      }
      stopping = true;
      logger.info({ signal }, `podsensei ${role} shutting down`);
      handle.close().then(
        () => {
          logger.info(`podsensei ${role} stopped`);
          resolve(0);
        },
        (err: unknown) => {
          logger.error({ err }, `podsensei ${role} did not stop cleanly`);
          resolve(1);
        },
      );
    };
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
  });
}
