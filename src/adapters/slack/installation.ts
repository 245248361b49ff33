/**
 * An installation of the app in a Slack workspace (or, org-wide, in an Enterprise Grid
 * organisation) as Bolt's OAuth installer hands it over (`@slack/oauth` `Installation`) and as it
 * is kept in Redis: validated with zod on the way in and on the way out, so a record written by
 * something else is refused instead of half-read.
 */
import type { Installation } from "@slack/bolt";
import { z } from "zod";

const idName = z.object({ id: z.string().min(1), name: z.string().optional() });

/** The fields `@slack/oauth` stores (install-provider.ts `handleCallback`, v2 flow). */
export const installationSchema = z
  .object({
    team: idName.optional(),
    enterprise: idName.optional(),
    user: z.object({
      token: z.string().optional(),
      refreshToken: z.string().optional(),
      expiresAt: z.number().optional(),
      scopes: z.array(z.string()).optional(),
      id: z.string().min(1),
    }),
    bot: z
      .object({
        token: z.string().min(1),
        refreshToken: z.string().optional(),
        expiresAt: z.number().optional(),
        scopes: z.array(z.string()),
        id: z.string(),
        userId: z.string().min(1),
      })
      .optional(),
    incomingWebhook: z
      .object({
        url: z.string(),
        channel: z.string().optional(),
        channelId: z.string().optional(),
        configurationUrl: z.string().optional(),
      })
      .optional(),
    appId: z.string().optional(),
    tokenType: z.literal("bot").optional(),
    enterpriseUrl: z.string().optional(),
    isEnterpriseInstall: z.boolean().optional(),
    authVersion: z.enum(["v1", "v2"]).optional(),
    metadata: z.string().optional(),
  })
  .refine((i) => (i.isEnterpriseInstall ? i.enterprise !== undefined : i.team !== undefined), {
    message: "an org-wide installation needs its enterprise, any other its team",
  });

/** Where an installation is kept: per workspace, or per organisation for org-wide installs. */
export type InstallationKey = { kind: "team"; id: string } | { kind: "enterprise"; id: string };

/** The key of an installation record. */
export function installationKey(i: {
  isEnterpriseInstall?: boolean | undefined;
  team?: { id: string } | undefined;
  enterprise?: { id: string } | undefined;
}): InstallationKey {
  return i.isEnterpriseInstall
    ? { kind: "enterprise", id: i.enterprise?.id ?? "" }
    : { kind: "team", id: i.team?.id ?? "" };
}

/** The record as Bolt's installer reads it back. */
export function toInstallation(record: z.infer<typeof installationSchema>): Installation {
  return record as Installation;
}
