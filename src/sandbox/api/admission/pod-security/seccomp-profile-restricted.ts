/** Restricted check `seccompProfile_restricted`, 1.25+ form (pod-security-admission/policy/check_seccompProfile_restricted.go). */
import {
  ALLOWED,
  allContainers,
  type Check,
  containersText,
  deny,
  isWindowsPod,
  joinQuote,
  podSecurityContext,
  recordOf,
  securityContext,
  sortedSet,
} from "./check.js";
import { validSeccomp } from "./seccomp-profile-baseline.js";

export const seccompProfileRestricted: Check = {
  id: "seccompProfile_restricted",
  level: "restricted",
  overrides: ["seccompProfile_baseline"],
  check(_meta, spec) {
    if (isWindowsPod(spec)) return ALLOWED;
    const setters: string[] = [];
    const values: string[] = [];
    let podSet = false;
    const pod = podSecurityContext(spec).seccompProfile;
    if (pod !== undefined && pod !== null) {
      if (validSeccomp(recordOf(pod).type)) podSet = true;
      else {
        setters.push("pod");
        values.push(String(recordOf(pod).type ?? ""));
      }
    }
    const explicit: string[] = [];
    const implicit: string[] = [];
    for (const c of allContainers(spec)) {
      const profile = securityContext(c).seccompProfile;
      if (profile !== undefined && profile !== null) {
        if (!validSeccomp(recordOf(profile).type)) {
          explicit.push(c.name);
          values.push(String(recordOf(profile).type ?? ""));
        }
      } else if (!podSet) {
        implicit.push(c.name);
      }
    }
    if (explicit.length > 0) setters.push(containersText(explicit));
    if (setters.length > 0) {
      return deny(
        "seccompProfile",
        `${setters.join(" and ")} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}`,
      );
    }
    if (implicit.length > 0) {
      return deny(
        "seccompProfile",
        `pod or ${containersText(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      );
    }
    return ALLOWED;
  },
};
