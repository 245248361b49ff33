/** Baseline check `hostNamespaces` (pod-security-admission/policy/check_hostNamespaces.go). */
import { ALLOWED, type Check, deny, sortedSet } from "./check.js";

export const hostNamespaces: Check = {
  id: "hostNamespaces",
  level: "baseline",
  check(_meta, spec) {
    const used = ["hostNetwork", "hostPID", "hostIPC"].filter((f) => spec[f] === true);
    return used.length === 0 ? ALLOWED : deny("host namespaces", sortedSet(used).join(", "));
  },
};
