/**
 * API discovery: which (apiVersion, kind) pairs the simulated cluster serves.
 * Minimal first version; the full table, removed-version hints and CRD registration follow.
 */
import type { KindInfo } from "./types.js";

const SERVED: KindInfo[] = [
  { group: "", version: "v1", kind: "Pod", resource: "pods", namespaced: true },
  { group: "", version: "v1", kind: "Namespace", resource: "namespaces", namespaced: false },
  { group: "", version: "v1", kind: "Node", resource: "nodes", namespaced: false },
  { group: "apps", version: "v1", kind: "Deployment", resource: "deployments", namespaced: true },
];

export class Discovery {
  private readonly byGvk = new Map<string, KindInfo>();
  private readonly kinds = new Map<string, KindInfo>();

  constructor() {
    for (const k of SERVED) this.register(k);
  }

  register(info: KindInfo): void {
    const gv = info.group ? `${info.group}/${info.version}` : info.version;
    this.byGvk.set(`${gv}|${info.kind}`, info);
    if (!this.kinds.has(info.kind)) this.kinds.set(info.kind, info);
  }

  lookup(apiVersion: string, kind: string): { info: KindInfo } | { error: string; hint?: string } {
    const info = this.byGvk.get(`${apiVersion}|${kind}`);
    if (info) return { info };
    return { error: `no matches for kind "${kind}" in version "${apiVersion}"` };
  }

  byKind(kind: string): KindInfo | undefined {
    return this.kinds.get(kind);
  }
}
