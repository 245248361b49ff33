/** Restricted check `runAsNonRoot` (pod-security-admission/policy/check_runAsNonRoot.go). */
import {
  ALLOWED,
  allContainers,
  type Check,
  containersText,
  deny,
  podSecurityContext,
  securityContext,
} from "./check.js";

export const runAsNonRoot: Check = {
  id: "runAsNonRoot",
  level: "restricted",
  check(_meta, spec) {
    const setters: string[] = [];
    const podValue = podSecurityContext(spec).runAsNonRoot;
    if (podValue === false) setters.push("pod");
    const podTrue = podValue === true;
    const explicit: string[] = [];
    const implicit: string[] = [];
    for (const c of allContainers(spec)) {
      const v = securityContext(c).runAsNonRoot;
      if (typeof v === "boolean") {
        if (!v) explicit.push(c.name);
      } else if (!podTrue) {
        implicit.push(c.name);
      }
    }
    if (explicit.length > 0) setters.push(containersText(explicit));
    if (setters.length > 0) {
      return deny("runAsNonRoot != true", `${setters.join(" and ")} must not set securityContext.runAsNonRoot=false`);
    }
    if (implicit.length > 0) {
      return deny(
        "runAsNonRoot != true",
        `pod or ${containersText(implicit)} must set securityContext.runAsNonRoot=true`,
      );
    }
    return ALLOWED;
  },
};
