/**
 * The Web API client that speaks in a given workspace, for replies delivered later (simulation
 * results, drill posts): with one bot token that is Bolt's own client; with installs in many
 * workspaces it carries the workspace's bot token from the installation store, and the workspace
 * as `teamId` (as Bolt does for its per-event clients, bolt-js `App.processEvent`), which an
 * org-wide token needs to know where to post.
 */
import { webApi } from "@slack/bolt";
import { PodsenseiError } from "../../core/errors.js";
import type { RedisInstallationStore } from "./installation-store.js";

/** Resolves the client for a workspace (Slack team id); rejects when podsensei is not installed there. */
export type ClientFor = (team: string) => Promise<webApi.WebClient>;

/** Clients kept per workspace and token, so connections and rate-limit queues are reused. */
const MAX_CLIENTS = 1000;

/** One client for every workspace: single-workspace token mode. */
export function singleClient(client: webApi.WebClient): ClientFor {
  return async () => client;
}

/** A client per workspace from its installation. */
export function installedClients(
  store: Pick<RedisInstallationStore, "botTokenFor">,
  clientOptions: webApi.WebClientOptions,
): ClientFor {
  const clients = new Map<string, webApi.WebClient>();
  return async (team) => {
    const token = await store.botTokenFor(team);
    if (!token) throw new PodsenseiError("SLACK_INSTALLATION_MISSING", { where: `workspace ${team}` });
    const key = `${team}/${token}`;
    let client = clients.get(key);
    if (!client) {
      if (clients.size >= MAX_CLIENTS) clients.clear();
      client = new webApi.WebClient(token, { ...clientOptions, teamId: team });
      clients.set(key, client);
    }
    return client;
  };
}
