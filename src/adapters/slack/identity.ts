/**
 * Who a Slack user is, for channel drills: whether they may run `drills on|off` and `reveal`
 * (workspace admins and owners), the name leaderboards show, and their time zone (streaks count
 * local days). One `users.info` call (scope `users:read`) per user, remembered for a while; when
 * Slack cannot tell, the user is treated as a member without a name.
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

/** How long a lookup is reused. */
const KEEP_MS = 10 * 60_000;
/** Users remembered at most (the oldest is forgotten first). */
const MAX_USERS = 2000;

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

/** Looks users up through `client`, with a bounded cache; never rejects. */
export function identityLookup(
  client: webApi.WebClient,
  logger: () => Logger,
  now: () => number = Date.now,
): (team: string, user: string) => Promise<SlackIdentity> {
  const cache = new Map<string, { at: number; identity: SlackIdentity }>();
  return async (team, user) => {
    const key = `${team}:${user}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < KEEP_MS) return hit.identity;
    try {
      const res = await client.users.info({ user });
      const identity = identityOf(res.user);
      cache.delete(key);
      cache.set(key, { at: now(), identity });
      if (cache.size > MAX_USERS) cache.delete(cache.keys().next().value ?? key);
      return identity;
    } catch (err) {
      logger().warn({ err, user }, "could not look up a Slack user (is the users:read scope granted?)");
      return { channelAdmin: false };
    }
  };
}
