/**
 * Bolt's `InstallationStore` in Redis: one JSON record per workspace install
 * (`<prefix>:slack:installation:team:<team id>`) or per org-wide Enterprise Grid install
 * (`…:enterprise:<enterprise id>`). Learner progress lives elsewhere and is never touched here,
 * so an uninstall followed by a reinstall finds every learner where they were.
 *
 * Replies are delivered later, by any bot process, to an address that names only the workspace.
 * A workspace inside an org-wide install has no record of its own, so the first event from it
 * links the workspace to its organisation (`…:org-team` hash, and a set per organisation so an
 * uninstall can drop its links).
 */
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { Redis } from "ioredis";
import { z } from "zod";
import { PodsenseiError } from "../../core/errors.js";
import { type InstallationKey, installationKey, installationSchema, toInstallation } from "./installation.js";

/** Links remembered per process, so an event does not rewrite a link Redis already holds. */
const MAX_LINKS_REMEMBERED = 10_000;

/** The store; `prefix` is the queue prefix (QUEUE_PREFIX). */
export class RedisInstallationStore implements InstallationStore {
  readonly #redis: Redis;
  readonly #base: string;
  readonly #linked = new Set<string>();

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#base = `${prefix}:slack`;
  }

  #key(k: InstallationKey): string {
    return `${this.#base}:installation:${k.kind}:${k.id}`;
  }

  #orgTeams(enterprise: string): string {
    return `${this.#base}:org-teams:${enterprise}`;
  }

  get #orgTeam(): string {
    return `${this.#base}:org-team`;
  }

  /** Keeps (or replaces) an installation; called by Bolt at the end of a successful OAuth flow. */
  async storeInstallation(installation: Installation): Promise<void> {
    const record = installationSchema.parse(installation);
    await this.#redis.set(this.#key(installationKey(record)), JSON.stringify(record));
  }

  /** The installation that authorizes `query`; rejects when there is none (Bolt then ignores the event). */
  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const key = queryKey(query);
    const found = key ? await this.#read(key) : undefined;
    if (!found) throw new PodsenseiError("SLACK_INSTALLATION_MISSING", { where: describe(query) });
    return found;
  }

  /** Forgets an installation (the app was uninstalled or its bot token revoked). */
  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const key = queryKey(query);
    if (!key) return;
    const tx = this.#redis.multi().del(this.#key(key));
    if (key.kind === "enterprise") {
      const teams = await this.#redis.smembers(this.#orgTeams(key.id));
      if (teams.length > 0) tx.hdel(this.#orgTeam, ...teams);
      tx.del(this.#orgTeams(key.id));
      for (const t of teams) this.#linked.delete(`${key.id}/${t}`);
    }
    await tx.exec();
  }

  /** Records that `team` is a workspace of the org-wide install of `enterprise`. */
  async linkTeam(team: string, enterprise: string): Promise<void> {
    const link = `${enterprise}/${team}`;
    if (this.#linked.has(link)) return;
    await this.#redis.multi().hset(this.#orgTeam, team, enterprise).sadd(this.#orgTeams(enterprise), team).exec();
    if (this.#linked.size >= MAX_LINKS_REMEMBERED) this.#linked.clear();
    this.#linked.add(link);
  }

  /** The bot token that speaks in workspace `team`: its own install, else its organisation's. */
  async botTokenFor(team: string): Promise<string | undefined> {
    const own = await this.#read({ kind: "team", id: team });
    if (own?.bot) return own.bot.token;
    const enterprise = await this.#redis.hget(this.#orgTeam, team);
    if (!enterprise) return undefined;
    return (await this.#read({ kind: "enterprise", id: enterprise }))?.bot?.token;
  }

  async #read(key: InstallationKey): Promise<Installation | undefined> {
    const raw = await this.#redis.get(this.#key(key));
    if (raw === null) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new PodsenseiError("SLACK_INSTALLATION_INVALID", { key: this.#key(key), detail: "is not JSON" });
    }
    const parsed = installationSchema.safeParse(json);
    if (!parsed.success)
      throw new PodsenseiError("SLACK_INSTALLATION_INVALID", {
        key: this.#key(key),
        detail: `is invalid:\n${z.prettifyError(parsed.error)}`,
      });
    return toInstallation(parsed.data);
  }
}

/** The record a query asks for: the organisation's for org-wide installs, else the workspace's. */
function queryKey(q: InstallationQuery<boolean>): InstallationKey | undefined {
  if (q.isEnterpriseInstall) return q.enterpriseId ? { kind: "enterprise", id: q.enterpriseId } : undefined;
  return q.teamId ? { kind: "team", id: q.teamId } : undefined;
}

function describe(q: InstallationQuery<boolean>): string {
  return q.isEnterpriseInstall ? `organisation ${q.enterpriseId ?? "?"}` : `workspace ${q.teamId ?? "?"}`;
}
