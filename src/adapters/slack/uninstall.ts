/**
 * Forgetting an installation when Slack says its bot token is gone: `app_uninstalled` (the app
 * was removed from the workspace, or org-wide from the organisation) and `tokens_revoked` naming
 * bot tokens. Bolt delivers both without authorizing them (bolt-js `helpers.ts`
 * `eventTypesToSkipAuthorize`), since the token they would be authorized with is already dead;
 * the team and enterprise come from the envelope. Learner progress is kept: reinstalling finds
 * everyone where they were.
 */
import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Logger } from "../../core/logger.js";
import type { RedisInstallationStore } from "./installation-store.js";

const revokedSchema = z.object({ tokens: z.object({ bot: z.array(z.string()).optional() }) });

/** Registers the two listeners on `app`. */
export function registerUninstall(
  app: App,
  store: Pick<RedisInstallationStore, "deleteInstallation">,
  logger: () => Logger,
): void {
  const forget = async (
    why: string,
    context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean },
  ) => {
    const query = context.isEnterpriseInstall
      ? { isEnterpriseInstall: true, enterpriseId: context.enterpriseId ?? "", teamId: undefined }
      : { isEnterpriseInstall: false, enterpriseId: context.enterpriseId, teamId: context.teamId ?? "" };
    try {
      await store.deleteInstallation(query);
      logger().info({ team: context.teamId, enterprise: context.enterpriseId }, `slack installation removed (${why})`);
    } catch (err) {
      logger().error({ err, team: context.teamId }, "could not remove a Slack installation");
    }
  };
  app.event("app_uninstalled", async ({ context }) => {
    await forget("app_uninstalled", context);
  });
  app.event("tokens_revoked", async ({ event, context }) => {
    const revoked = revokedSchema.safeParse(event);
    // Only bot tokens speak for podsensei; a revoked user token changes nothing here.
    if (revoked.success && (revoked.data.tokens.bot?.length ?? 0) > 0) await forget("tokens_revoked", context);
  });
}
