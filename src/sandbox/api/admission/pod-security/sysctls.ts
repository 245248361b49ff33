/** Baseline check `sysctls`, 1.32+ allowed set (pod-security-admission/policy/check_sysctls.go). */
import { ALLOWED, type Check, deny, podSecurityContext, recordOf } from "./check.js";

/** sysctlsAllowedV1Dot32. */
const SAFE_SYSCTLS = new Set([
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
  "net.ipv4.tcp_rmem",
  "net.ipv4.tcp_wmem",
]);

export const sysctls: Check = {
  id: "sysctls",
  level: "baseline",
  check(_meta, spec) {
    const list = podSecurityContext(spec).sysctls;
    const bad = (Array.isArray(list) ? list : [])
      .map((s) => String(recordOf(s).name ?? ""))
      .filter((name) => !SAFE_SYSCTLS.has(name));
    return bad.length === 0 ? ALLOWED : deny("forbidden sysctls", bad.join(", "));
  },
};
