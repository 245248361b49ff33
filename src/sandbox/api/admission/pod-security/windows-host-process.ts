/** Baseline check `windowsHostProcess` (pod-security-admission/policy/check_windowsHostProcess.go). */
import {
  ALLOWED,
  allContainers,
  type Check,
  containersText,
  deny,
  podSecurityContext,
  recordOf,
  securityContext,
} from "./check.js";

function hostProcess(sc: Record<string, unknown>): boolean {
  return recordOf(sc.windowsOptions).hostProcess === true;
}

export const windowsHostProcess: Check = {
  id: "windowsHostProcess",
  level: "baseline",
  check(_meta, spec) {
    const bad = allContainers(spec)
      .filter((c) => hostProcess(securityContext(c)))
      .map((c) => c.name);
    const setters = [
      ...(hostProcess(podSecurityContext(spec)) ? ["pod"] : []),
      ...(bad.length > 0 ? [containersText(bad)] : []),
    ];
    if (setters.length === 0) return ALLOWED;
    return deny("hostProcess", `${setters.join(" and ")} must not set securityContext.windowsOptions.hostProcess=true`);
  },
};
