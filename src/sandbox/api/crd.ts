/**
 * CustomResourceDefinitions: once a CRD is stored, its served versions become kinds the simulated
 * cluster accepts, as apiextensions-apiserver starts serving them
 * (k8s.io/apiextensions-apiserver pkg/apiserver/customresource_handler.go). Custom resources are
 * stored inert: no controller acts on them.
 */
import type { Discovery } from "./discovery.js";
import type { CrdSchema } from "./schema/structural.js";
import type { KindInfo } from "./types.js";

/** A kind served by a CRD, with the `openAPIV3Schema` of its version when the CRD gives one. */
export interface CustomKindInfo extends KindInfo {
  custom: true;
  schema?: CrdSchema;
}

/** Whether a served kind comes from a CRD. */
export function isCustomKind(info: KindInfo): info is CustomKindInfo {
  return info.custom === true;
}

interface CrdVersion {
  name?: unknown;
  served?: unknown;
  schema?: unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Registers the served versions of a stored CustomResourceDefinition (apiextensions.k8s.io/v1) in
 * discovery, so custom resources later in the same input are accepted. Returns what it registered;
 * a CRD without group, kind, plural or served versions registers nothing.
 */
export function registerCrd(discovery: Discovery, crd: { spec?: unknown }): CustomKindInfo[] {
  const spec = isRecord(crd.spec) ? crd.spec : {};
  const names = isRecord(spec.names) ? spec.names : {};
  const group = typeof spec.group === "string" ? spec.group : "";
  const kind = typeof names.kind === "string" ? names.kind : "";
  const plural = typeof names.plural === "string" ? names.plural : "";
  const versions = Array.isArray(spec.versions) ? (spec.versions as CrdVersion[]) : [];
  if (!group || !kind || !plural) return [];
  const registered: CustomKindInfo[] = [];
  for (const v of versions) {
    if (!isRecord(v) || typeof v.name !== "string" || v.served !== true) continue;
    const openApi = isRecord(v.schema) ? v.schema.openAPIV3Schema : undefined;
    const schema = isRecord(openApi) ? (openApi as CrdSchema) : undefined;
    const info: CustomKindInfo = {
      group,
      version: v.name,
      kind,
      resource: plural,
      namespaced: spec.scope !== "Cluster",
      custom: true,
      ...(schema ? { schema } : {}),
    };
    discovery.register(info);
    registered.push(info);
  }
  return registered;
}
