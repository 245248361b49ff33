/** Baseline check `procMount` (pod-security-admission/policy/check_procMount.go). */
import {
  ALLOWED,
  allContainers,
  type Check,
  containersText,
  deny,
  joinQuote,
  securityContext,
  sortedSet,
} from "./check.js";

export const procMount: Check = {
  id: "procMount",
  level: "baseline",
  check(_meta, spec) {
    const bad: string[] = [];
    const types: string[] = [];
    for (const c of allContainers(spec)) {
      const pm = securityContext(c).procMount;
      if (pm === undefined || pm === null || pm === "Default") continue;
      bad.push(c.name);
      types.push(String(pm));
    }
    if (bad.length === 0) return ALLOWED;
    return deny(
      "procMount",
      `${containersText(bad)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`,
    );
  },
};
