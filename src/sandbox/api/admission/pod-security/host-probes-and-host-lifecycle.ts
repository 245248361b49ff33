/**
 * Baseline check `hostProbesAndHostLifecycle`, new in policy 1.34
 * (pod-security-admission/policy/check_hostProbesAndhostLifecycle.go).
 */
import {
  ALLOWED,
  allContainers,
  type Check,
  containersText,
  deny,
  joinQuote,
  pluralize,
  recordOf,
  sortedSet,
} from "./check.js";

function hosts(handler: unknown): string[] {
  const h = recordOf(handler);
  return [recordOf(h.httpGet).host, recordOf(h.tcpSocket).host].filter(
    (x): x is string => typeof x === "string" && x !== "",
  );
}

export const hostProbesAndHostLifecycle: Check = {
  id: "hostProbesAndHostLifecycle",
  level: "baseline",
  check(_meta, spec) {
    const bad: string[] = [];
    const forbidden: string[] = [];
    for (const c of allContainers(spec)) {
      const lifecycle = recordOf(c.lifecycle);
      const found = [c.livenessProbe, c.readinessProbe, c.startupProbe, lifecycle.postStart, lifecycle.preStop].flatMap(
        hosts,
      );
      if (found.length > 0) {
        bad.push(c.name);
        forbidden.push(...found);
      }
    }
    if (bad.length === 0) return ALLOWED;
    const names = sortedSet(bad);
    const values = sortedSet(forbidden);
    return deny(
      "probe or lifecycle host",
      `${containersText(names)} ${pluralize("uses", "use", names.length)} ${pluralize("probe or lifecycle host", "probe or lifecycle hosts", values.length)} ${joinQuote(values)}`,
    );
  },
};
