/** Baseline check `privileged` (pod-security-admission/policy/check_privileged.go). */
import { ALLOWED, allContainers, type Check, containersText, deny, securityContext } from "./check.js";

export const privileged: Check = {
  id: "privileged",
  level: "baseline",
  check(_meta, spec) {
    const bad = allContainers(spec)
      .filter((c) => securityContext(c).privileged === true)
      .map((c) => c.name);
    if (bad.length === 0) return ALLOWED;
    return deny("privileged", `${containersText(bad)} must not set securityContext.privileged=true`);
  },
};
