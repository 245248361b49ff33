/** Baseline check `capabilities_baseline` (pod-security-admission/policy/check_capabilities_baseline.go). */
import {
  ALLOWED,
  allContainers,
  type Check,
  containersText,
  deny,
  joinQuote,
  recordOf,
  securityContext,
  sortedSet,
} from "./check.js";

/** capabilities_allowed_1_0: the container runtime's default set. */
const DEFAULT_CAPABILITIES = new Set([
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
]);

export const capabilitiesBaseline: Check = {
  id: "capabilities_baseline",
  level: "baseline",
  check(_meta, spec) {
    const bad: string[] = [];
    const caps: string[] = [];
    for (const c of allContainers(spec)) {
      const add = recordOf(securityContext(c).capabilities).add;
      const extra = (Array.isArray(add) ? add.map(String) : []).filter((cap) => !DEFAULT_CAPABILITIES.has(cap));
      if (extra.length > 0) {
        bad.push(c.name);
        caps.push(...extra);
      }
    }
    if (bad.length === 0) return ALLOWED;
    return deny(
      "non-default capabilities",
      `${containersText(bad)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`,
    );
  },
};
