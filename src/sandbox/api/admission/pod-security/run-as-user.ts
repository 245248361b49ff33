/** Restricted check `runAsUser` (pod-security-admission/policy/check_runAsUser.go). */
import {
  ALLOWED,
  allContainers,
  type Check,
  containersText,
  deny,
  podSecurityContext,
  securityContext,
} from "./check.js";

export const runAsUser: Check = {
  id: "runAsUser",
  level: "restricted",
  check(_meta, spec) {
    const setters = podSecurityContext(spec).runAsUser === 0 ? ["pod"] : [];
    const bad = allContainers(spec)
      .filter((c) => securityContext(c).runAsUser === 0)
      .map((c) => c.name);
    if (bad.length > 0) setters.push(containersText(bad));
    return setters.length === 0 ? ALLOWED : deny("runAsUser=0", `${setters.join(" and ")} must not set runAsUser=0`);
  },
};
