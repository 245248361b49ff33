/**
 * ServiceAccount (plugin/pkg/admission/serviceaccount/admission.go): on pod CREATE it sets
 * `serviceAccountName: default` when unset, rejects a pod naming a missing service account,
 * and mounts the projected API token volume `kube-api-access-<5 random>` into every container
 * unless automounting is turned off.
 */
import type { KubeObject } from "../../model/object.js";
import type { AdmissionContext, AdmissionPlugin } from "../types.js";
import { forbidden } from "./errors.js";
import { isRecord } from "./pod-spec.js";

/** DefaultServiceAccountName in upstream. */
export const DEFAULT_SERVICE_ACCOUNT = "default";
/** DefaultAPITokenMountPath in upstream. */
export const API_TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
/** The volume name prefix of the projected token (ServiceAccountVolumeName). */
export const API_TOKEN_VOLUME_PREFIX = "kube-api-access-";
/** Mirror pods are left alone (api.MirrorPodAnnotationKey). */
const MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";

/** The token volume upstream's TokenVolumeSource builds: token, kube-root-ca.crt and the namespace. */
function tokenVolume(name: string): Record<string, unknown> {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
        { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
        {
          downwardAPI: {
            items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }],
          },
        },
      ],
    },
  };
}

function shouldAutomount(sa: KubeObject | undefined, pod: KubeObject): boolean {
  if (typeof pod.spec?.automountServiceAccountToken === "boolean") return pod.spec.automountServiceAccountToken;
  if (typeof sa?.automountServiceAccountToken === "boolean") return sa.automountServiceAccountToken;
  return true;
}

function mountToken(pod: KubeObject, ctx: AdmissionContext): void {
  const spec = pod.spec as Record<string, unknown>;
  const volumes = Array.isArray(spec.volumes) ? (spec.volumes as unknown[]) : [];
  const existing = volumes.find(
    (v) => isRecord(v) && typeof v.name === "string" && v.name.startsWith(API_TOKEN_VOLUME_PREFIX),
  );
  const volumeName = isRecord(existing) ? String(existing.name) : API_TOKEN_VOLUME_PREFIX + ctx.random.name(5);
  let needsVolume = false;
  for (const key of ["initContainers", "containers"]) {
    const list = spec[key];
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (!isRecord(c)) continue;
      const mounts = Array.isArray(c.volumeMounts) ? (c.volumeMounts as unknown[]) : [];
      if (mounts.some((m) => isRecord(m) && m.mountPath === API_TOKEN_MOUNT_PATH)) continue;
      c.volumeMounts = [...mounts, { name: volumeName, readOnly: true, mountPath: API_TOKEN_MOUNT_PATH }];
      needsVolume = true;
    }
  }
  if (needsVolume && !existing) spec.volumes = [...volumes, tokenVolume(volumeName)];
}

/** Whether a service account exists: `default` is created in every namespace by the controller. */
function lookup(ctx: AdmissionContext, ns: string, name: string): { found: boolean; sa?: KubeObject } {
  const sa = ctx.store.get("ServiceAccount", ns, name);
  if (sa) return { found: true, sa };
  return { found: name === DEFAULT_SERVICE_ACCOUNT };
}

export const ServiceAccount: AdmissionPlugin = {
  name: "ServiceAccount",
  mutate(attrs, ctx) {
    if (attrs.kind.kind !== "Pod" || attrs.operation !== "CREATE") return undefined;
    const pod = attrs.object;
    if (!isRecord(pod.spec)) return undefined;
    if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return undefined;
    if (typeof pod.spec.serviceAccountName !== "string" || pod.spec.serviceAccountName === "") {
      pod.spec.serviceAccountName = DEFAULT_SERVICE_ACCOUNT;
    }
    const saName = pod.spec.serviceAccountName as string;
    const ns = attrs.namespace ?? "default";
    const { found, sa } = lookup(ctx, ns, saName);
    if (!found) {
      return forbidden(attrs, `error looking up service account ${ns}/${saName}: serviceaccount "${saName}" not found`);
    }
    if (shouldAutomount(sa, pod)) mountToken(pod, ctx);
    if (!Array.isArray(pod.spec.imagePullSecrets) || pod.spec.imagePullSecrets.length === 0) {
      const fromSa = Array.isArray(sa?.imagePullSecrets) ? (sa.imagePullSecrets as unknown[]) : [];
      if (fromSa.length > 0) pod.spec.imagePullSecrets = fromSa.filter(isRecord).map((s) => ({ name: s.name }));
    }
    return undefined;
  },
};
