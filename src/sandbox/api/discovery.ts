/**
 * API discovery: which (apiVersion, kind) pairs the simulated cluster serves, as kubectl's REST
 * mapper sees them. Built-in kinds come from `schema/served-kinds.ts`; CustomResourceDefinitions in
 * the input add theirs (`crd.ts`). An unserved pair gets kubectl's answer (k8s.io/apimachinery
 * pkg/api/meta/errors.go NoKindMatchError: `no matches for kind "K" in version "G/V"`) plus our hint.
 */
import { removedHint, removedVersion } from "./schema/removed-versions.js";
import { apiVersionOf, SERVED_KINDS } from "./schema/served-kinds.js";
import type { KindInfo } from "./types.js";

/** The Kubernetes release whose API the simulated cluster serves. */
export const SERVED_RELEASE = "v1.34";

/** Result of a lookup: the served kind, or kubectl's error and our advice. */
export type LookupResult = { info: KindInfo } | { error: string; hint?: string };

export class Discovery {
  /**
   * The built-in tables, shared by every instance until a CRD registers a kind: each simulation
   * builds an API server, and most never register anything, so copying is deferred to then.
   */
  private tables: Tables = builtInTables();
  private ownTables = false;

  /**
   * Serves (group/version, kind). The first registration of a kind is its preferred version;
   * registering the same group/version again (a re-applied CRD) replaces it.
   */
  register(info: KindInfo): void {
    if (!this.ownTables) {
      const t = this.tables;
      this.tables = { byGvk: new Map(t.byGvk), kinds: new Map(t.kinds), names: new Map(t.names) };
      this.ownTables = true;
    }
    registerIn(this.tables, info);
  }

  /** The served kind for an object's apiVersion and kind, or kubectl's "no matches" error. */
  lookup(apiVersion: string, kind: string): LookupResult {
    const info = this.tables.byGvk.get(`${apiVersion}|${kind}`);
    if (info) return { info };
    const error = `no matches for kind "${kind}" in version "${apiVersion}"`;
    const hint = this.hintFor(apiVersion, kind);
    return hint ? { error, hint } : { error };
  }

  /** The preferred served version of a kind (exact, case-sensitive kind name). */
  byKind(kind: string): KindInfo | undefined {
    return this.tables.kinds.get(kind);
  }

  /**
   * Resolves a resource name as kubectl commands take it (`deploy`, `deployments`,
   * `Deployment`, `deployments.apps`, `hpa`), case-insensitively.
   */
  resolve(name: string): KindInfo | undefined {
    return this.tables.names.get(name.toLowerCase());
  }

  /** Every served (group, version, kind), in registration order. */
  all(): KindInfo[] {
    return [...this.tables.byGvk.values()];
  }

  private hintFor(apiVersion: string, kind: string): string | undefined {
    const gone = removedVersion(apiVersion, kind);
    if (gone) return removedHint(gone);
    const served = this.tables.kinds.get(kind);
    if (served) {
      const versions = this.all()
        .filter((k) => k.kind === kind)
        .map(apiVersionOf);
      return `${kind} is served as ${versions.join(" or ")}; ${apiVersion} is not one of its versions`;
    }
    const other = this.tables.names.get(kind.toLowerCase());
    if (other && other.kind.toLowerCase() === kind.toLowerCase()) {
      return `kinds are case-sensitive: did you mean "${other.kind}" (${apiVersionOf(other)})?`;
    }
    return `no such kind in Kubernetes ${SERVED_RELEASE}; if it is a custom resource, include its CRD`;
  }
}

interface Tables {
  byGvk: Map<string, KindInfo>;
  kinds: Map<string, KindInfo>;
  names: Map<string, KindInfo>;
}

let builtIn: Tables | undefined;

/** The tables of the built-in kinds (SERVED_KINDS), built on first use. */
function builtInTables(): Tables {
  if (builtIn) return builtIn;
  const tables: Tables = { byGvk: new Map(), kinds: new Map(), names: new Map() };
  for (const k of SERVED_KINDS) {
    registerIn(tables, k);
    for (const short of k.shortNames) addName(tables.names, short, k);
  }
  builtIn = tables;
  return tables;
}

function registerIn(t: Tables, info: KindInfo): void {
  const names = t.names;
  t.byGvk.set(`${apiVersionOf(info)}|${info.kind}`, info);
  const current = t.kinds.get(info.kind);
  if (!current || sameVersion(current, info)) t.kinds.set(info.kind, info);
  addName(names, info.kind, info);
  addName(names, info.resource, info);
  addName(names, `${info.resource}.${info.group}`, info);
  addName(names, `${info.resource}.${info.version}.${info.group}`, info);
}

function addName(names: Map<string, KindInfo>, name: string, info: KindInfo): void {
  const key = name.toLowerCase().replace(/\.$/, "");
  const current = names.get(key);
  if (!current || sameVersion(current, info)) names.set(key, info);
}

function sameVersion(a: KindInfo, b: KindInfo): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind;
}
