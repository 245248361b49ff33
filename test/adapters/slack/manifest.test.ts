/**
 * `slack/manifest.yaml` and the code agree: the scopes the install page asks for are the
 * manifest's, the redirect URL ends in the path Bolt serves, and the events that remove an
 * installation are subscribed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { REDIRECT_PATH } from "../../../src/adapters/slack/oauth-pages.js";
import { BOT_SCOPES } from "../../../src/adapters/slack/scopes.js";
import { repoRoot } from "../../support/paths.js";

interface Manifest {
  oauth_config: { redirect_urls: string[]; scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] } };
}

const manifest = load(readFileSync(join(repoRoot, "slack", "manifest.yaml"), "utf8")) as Manifest;

describe("slack/manifest.yaml", () => {
  it("lists exactly the bot scopes the install page asks for", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
  });

  it("redirects installs to the path the app serves", () => {
    expect(manifest.oauth_config.redirect_urls).toHaveLength(1);
    expect(new URL(manifest.oauth_config.redirect_urls[0] ?? "").pathname).toBe(REDIRECT_PATH);
  });

  it("subscribes to the events that remove an installation", () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(["app_uninstalled", "tokens_revoked"]),
    );
  });
});
