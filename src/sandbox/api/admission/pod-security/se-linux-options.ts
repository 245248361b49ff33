/** Baseline check `seLinuxOptions` (pod-security-admission/policy/check_seLinuxOptions.go). */
import {
  ALLOWED,
  allContainers,
  type Check,
  containersText,
  deny,
  joinQuote,
  pluralize,
  podSecurityContext,
  recordOf,
  securityContext,
  sortedSet,
} from "./check.js";

/** selinux_allowed_types_1_0. */
const ALLOWED_TYPES = new Set(["", "container_t", "container_init_t", "container_kvm_t"]);

export const seLinuxOptions: Check = {
  id: "seLinuxOptions",
  level: "baseline",
  check(_meta, spec) {
    const badTypes: string[] = [];
    let setUser = false;
    let setRole = false;
    const valid = (raw: unknown): boolean => {
      const o = recordOf(raw);
      let ok = true;
      const type = typeof o.type === "string" ? o.type : "";
      if (!ALLOWED_TYPES.has(type)) {
        ok = false;
        badTypes.push(type);
      }
      if (typeof o.user === "string" && o.user !== "") {
        ok = false;
        setUser = true;
      }
      if (typeof o.role === "string" && o.role !== "") {
        ok = false;
        setRole = true;
      }
      return ok;
    };
    const setters: string[] = [];
    const podOpts = podSecurityContext(spec).seLinuxOptions;
    if (podOpts !== undefined && !valid(podOpts)) setters.push("pod");
    const bad = allContainers(spec)
      .filter((c) => securityContext(c).seLinuxOptions !== undefined && !valid(securityContext(c).seLinuxOptions))
      .map((c) => c.name);
    if (bad.length > 0) setters.push(containersText(bad));
    if (setters.length === 0) return ALLOWED;
    // Upstream lists the user and role problems only alongside a bad type.
    const data: string[] = [];
    const types = sortedSet(badTypes);
    if (types.length > 0) {
      data.push(`${pluralize("type", "types", types.length)} ${joinQuote(types)}`);
      if (setUser) data.push("user may not be set");
      if (setRole) data.push("role may not be set");
    }
    return deny(
      "seLinuxOptions",
      `${setters.join(" and ")} set forbidden securityContext.seLinuxOptions: ${data.join("; ")}`,
    );
  },
};
