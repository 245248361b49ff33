/**
 * The EndpointSlice controller and the legacy Endpoints controller: for every Service with a
 * selector, the pods it selects become endpoints, grouped by the ports they resolve to
 * (staging/src/k8s.io/endpointslice/reconciler.go, utils.go newEndpointSlice,
 * setEndpointSliceLabels; pkg/controller/endpoint/endpoints_controller.go syncService).
 * Both are level-based: each reconcile recomputes the wanted objects and writes only differences.
 */

import type { WatchEvent } from "../api/store.js";
import { statusMessage } from "../api/types.js";
import type { Controller, ControllerContext } from "../engine/controller.js";
import type { KubeObject } from "../model/object.js";
import { sameJson } from "../model/same-json.js";
import { type EndpointView, portsKey, serviceEndpoints } from "../network/endpoints.js";
import { isHeadless, selectsPod, serviceSelector, serviceType } from "../network/service.js";
import { controllerRef } from "./pod-control.js";

/** Label naming a slice's Service (discovery/v1 LabelServiceName). */
export const LABEL_SERVICE_NAME = "kubernetes.io/service-name";
/** Label naming a slice's manager (discovery/v1 LabelManagedBy). */
export const LABEL_MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
/** The controller's managed-by value (pkg/controller/endpointslice/endpointslice_controller.go ControllerName). */
export const ENDPOINTSLICE_CONTROLLER = "endpointslice-controller.k8s.io";
/** Label on the endpoints of a headless Service (v1.IsHeadlessService). */
export const LABEL_HEADLESS = "service.kubernetes.io/headless";
/** Endpoints per slice (endpointslice_controller.go defaults --max-endpoints-per-slice 100). */
export const MAX_ENDPOINTS_PER_SLICE = 100;

