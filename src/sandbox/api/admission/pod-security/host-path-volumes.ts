/** Baseline check `hostPathVolumes` (pod-security-admission/policy/check_hostPathVolumes.go). */
import { ALLOWED, type Check, deny, joinQuote, pluralize } from "./check.js";
import { volumesOf } from "./volumes.js";

export const hostPathVolumes: Check = {
  id: "hostPathVolumes",
  level: "baseline",
  check(_meta, spec) {
    const names = volumesOf(spec)
      .filter((v) => v.hostPath !== undefined && v.hostPath !== null)
      .map((v) => String(v.name ?? ""));
    if (names.length === 0) return ALLOWED;
    return deny("hostPath volumes", `${pluralize("volume", "volumes", names.length)} ${joinQuote(names)}`);
  },
};
