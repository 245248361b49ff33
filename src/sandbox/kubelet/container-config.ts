/**
 * What the kubelet needs from the API before a container can start: environment variables from
 * ConfigMaps and Secrets (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables: envFrom first,
 * then env; `optional: true` suppresses errors) and ConfigMap/Secret volumes
 * (pkg/volume/configmap/configmap.go, pkg/volume/secret/secret.go SetUpAt).
 */
import type { ObjectStore } from "../api/store.js";
import type { KubeObject } from "../model/object.js";

/** The ConfigMap every namespace has (pkg/controller/certificates/rootcacertpublisher). */
const ROOT_CA_CONFIGMAP = "kube-root-ca.crt";

export type EnvResult = { ok: true; env: Record<string, string> } | { ok: false; message: string };

function source(store: ObjectStore, kind: "ConfigMap" | "Secret", ns: string, name: string): KubeObject | undefined {
  return store.get(kind, ns, name);
}

function keysOf(obj: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  const data = (obj.data ?? {}) as Record<string, string>;
  const binary = (obj.binaryData ?? {}) as Record<string, string>;
  const stringData = (obj.stringData ?? {}) as Record<string, string>;
  for (const [k, v] of Object.entries(data)) out[k] = obj.kind === "Secret" ? decodeBase64(String(v)) : String(v);
  for (const [k, v] of Object.entries(binary)) out[k] = String(v);
  for (const [k, v] of Object.entries(stringData)) out[k] = String(v);
  return out;
}

function decodeBase64(v: string): string {
  try {
    return atob(v);
  } catch {
    return v;
  }
}

/** The not-found text of the API (k8s.io/apimachinery errors.NewNotFound): `configmap "x" not found`. */
function notFound(kind: "ConfigMap" | "Secret", name: string): string {
  return `${kind === "ConfigMap" ? "configmap" : "secret"} ${JSON.stringify(name)} not found`;
}

function fieldValue(pod: KubeObject, path: string, podIP: string, hostIP: string): string {
  const m = pod.metadata;
  const map: Record<string, string | undefined> = {
    "metadata.name": m.name,
    "metadata.namespace": m.namespace,
    "metadata.uid": m.uid,
    "spec.nodeName": pod.spec?.nodeName,
    "spec.serviceAccountName": pod.spec?.serviceAccountName ?? "default",
    "status.podIP": podIP,
    "status.podIPs": podIP,
    "status.hostIP": hostIP,
    "status.hostIPs": hostIP,
  };
  const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (label) return (m[label[1] as "labels" | "annotations"]?.[label[2] as string] as string | undefined) ?? "";
  return map[path] ?? "";
}

/** Resolves a container's environment, or returns the CreateContainerConfigError message. */
export function resolveEnv(
  container: any,
  pod: KubeObject,
  store: ObjectStore,
  podIP: string,
  hostIP: string,
): EnvResult {
  const ns = pod.metadata.namespace ?? "default";
  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref) continue;
    const kind = from.configMapRef ? "ConfigMap" : "Secret";
    const obj = source(store, kind, ns, ref.name ?? "");
    if (!obj) {
      if (ref.optional === true) continue;
      return { ok: false, message: notFound(kind, ref.name ?? "") };
    }
    for (const [k, v] of Object.entries(keysOf(obj))) env[`${from.prefix ?? ""}${k}`] = v;
  }
  for (const e of container.env ?? []) {
    const vf = e.valueFrom;
    if (!vf) {
      env[e.name] = String(e.value ?? "");
      continue;
    }
    const keyRef = vf.configMapKeyRef ?? vf.secretKeyRef;
    if (keyRef) {
      const kind = vf.configMapKeyRef ? "ConfigMap" : "Secret";
      const obj = source(store, kind, ns, keyRef.name ?? "");
      if (!obj) {
        if (keyRef.optional === true) continue;
        return { ok: false, message: notFound(kind, keyRef.name ?? "") };
      }
      const values = keysOf(obj);
      if (!(keyRef.key in values)) {
        if (keyRef.optional === true) continue;
        return { ok: false, message: `couldn't find key ${keyRef.key} in ${kind} ${ns}/${keyRef.name}` };
      }
      env[e.name] = values[keyRef.key] as string;
    } else if (vf.fieldRef) env[e.name] = fieldValue(pod, vf.fieldRef.fieldPath ?? "", podIP, hostIP);
    else env[e.name] = "";
  }
  return { ok: true, env };
}

/** A volume that cannot be set up, with the `FailedMount` event text. */
export interface MountFailure {
  volume: string;
  message: string;
}

function checkRef(
  store: ObjectStore,
  ns: string,
  kind: "ConfigMap" | "Secret",
  name: string,
  optional: boolean,
  items: { key: string }[] | undefined,
): string | null {
  const obj = source(store, kind, ns, name);
  if (!obj) return optional ? null : notFound(kind, name);
  const values = keysOf(obj);
  for (const item of items ?? []) {
    if (!(item.key in values) && !optional) {
      return kind === "ConfigMap"
        ? `configmap references non-existent config key: ${item.key}`
        : `references non-existent secret key: ${item.key}`;
    }
  }
  return null;
}

/** ConfigMap, Secret and projected volumes of the pod that cannot be mounted yet. */
export function mountFailures(pod: KubeObject, store: ObjectStore): MountFailure[] {
  const ns = pod.metadata.namespace ?? "default";
  const out: MountFailure[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const problems: (string | null)[] = [];
    if (v.configMap)
      problems.push(
        checkRef(store, ns, "ConfigMap", v.configMap.name ?? "", v.configMap.optional === true, v.configMap.items),
      );
    if (v.secret)
      problems.push(
        checkRef(store, ns, "Secret", v.secret.secretName ?? "", v.secret.optional === true, v.secret.items),
      );
    for (const s of v.projected?.sources ?? []) {
      // kube-controller-manager's root-ca-cert-publisher keeps kube-root-ca.crt in every namespace.
      if (s.configMap && s.configMap.name !== ROOT_CA_CONFIGMAP)
        problems.push(
          checkRef(store, ns, "ConfigMap", s.configMap.name ?? "", s.configMap.optional === true, s.configMap.items),
        );
      if (s.secret)
        problems.push(checkRef(store, ns, "Secret", s.secret.name ?? "", s.secret.optional === true, s.secret.items));
    }
    const first = problems.find((p) => p !== null);
    // pkg/kubelet/volumemanager/reconciler: "MountVolume.SetUp failed for volume %q : %v".
    if (first)
      out.push({ volume: v.name, message: `MountVolume.SetUp failed for volume ${JSON.stringify(v.name)} : ${first}` });
  }
  return out;
}
