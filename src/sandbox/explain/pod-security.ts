/**
 * Security of each workload's pods: the highest Pod Security Standard it meets (evaluated with
 * the same checks as the PodSecurity admission plugin, k8s.io/pod-security-admission/policy),
 * and securityContext findings that name what an attacker inside the container would gain.
 */
import { policyFromLabels } from "../api/admission/pod-security/policy.js";
import { evaluatePod, forbiddenDetail } from "../api/admission/pod-security/registry.js";
import type { ObjectMeta } from "../model/object.js";
import type { Finding } from "../result.js";
import type { FindingContext } from "./source.js";
import { containersOf, inputWorkloads, type Workload } from "./workloads.js";

type Any = any;
type Level = "privileged" | "baseline" | "restricted";

/** The highest Pod Security Standard a pod spec meets, with the violations of the next level up. */
export function podSecurityLevel(
  meta: ObjectMeta,
  spec: Record<string, unknown>,
): { level: Level; next: string | null } {
  const restricted = evaluatePod("restricted", meta, spec);
  if (restricted.length === 0) return { level: "restricted", next: null };
  const baseline = evaluatePod("baseline", meta, spec);
  if (baseline.length === 0) return { level: "baseline", next: forbiddenDetail(restricted) };
  return { level: "privileged", next: forbiddenDetail(baseline) };
}

function levelFinding(ctx: FindingContext, w: Workload): Finding {
  const meta = { ...w.podMeta, name: w.object.metadata.name, namespace: w.object.metadata.namespace } as ObjectMeta;
  const { level, next } = podSecurityLevel(meta, w.podSpec);
  const ns = ctx.cluster.store.get("Namespace", undefined, w.object.metadata.namespace ?? "default");
  const enforce = policyFromLabels(ns?.metadata.labels).enforce.level;
  const nextLevel = level === "privileged" ? "baseline" : "restricted";
  return {
    severity: "info",
    layer: "security",
    object: w.ref,
    message:
      `meets Pod Security level ${level}` +
      (next ? `; ${nextLevel} would refuse it: ${next}` : "") +
      ` (namespace ${w.object.metadata.namespace ?? "default"} enforces ${enforce})`,
    hint: next ? `to reach ${nextLevel}, fix the items listed` : null,
  };
}

const DANGEROUS_CAPS = new Set([
  "ALL",
  "SYS_ADMIN",
  "NET_ADMIN",
  "SYS_PTRACE",
  "SYS_MODULE",
  "DAC_READ_SEARCH",
  "NET_RAW",
]);

function contextFindings(w: Workload): Finding[] {
  const out: Finding[] = [];
  const spec = w.podSpec;
  const podCtx: Any = spec.securityContext ?? {};
  const containers = containersOf(spec);
  const push = (severity: Finding["severity"], message: string, hint: string) =>
    out.push({ severity, layer: "security", object: w.ref, message, hint });

  const root = containers.filter((c) => {
    const sc: Any = c.securityContext ?? {};
    const user = sc.runAsUser ?? podCtx.runAsUser;
    const nonRoot = sc.runAsNonRoot ?? podCtx.runAsNonRoot;
    return user === 0 || (user === undefined && nonRoot !== true);
  });
  if (root.length > 0) {
    push(
      "warning",
      `container ${root.map((c) => `"${c.name}"`).join(", ")} may run as root (no runAsNonRoot, no non-zero runAsUser): most images, nginx and postgres included, start as root`,
      "set securityContext.runAsNonRoot: true and a runAsUser, and use an image built for it",
    );
  }
  for (const c of containers) {
    const sc: Any = c.securityContext ?? {};
    if (sc.privileged === true) {
      push(
        "warning",
        `container "${c.name}" is privileged: it has every device and capability of the node`,
        "remove securityContext.privileged",
      );
    }
    const added: string[] = (sc.capabilities?.add ?? []).filter((x: unknown) => typeof x === "string");
    const bad = added.filter((x) => DANGEROUS_CAPS.has(x.replace(/^CAP_/, "")));
    if (bad.length > 0) {
      push(
        "warning",
        `container "${c.name}" adds capabilities ${bad.join(", ")}`,
        "drop ALL and add back only what the app needs",
      );
    }
  }
  const hostPaths = ((spec.volumes ?? []) as Any[]).filter((v) => v?.hostPath);
  if (hostPaths.length > 0) {
    push(
      "warning",
      `mounts hostPath ${hostPaths.map((v) => `"${v.hostPath.path}"`).join(", ")}: the pod reads (or writes) the node's files, and its data stays behind on that node when the pod moves`,
      "use a PersistentVolumeClaim, a ConfigMap or an emptyDir",
    );
  }
  const hostNs = ["hostNetwork", "hostPID", "hostIPC"].filter((k) => spec[k] === true);
  if (hostNs.length > 0) {
    push(
      "warning",
      `shares the node's namespaces (${hostNs.map((k) => `${k}=true`).join(", ")})`,
      "remove them unless the pod is a node agent",
    );
  }
  const writable = ((spec.containers ?? []) as Any[]).filter(
    (c) => c?.securityContext?.readOnlyRootFilesystem !== true,
  );
  if (writable.length > 0) {
    push(
      "info",
      `container ${writable.map((c) => `"${c.name}"`).join(", ")} has a writable root filesystem`,
      "set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the app writes",
    );
  }
  if (!spec.serviceAccountName && spec.automountServiceAccountToken !== false) {
    push(
      "info",
      "uses the namespace's default ServiceAccount with its token mounted",
      "set automountServiceAccountToken: false, or a dedicated serviceAccountName",
    );
  }
  return out;
}

/** Security findings for every input workload. */
export function podSecurityFindings(ctx: FindingContext): Finding[] {
  return inputWorkloads(ctx.cluster.store).flatMap((w) => [levelFinding(ctx, w), ...contextFindings(w)]);
}
