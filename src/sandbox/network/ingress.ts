/**
 * Ingress → Service → endpoints: which IngressClass (and so which controller) serves an Ingress,
 * and whether each backend names an existing Service port with ready endpoints
 * (networking.k8s.io/v1 types; default class from pkg/apis/networking annotation
 * `ingressclass.kubernetes.io/is-default-class`; K8sGPT's ingress analyzer checks the same facts
 * in a live cluster).
 */
import type { ObjectStore } from "../api/store.js";
import type { KubeObject } from "../model/object.js";
import type { Finding } from "../result.js";
import { serviceEndpoints } from "./endpoints.js";
import { servicePorts, serviceType } from "./service.js";

/** Annotation marking the default IngressClass (networking/v1 AnnotationIsDefaultIngressClass). */
export const DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";
/** The deprecated class annotation, still read by most controllers. */
export const LEGACY_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

/** One routed backend of an Ingress. */
export interface IngressRoute {
  /** `host/path`, `*` for any host, or `(default backend)`. */
  route: string;
  service: string;
  port: number | string;
}

/** Every Service backend of an Ingress: rule paths, then the default backend. */
export function ingressRoutes(ing: KubeObject): IngressRoute[] {
  const out: IngressRoute[] = [];
  const backend = (b: unknown, route: string) => {
    const svc = (b as { service?: { name?: string; port?: { number?: number; name?: string } } } | undefined)?.service;
    if (svc?.name) out.push({ route, service: svc.name, port: svc.port?.name || (svc.port?.number ?? 0) });
  };
  for (const rule of ing.spec?.rules ?? []) {
    for (const p of rule?.http?.paths ?? []) backend(p?.backend, `${rule.host ?? "*"}${p?.path ?? "/"}`);
  }
  if (ing.spec?.defaultBackend) backend(ing.spec.defaultBackend, "(default backend)");
  return out;
}

/** The IngressClass that serves an Ingress, or why none does. */
export function ingressClassOf(ing: KubeObject, store: ObjectStore): { name: string | null; problem: string | null } {
  const named = ing.spec?.ingressClassName;
  if (typeof named === "string" && named !== "") {
    return store.get("IngressClass", undefined, named)
      ? { name: named, problem: null }
      : { name: named, problem: `IngressClass ${named} does not exist, so no ingress controller serves this Ingress` };
  }
  const legacy = ing.metadata.annotations?.[LEGACY_CLASS_ANNOTATION];
  if (legacy) return { name: legacy, problem: null };
  const defaults = store
    .list("IngressClass")
    .filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === "true");
  if (defaults.length > 0) return { name: defaults[0]?.metadata.name ?? null, problem: null };
  return {
    name: null,
    problem:
      "it sets no ingressClassName and the cluster has no default IngressClass, so no ingress controller picks it up",
  };
}

function backendProblem(ing: KubeObject, r: IngressRoute, store: ObjectStore): string | null {
  const ns = ing.metadata.namespace ?? "default";
  const svc = store.get("Service", ns, r.service);
  if (!svc) return `routes ${r.route} to Service ${r.service}, which does not exist in namespace ${ns}`;
  const ports = servicePorts(svc);
  const port = ports.find((p) => (typeof r.port === "number" ? p.port === r.port : p.name === r.port));
  if (!port) {
    const have = ports.map((p) => (p.name ? `${p.name} (${p.port})` : String(p.port))).join(", ") || "none";
    return `routes ${r.route} to port ${r.port} of Service ${r.service}, which has no such port (its ports: ${have})`;
  }
  if (serviceType(svc) === "ExternalName") return null;
  const ready = serviceEndpoints(svc, store.list("Pod", ns)).filter((e) => e.ready);
  return ready.length === 0
    ? `routes ${r.route} to Service ${r.service}, which has no ready endpoints: requests get 503 from the controller`
    : null;
}

/** Findings for every Ingress: class, missing Services, ports, endpoints, TLS secrets, and the absent controller. */
export function ingressFindings(store: ObjectStore): Finding[] {
  const out: Finding[] = [];
  for (const ing of store.list("Ingress")) {
    const object = `Ingress/${ing.metadata.name ?? ""}`;
    const ns = ing.metadata.namespace ?? "default";
    const cls = ingressClassOf(ing, store);
    if (cls.problem) {
      out.push({
        severity: "warning",
        layer: "network",
        object,
        message: `${object}: ${cls.problem}`,
        hint: "set spec.ingressClassName to an IngressClass of the cluster, or mark one as default",
      });
    }
    const routes = ingressRoutes(ing);
    for (const r of routes) {
      const problem = backendProblem(ing, r, store);
      if (problem)
        out.push({
          severity: "error",
          layer: "network",
          object,
          message: `${object} ${problem}`,
          hint: "make the backend name a Service and port that exist and have ready pods",
        });
    }
    for (const tls of ing.spec?.tls ?? []) {
      const secret = tls?.secretName;
      if (typeof secret === "string" && secret !== "" && !store.get("Secret", ns, secret)) {
        out.push({
          severity: "warning",
          layer: "network",
          object,
          message: `${object} uses Secret ${secret} as its TLS certificate, which does not exist`,
          hint: "create the TLS Secret (kubectl create secret tls) or fix secretName",
        });
      }
    }
    const list = routes.map((r) => `${r.route} → ${r.service}:${r.port}`).join(", ") || "no Service backends";
    out.push({
      severity: "info",
      layer: "network",
      object,
      message: `${object} gets no ADDRESS here: the simulated cluster runs no ingress controller${cls.name ? ` for class ${cls.name}` : ""}; its routes were checked instead (${list})`,
      hint: null,
    });
  }
  return out;
}
