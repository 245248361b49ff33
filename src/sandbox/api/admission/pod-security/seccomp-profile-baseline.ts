/** Baseline check `seccompProfile_baseline`, 1.19+ form (pod-security-admission/policy/check_seccompProfile_baseline.go). */
import {
  ALLOWED,
  allContainers,
  type Check,
  containersText,
  deny,
  joinQuote,
  podSecurityContext,
  recordOf,
  securityContext,
  sortedSet,
} from "./check.js";

/** validSeccomp. */
export function validSeccomp(type: unknown): boolean {
  return type === "RuntimeDefault" || type === "Localhost";
}

export const seccompProfileBaseline: Check = {
  id: "seccompProfile_baseline",
  level: "baseline",
  check(_meta, spec) {
    const setters: string[] = [];
    const values: string[] = [];
    const pod = podSecurityContext(spec).seccompProfile;
    if (pod !== undefined && !validSeccomp(recordOf(pod).type)) {
      setters.push("pod");
      values.push(String(recordOf(pod).type ?? ""));
    }
    const bad: string[] = [];
    for (const c of allContainers(spec)) {
      const profile = securityContext(c).seccompProfile;
      if (profile === undefined || validSeccomp(recordOf(profile).type)) continue;
      bad.push(c.name);
      values.push(String(recordOf(profile).type ?? ""));
    }
    if (bad.length > 0) setters.push(containersText(bad));
    if (setters.length === 0) return ALLOWED;
    return deny(
      "seccompProfile",
      `${setters.join(" and ")} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}`,
    );
  },
};
