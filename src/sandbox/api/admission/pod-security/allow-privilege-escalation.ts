/** Restricted check `allowPrivilegeEscalation`, 1.25+ form (pod-security-admission/policy/check_allowPrivilegeEscalation.go). */
import { ALLOWED, allContainers, type Check, containersText, deny, isWindowsPod, securityContext } from "./check.js";

export const allowPrivilegeEscalation: Check = {
  id: "allowPrivilegeEscalation",
  level: "restricted",
  check(_meta, spec) {
    if (isWindowsPod(spec)) return ALLOWED;
    const bad = allContainers(spec)
      .filter((c) => securityContext(c).allowPrivilegeEscalation !== false)
      .map((c) => c.name);
    if (bad.length === 0) return ALLOWED;
    return deny(
      "allowPrivilegeEscalation != false",
      `${containersText(bad)} must set securityContext.allowPrivilegeEscalation=false`,
    );
  },
};
