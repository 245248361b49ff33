/**
 * A namespace's Pod Security policy from its labels
 * (pod-security-admission/api/helpers.go PolicyToEvaluate): `pod-security.kubernetes.io/<mode>`
 * and `<mode>-version` for enforce, audit and warn. Unlabelled modes are `privileged:latest`
 * (the default AdmissionConfiguration). A bad enforce level fails closed (restricted), a bad
 * audit or warn level fails open (privileged). When warn is not labelled and enforce is stricter,
 * warn follows enforce.
 */
import type { Level } from "./check.js";

export interface LevelVersion {
  level: Level;
  version: string;
}

export interface NamespacePolicy {
  enforce: LevelVersion;
  audit: LevelVersion;
  warn: LevelVersion;
}

const LABEL_PREFIX = "pod-security.kubernetes.io/";
const RANK: Record<Level, number> = { privileged: 0, baseline: 1, restricted: 2 };

function parseLevel(value: string | undefined): Level | null {
  return value === "privileged" || value === "baseline" || value === "restricted" ? value : null;
}

/** `latest` or `v1.<minor>`; anything else is treated as latest. */
function parseVersion(value: string | undefined): string {
  return value && /^v1\.(0|[1-9][0-9]*)$/.test(value) ? value : "latest";
}

/** `restricted:latest`, as LevelVersion.String() prints it. */
export function levelVersionText(lv: LevelVersion): string {
  return `${lv.level}:${lv.version}`;
}

/** The policy a namespace's labels describe. */
export function policyFromLabels(labels: Record<string, string> | undefined): NamespacePolicy {
  const l = labels ?? {};
  const mode = (name: "enforce" | "audit" | "warn", onError: Level): LevelVersion => {
    const raw = l[LABEL_PREFIX + name];
    const level = raw === undefined ? "privileged" : (parseLevel(raw) ?? onError);
    return { level, version: parseVersion(l[`${LABEL_PREFIX}${name}-version`]) };
  };
  const policy = {
    enforce: mode("enforce", "restricted"),
    audit: mode("audit", "privileged"),
    warn: mode("warn", "privileged"),
  };
  const enforceLabelled = parseLevel(l[`${LABEL_PREFIX}enforce`]) !== null;
  if (
    l[`${LABEL_PREFIX}warn`] === undefined &&
    enforceLabelled &&
    RANK[policy.enforce.level] > RANK[policy.warn.level]
  ) {
    policy.warn = {
      level: policy.enforce.level,
      version: l[`${LABEL_PREFIX}warn-version`] === undefined ? policy.enforce.version : policy.warn.version,
    };
  }
  return policy;
}
