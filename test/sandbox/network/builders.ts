/** Fluent-ish fixtures for network tests: namespaces, running pods, Services and policies in a bare store. */
import { loadAll } from "js-yaml";
import { ObjectStore } from "../../../src/sandbox/api/store.js";
import type { KubeObject } from "../../../src/sandbox/model/object.js";
import type { NetPeer } from "../../../src/sandbox/network/policy.js";

/** A store with the given namespaces (labels added to the automatic name label). */
export function storeWith(namespaces: Record<string, Record<string, string>> = {}): ObjectStore {
  const store = new ObjectStore();
  for (const [name, labels] of Object.entries({ default: {}, "kube-system": {}, ...namespaces })) {
    store.add({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name, labels: { ...labels, "kubernetes.io/metadata.name": name } },
    });
  }
  return store;
}

let nextIp = 10;

export interface PodOptions {
  namespace?: string;
  ready?: boolean;
  ip?: string | null;
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  terminating?: boolean;
  phase?: string;
  hostname?: string;
  subdomain?: string;
  node?: string;
}

/** A scheduled pod with an IP, Ready unless told otherwise. */
export function pod(name: string, labels: Record<string, string>, o: PodOptions = {}): KubeObject {
  const ip = o.ip === undefined ? `10.244.1.${nextIp++}` : o.ip;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: o.namespace ?? "default",
      uid: `uid-${name}`,
      labels,
      ...(o.terminating ? { deletionTimestamp: "2026-01-01T00:01:00Z" } : {}),
    },
    spec: {
      nodeName: o.node ?? "node-a",
      containers: [{ name: "app", image: "nginx", ...(o.ports ? { ports: o.ports } : {}) }],
      ...(o.hostname ? { hostname: o.hostname } : {}),
      ...(o.subdomain ? { subdomain: o.subdomain } : {}),
    },
    status: {
      phase: o.phase ?? "Running",
      ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}),
      conditions: [{ type: "Ready", status: o.ready === false ? "False" : "True" }],
    },
  };
}

/** A Service selecting `selector`, ports as `port[:targetPort]` numbers or objects. */
export function service(
  name: string,
  selector: Record<string, string> | undefined,
  ports: Record<string, unknown>[],
  extra: Record<string, unknown> = {},
  namespace = "default",
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace, uid: `uid-svc-${name}` },
    spec: { ...(selector ? { selector } : {}), ports, ...extra },
  };
}

/** Parses YAML documents into objects (policies from the documentation, corpus manifests). */
export function objects(yaml: string): KubeObject[] {
  return (loadAll(yaml) as (KubeObject | null)[]).filter((o): o is KubeObject => o !== null && typeof o === "object");
}

/** Adds objects to the store, defaulting the namespace. */
export function addAll(store: ObjectStore, list: KubeObject[], namespace = "default"): void {
  for (const o of list) {
    o.metadata.namespace ??= namespace;
    store.add(o);
  }
}

export const podPeer = (p: KubeObject): NetPeer => ({ kind: "pod", pod: p });
export const ipPeer = (ip: string): NetPeer => ({ kind: "external", ip });
