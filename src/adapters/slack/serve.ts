/**
 * The Slack adapter as `podsensei serve` runs it: settings from the configuration, the bot core on
 * its own Redis connection (opened at start, closed at stop), which also keeps the workspaces'
 * installations when podsensei is distributed, channel drills on the bot's queues, the
 * repository's content.
 */
import { createRedisBot } from "../../bot/redis-bot.js";
import type { Config } from "../../config.js";
import { createRedis } from "../../jobs/connection.js";
import { defaultContent } from "../../tutor/content.js";
import type { Content } from "../../tutor/content-schema.js";
import { createSlackAdapter, type SlackAdapter } from "./index.js";
import { RedisInstallationStore } from "./installation-store.js";

/** Options of {@link slackServeAdapter}. */
export interface SlackServeOptions {
  /** HTTP mode's port (Socket Mode's install pages' with distribution); default 3000. */
  port?: number;
  /** Content to teach; default the repository's `content/`. */
  content?: Content;
}

/** The Slack adapter for `runServe`, or undefined when Slack is not configured. */
export function slackServeAdapter(config: Config, o: SlackServeOptions = {}): SlackAdapter | undefined {
  if (!config.slack) return undefined;
  const redis = createRedis(config.redisUrl, { name: "podsensei-slack" });
  const content = o.content ?? defaultContent();
  const adapter = createSlackAdapter({
    settings: config.slack,
    bot: (ctx) =>
      createRedisBot({
        redis,
        prefix: config.queuePrefix,
        content,
        producer: ctx.producer,
        queues: ctx.queues,
        logger: ctx.logger,
      }),
    http: { port: o.port ?? 3000 },
    ...(config.slack.oauth ? { installations: new RedisInstallationStore(redis, config.queuePrefix) } : {}),
  });
  return {
    ...adapter,
    stop: async () => {
      await adapter.stop?.();
      await redis.quit().catch(() => undefined);
    },
  };
}
