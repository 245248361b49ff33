/** Baseline check `hostPorts` (pod-security-admission/policy/check_hostPorts.go). */

import { isRecord } from "../pod-spec.js";
import { ALLOWED, allContainers, type Check, containersText, deny, pluralize, sortedSet } from "./check.js";

export const hostPorts: Check = {
  id: "hostPorts",
  level: "baseline",
  check(_meta, spec) {
    const bad: string[] = [];
    const ports: string[] = [];
    for (const c of allContainers(spec)) {
      const used = (Array.isArray(c.ports) ? c.ports : [])
        .filter(isRecord)
        .map((p) => p.hostPort)
        .filter((p) => typeof p === "number" && p !== 0);
      if (used.length > 0) {
        bad.push(c.name);
        ports.push(...used.map(String));
      }
    }
    if (bad.length === 0) return ALLOWED;
    const list = sortedSet(ports);
    return deny(
      "hostPort",
      `${containersText(bad)} ${pluralize("uses", "use", bad.length)} ${pluralize("hostPort", "hostPorts", list.length)} ${list.join(", ")}`,
    );
  },
};