function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? "default"}/${obj.metadata.name ?? ""}`;
}

/** Service keys for a watch event: the Service itself, or every Service selecting the pod before or after. */
function serviceKeys(event: WatchEvent, ctx: ControllerContext): string[] {
  const obj = event.object;
  if (obj.kind === "Service") return [keyOf(obj)];
  const keys: string[] = [];
  for (const svc of ctx.store.list("Service", obj.metadata.namespace)) {
    // One Service per namespace and name, so each key comes at most once.
    if (selectsPod(svc, obj) || (event.old && selectsPod(svc, event.old))) keys.push(keyOf(svc));
  }
  return keys;
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf("/");
  return [key.slice(0, i), key.slice(i + 1)];
}

/** The Service whose endpoints this controller keeps, or undefined (gone, no selector, ExternalName). */
function managedService(ctx: ControllerContext, ns: string, name: string): KubeObject | undefined {
  const svc = ctx.store.get("Service", ns, name);
  if (!svc || serviceSelector(svc) === undefined || serviceType(svc) === "ExternalName") return undefined;
  return svc;
}

/** Labels of a slice: the Service's own, plus the reserved ones (utils.go setEndpointSliceLabels). */
function sliceLabels(svc: KubeObject): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) {
    if (k !== LABEL_SERVICE_NAME && k !== LABEL_MANAGED_BY && k !== LABEL_HEADLESS) labels[k] = v;
  }
  if (isHeadless(svc)) labels[LABEL_HEADLESS] = "";
  labels[LABEL_SERVICE_NAME] = svc.metadata.name ?? "";
  labels[LABEL_MANAGED_BY] = ENDPOINTSLICE_CONTROLLER;
  return labels;
}

function zoneOf(ctx: ControllerContext, nodeName: string | null): string | undefined {
  if (!nodeName) return undefined;
  return ctx.store.get("Node", undefined, nodeName)?.metadata.labels?.["topology.kubernetes.io/zone"];
}

/** One `endpoints[]` item (utils.go podToEndpoint). */
function sliceEndpoint(ctx: ControllerContext, ep: EndpointView): Record<string, unknown> {
  const zone = zoneOf(ctx, ep.nodeName);
  return {
    addresses: [ep.ip],
    conditions: { ready: ep.ready, serving: ep.serving, terminating: ep.terminating },
    ...(ep.hostname ? { hostname: ep.hostname } : {}),
    targetRef: {
      kind: "Pod",
      namespace: ep.pod.metadata.namespace,
      name: ep.pod.metadata.name,
      uid: ep.pod.metadata.uid,
    },
    ...(ep.nodeName ? { nodeName: ep.nodeName } : {}),
    ...(zone ? { zone } : {}),
  };
}

/** The slices a Service should have: one group per distinct port list, at most 100 endpoints each; a placeholder when empty. */
function desiredSlices(ctx: ControllerContext, svc: KubeObject): { ports: unknown[]; endpoints: unknown[] }[] {
  const groups = new Map<string, EndpointView[]>();
  for (const ep of serviceEndpoints(svc, ctx.store.list("Pod", svc.metadata.namespace))) {
    const k = portsKey(ep.ports);
    groups.set(k, [...(groups.get(k) ?? []), ep]);
  }
  const out: { ports: unknown[]; endpoints: unknown[] }[] = [];
  for (const eps of groups.values()) {
    const ports = (eps[0] as EndpointView).ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol }));
    for (let i = 0; i < eps.length; i += MAX_ENDPOINTS_PER_SLICE) {
      out.push({ ports, endpoints: eps.slice(i, i + MAX_ENDPOINTS_PER_SLICE).map((ep) => sliceEndpoint(ctx, ep)) });
    }
  }
  // A Service without endpoints still gets one empty slice (reconciler.go placeholderSliceCompare).
  return out.length > 0 ? out : [{ ports: [], endpoints: [] }];
}

function ownedSlices(ctx: ControllerContext, ns: string, name: string): KubeObject[] {
  return ctx.store
    .list("EndpointSlice", ns)
    .filter(
      (s) =>
        s.metadata.labels?.[LABEL_SERVICE_NAME] === name &&
        s.metadata.labels?.[LABEL_MANAGED_BY] === ENDPOINTSLICE_CONTROLLER,
    );
}

function failed(ctx: ControllerContext, svc: KubeObject, message: string): void {
  // Event text of endpointslice_controller.go syncService on a reconcile error.
  ctx.recorder.record(
    svc,
    "Warning",
    "FailedToUpdateEndpointSlices",
    `Error updating Endpoint Slices for Service ${keyOf(svc)}: ${message}`,
    "endpoint-slice-controller",
  );
}

function syncSlices(key: string, ctx: ControllerContext): undefined {
  const [ns, name] = splitKey(key);
  const svc = managedService(ctx, ns, name);
  const existing = ownedSlices(ctx, ns, name);
  if (!svc) {
    for (const s of existing) ctx.api.delete("EndpointSlice", ns, s.metadata.name ?? "");
    return undefined;
  }
  const labels = sliceLabels(svc);
  const unused = [...existing];
  for (const want of desiredSlices(ctx, svc)) {
    const i = unused.findIndex((s) => sameJson(s.ports ?? [], want.ports));
    const current = i >= 0 ? unused.splice(i, 1)[0] : undefined;
    if (current) {
      if (sameJson(current.endpoints ?? [], want.endpoints) && sameJson(current.metadata.labels, labels)) continue;
      ctx.store.update({ ...current, metadata: { ...current.metadata, labels }, endpoints: want.endpoints });
      continue;
    }
    const outcome = ctx.api.create(
      {
        apiVersion: "discovery.k8s.io/v1",
        kind: "EndpointSlice",
        metadata: { generateName: `${name}-`, namespace: ns, labels, ownerReferences: [controllerRef(svc)] },
        addressType: "IPv4",
        endpoints: want.endpoints,
        ports: want.ports,
      },
      { origin: "controller" },
    );
    if (!outcome.ok) failed(ctx, svc, statusMessage(outcome));
  }
  for (const s of unused) ctx.api.delete("EndpointSlice", ns, s.metadata.name ?? "");
  return undefined;
}

/** The EndpointSlice controller (`kubectl get endpointslices`). */
export function endpointSliceController(): Controller {
  return {
    name: "endpoint-slice-controller",
    watches: ["Service", "Pod"],
    keysFor: serviceKeys,
    reconcile: syncSlices,
  };
}

function address(ep: EndpointView): Record<string, unknown> {
  return {
    ip: ep.ip,
    ...(ep.hostname ? { hostname: ep.hostname } : {}),
    ...(ep.nodeName ? { nodeName: ep.nodeName } : {}),
    targetRef: {
      kind: "Pod",
      namespace: ep.pod.metadata.namespace,
      name: ep.pod.metadata.name,
      uid: ep.pod.metadata.uid,
    },
  };
}

/** `subsets` of a legacy Endpoints object: ready pods under `addresses`, others under `notReadyAddresses`. */
function subsets(ctx: ControllerContext, svc: KubeObject): unknown[] {
  const eps = serviceEndpoints(svc, ctx.store.list("Pod", svc.metadata.namespace), true);
  const groups = new Map<string, EndpointView[]>();
  for (const ep of eps) {
    if (ep.ports.length === 0 && !isHeadless(svc)) continue;
    const k = portsKey(ep.ports);
    groups.set(k, [...(groups.get(k) ?? []), ep]);
  }
  return [...groups.values()].map((group) => {
    const ready = group.filter((e) => e.ready).map(address);
    const notReady = group.filter((e) => !e.ready).map(address);
    const ports = (group[0] as EndpointView).ports.map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      port: p.port,
      protocol: p.protocol,
    }));
    return {
      ...(ready.length ? { addresses: ready } : {}),
      ...(notReady.length ? { notReadyAddresses: notReady } : {}),
      ...(ports.length ? { ports } : {}),
    };
  });
}

function syncEndpoints(key: string, ctx: ControllerContext): undefined {
  const [ns, name] = splitKey(key);
  const svc = managedService(ctx, ns, name);
  const current = ctx.store.get("Endpoints", ns, name);
  if (!svc) {
    if (current && ctx.store.get("Service", ns, name) === undefined) ctx.api.delete("Endpoints", ns, name);
    return undefined;
  }
  const want = subsets(ctx, svc);
  const labels = { ...(svc.metadata.labels ?? {}), ...(isHeadless(svc) ? { [LABEL_HEADLESS]: "" } : {}) };
  if (current) {
    if (!sameJson(current.subsets ?? [], want) || !sameJson(current.metadata.labels ?? {}, labels)) {
      // Copy-on-write: only subsets and labels change, the rest is shared with the stored version.
      ctx.store.update({ ...current, metadata: { ...current.metadata, labels }, subsets: want });
    }
    return undefined;
  }
  const outcome = ctx.api.create(
    { apiVersion: "v1", kind: "Endpoints", metadata: { name, namespace: ns, labels }, subsets: want },
    { origin: "controller" },
  );
  // Event of endpoints_controller.go syncService when the write fails.
  if (!outcome.ok)
    ctx.recorder.record(
      svc,
      "Warning",
      "FailedToCreateEndpoint",
      `Failed to create endpoint for service ${keyOf(svc)}: ${statusMessage(outcome)}`,
      "endpoint-controller",
    );
  return undefined;
}

/** The legacy Endpoints controller (`kubectl get endpoints`, `Endpoints:` in `kubectl describe svc`). */
export function endpointsController(): Controller {
  return { name: "endpoint-controller", watches: ["Service", "Pod"], keysFor: serviceKeys, reconcile: syncEndpoints };
}
