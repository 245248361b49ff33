/**
 * The kubelet's `runAsNonRoot` check before it creates a container
 * (pkg/kubelet/kuberuntime/security_context_others.go verifyRunAsNonRoot): with runAsNonRoot
 * set, an explicit `runAsUser: 0` or an image whose user is root fails the container with
 * CreateContainerConfigError. The image's user comes from its config; the simulator knows it
 * for the catalogue's images and says so when it does not.
 */
import type { KubeObject } from "../model/object.js";
import type { ImageRef } from "./image-ref.js";
import type { ImageProfile } from "./images.js";

/** Repositories in the catalogue whose images set a non-root USER (uid). */
const NON_ROOT_IMAGES: { match: RegExp; uid: number }[] = [
  { match: /^docker\.io\/nginxinc\/nginx-unprivileged$/, uid: 101 },
  { match: /^docker\.io\/bitnami\//, uid: 1001 },
  { match: /^(docker\.io\/prom|quay\.io\/prometheus)\/prometheus$/, uid: 65534 },
  { match: /^docker\.io\/grafana\/grafana(-oss)?$/, uid: 472 },
];

/** The uid an image runs as, or undefined when the simulator does not know the image. */
export function imageUid(ref: ImageRef, profile: ImageProfile | undefined): number | undefined {
  const repo = `${ref.domain}/${ref.path}`;
  const known = NON_ROOT_IMAGES.find((i) => i.match.test(repo));
  if (known) return known.uid;
  if (/^gcr\.io\/distroless\//.test(repo) && ref.tag?.includes("nonroot")) return 65532;
  return profile ? 0 : undefined;
}

interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
}

/** The error text, or null when the container may start. `podRef` is `<pod>_<ns>(<uid>)`. */
export function verifyRunAsNonRoot(
  pod: KubeObject,
  container: { name: string; securityContext?: SecurityContext },
  uid: number | undefined,
  podRef: string,
): string | null {
  const podSc: SecurityContext = pod.spec?.securityContext ?? {};
  const sc = container.securityContext ?? {};
  const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
  if (nonRoot !== true) return null;
  const runAsUser = sc.runAsUser ?? podSc.runAsUser;
  if (runAsUser !== undefined) {
    return runAsUser === 0
      ? `container's runAsUser breaks non-root policy (pod: ${JSON.stringify(podRef)}, container: ${container.name})`
      : null;
  }
  if (uid === 0) {
    return `container has runAsNonRoot and image will run as root (pod: ${JSON.stringify(podRef)}, container: ${container.name})`;
  }
  return null;
}
