/**
 * Who a Slack user is, for channel drills: whether they may run `drills on|off` and `reveal`, the
 * name leaderboards show, and their time zone (streaks count local days). Slack documents no API
 * for a channel's managers, so "channel admin" means what can be checked with documented calls:
 * a workspace admin or owner (`users.info`, scope `users:read`) or the channel's creator
 * (`conversations.info` → `channel.creator`, scopes `channels:read` and `groups:read`). Each user
 * and each channel is looked up once and remembered for a while; when Slack cannot tell, the user
 * is treated as a member (and, without `users.info`, as one without a name).
 */
import type { webApi } from "@slack/bolt";
import { z } from "zod";
import type { Logger } from "../../core/logger.js";

/** What the adapter sets on an `IncomingMessage` from the lookup. */
export interface SlackIdentity {
  channelAdmin: boolean;
  userName?: string;
  timeZone?: string;
}

const userSchema = z.object({
  name: z.string().optional(),
  real_name: z.string().optional(),
  tz: z.string().optional(),
  is_admin: z.boolean().optional(),
  is_owner: z.boolean().optional(),
  is_primary_owner: z.boolean().optional(),
  profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).optional(),
});

const channelSchema = z.object({ creator: z.string().min(1) });

/** How long a lookup is reused. */
const KEEP_MS = 10 * 60_000;
/** Users (and, separately, channels) remembered at most (the oldest is forgotten first). */
const MAX_ENTRIES = 2000;

/** The identity in a `users.info` answer's `user`. */
export function identityOf(user: unknown): SlackIdentity {
  const u = userSchema.safeParse(user);
  if (!u.success) return { channelAdmin: false };
  const name = [u.data.profile?.display_name, u.data.profile?.real_name, u.data.real_name, u.data.name]
    .map((n) => n?.trim())
    .find((n) => n);
  return {
    channelAdmin: u.data.is_admin === true || u.data.is_owner === true || u.data.is_primary_owner === true,
    ...(name ? { userName: name } : {}),
    ...(u.data.tz ? { timeZone: u.data.tz } : {}),
  };
}

/** The creator's user id in a `conversations.info` answer's `channel`, if it names one. */
export function creatorOf(channel: unknown): string | undefined {
  const c = channelSchema.safeParse(channel);
  return c.success ? c.data.creator : undefined;
}

/** A bounded, expiring memo of one kind of lookup per workspace; failed lookups are not remembered. */
function memo<T>(
  now: () => number,
  load: (client: webApi.WebClient, id: string) => Promise<T>,
): (client: webApi.WebClient, team: string, id: string) => Promise<T> {
  const cache = new Map<string, { at: number; value: T }>();
  return async (client, team, id) => {
    const key = `${team}:${id}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < KEEP_MS) return hit.value;
    const value = await load(client, id);
    cache.delete(key);
    cache.set(key, { at: now(), value });
    if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value ?? key);
    return value;
  };
}

/**
 * Looks users (and, given a channel, the channel's creator) up through `client` (the one speaking
 * in workspace `team`), with bounded caches per workspace; never rejects.
 */
export function identityLookup(
  logger: () => Logger,
  now: () => number = Date.now,
): (client: webApi.WebClient, team: string, user: string, channel?: string) => Promise<SlackIdentity> {
  const users = memo(now, async (client, user) => identityOf((await client.users.info({ user })).user));
  const creators = memo(now, async (client, channel) =>
    creatorOf((await client.conversations.info({ channel })).channel),
  );
  return async (client, team, user, channel) => {
    let identity: SlackIdentity;
    try {
      identity = await users(client, team, user);
    } catch (err) {
      logger().warn({ err, user }, "could not look up a Slack user (is the users:read scope granted?)");
      identity = { channelAdmin: false };
    }
    if (identity.channelAdmin || channel === undefined) return identity;
    try {
      const creator = await creators(client, team, channel);
      return creator === user ? { ...identity, channelAdmin: true } : identity;
    } catch (err) {
      logger().warn(
        { err, channel },
        "could not look up a Slack channel (are the channels:read and groups:read scopes granted?)",
      );
      return identity;
    }
  };
}
