/**
 * The checks of the current Pod Security Standards version and their order
 * (pod-security-admission/policy/registry.go): baseline checks sorted by ID, then restricted
 * checks sorted by ID; the restricted level runs every baseline check a restricted check does
 * not override. Check IDs sort byte-wise as Go's sort does (upper case before lower case).
 */
import type { ObjectMeta } from "../../../model/object.js";
import { allowPrivilegeEscalation } from "./allow-privilege-escalation.js";
import { appArmorProfile } from "./app-armor-profile.js";
import { capabilitiesBaseline } from "./capabilities-baseline.js";
import { capabilitiesRestricted } from "./capabilities-restricted.js";
import type { Check, Level } from "./check.js";
import { hostNamespaces } from "./host-namespaces.js";
import { hostPathVolumes } from "./host-path-volumes.js";
import { hostPorts } from "./host-ports.js";
import { hostProbesAndHostLifecycle } from "./host-probes-and-host-lifecycle.js";
import { privileged } from "./privileged.js";
import { procMount } from "./proc-mount.js";
import { restrictedVolumes } from "./restricted-volumes.js";
import { runAsNonRoot } from "./run-as-non-root.js";
import { runAsUser } from "./run-as-user.js";
import { seLinuxOptions } from "./se-linux-options.js";
import { seccompProfileBaseline } from "./seccomp-profile-baseline.js";
import { seccompProfileRestricted } from "./seccomp-profile-restricted.js";
import { sysctls } from "./sysctls.js";
import { windowsHostProcess } from "./windows-host-process.js";

/** Every check of the policy version `latest` (Kubernetes 1.34). */
export const CHECKS: readonly Check[] = [
  appArmorProfile,
  capabilitiesBaseline,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  privileged,
  procMount,
  seLinuxOptions,
  seccompProfileBaseline,
  sysctls,
  windowsHostProcess,
  allowPrivilegeEscalation,
  capabilitiesRestricted,
  restrictedVolumes,
  runAsNonRoot,
  runAsUser,
  seccompProfileRestricted,
];

const byId = (a: Check, b: Check) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The check lists per level, computed once (CHECKS never changes). */
const checksByLevel = new Map<Level, readonly Check[]>();

/** The checks a level runs, in evaluation order. */
export function checksFor(level: Level): readonly Check[] {
  let checks = checksByLevel.get(level);
  if (!checks) {
    checks = computeChecks(level);
    checksByLevel.set(level, checks);
  }
  return checks;
}

function computeChecks(level: Level): readonly Check[] {
  if (level === "privileged") return [];
  const baseline = CHECKS.filter((c) => c.level === "baseline").sort(byId);
  if (level === "baseline") return baseline;
  const restricted = CHECKS.filter((c) => c.level === "restricted").sort(byId);
  const overridden = new Set(restricted.flatMap((c) => c.overrides ?? []));
  return [...baseline.filter((c) => !overridden.has(c.id)), ...restricted];
}

/** One forbidden check. */
export interface Violation {
  reason: string;
  detail: string;
}

/** EvaluatePod + AggregateCheckResults: the violations of a pod at a level, in order. */
export function evaluatePod(level: Level, meta: ObjectMeta, spec: Record<string, unknown>): Violation[] {
  const out: Violation[] = [];
  for (const check of checksFor(level)) {
    const r = check.check(meta, spec);
    if (!r.allowed) out.push({ reason: r.reason || "unknown forbidden reason", detail: r.detail });
  }
  return out;
}

/** ForbiddenDetail: `reason (detail), reason, ...`. */
export function forbiddenDetail(violations: Violation[]): string {
  return violations.map((v) => (v.detail ? `${v.reason} (${v.detail})` : v.reason)).join(", ");
}
