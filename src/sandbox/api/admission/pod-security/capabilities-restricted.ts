/** Restricted check `capabilities_restricted`, 1.25+ form (pod-security-admission/policy/check_capabilities_restricted.go). */
import {
  ALLOWED,
  allContainers,
  type Check,
  containersText,
  deny,
  isWindowsPod,
  joinQuote,
  recordOf,
  securityContext,
  sortedSet,
} from "./check.js";

export const capabilitiesRestricted: Check = {
  id: "capabilities_restricted",
  level: "restricted",
  overrides: ["capabilities_baseline"],
  check(_meta, spec) {
    if (isWindowsPod(spec)) return ALLOWED;
    const missingDropAll: string[] = [];
    const adding: string[] = [];
    const caps: string[] = [];
    for (const c of allContainers(spec)) {
      const raw = securityContext(c).capabilities;
      if (raw === undefined || raw === null) {
        missingDropAll.push(c.name);
        continue;
      }
      const capabilities = recordOf(raw);
      const drop = Array.isArray(capabilities.drop) ? capabilities.drop : [];
      if (!drop.includes("ALL")) missingDropAll.push(c.name);
      const add = (Array.isArray(capabilities.add) ? capabilities.add.map(String) : []).filter(
        (cap) => cap !== "NET_BIND_SERVICE",
      );
      if (add.length > 0) {
        adding.push(c.name);
        caps.push(...add);
      }
    }
    const details: string[] = [];
    if (missingDropAll.length > 0) {
      details.push(`${containersText(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`);
    }
    if (adding.length > 0) {
      details.push(
        `${containersText(adding)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`,
      );
    }
    return details.length === 0 ? ALLOWED : deny("unrestricted capabilities", details.join("; "));
  },
};
