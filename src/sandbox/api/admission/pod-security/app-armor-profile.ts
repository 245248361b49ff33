/** Baseline check `appArmorProfile` (pod-security-admission/policy/check_appArmorProfile.go). */
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

const ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

function allowedType(t: unknown): boolean {
  return t === "RuntimeDefault" || t === "Localhost";
}

function allowedAnnotation(v: string): boolean {
  return v === "" || v === "runtime/default" || v.startsWith("localhost/");
}

export const appArmorProfile: Check = {
  id: "appArmorProfile",
  level: "baseline",
  check(meta, spec) {
    const setters: string[] = [];
    const badValues: string[] = [];
    const podProfile = recordOf(podSecurityContext(spec).appArmorProfile);
    if (podSecurityContext(spec).appArmorProfile !== undefined && !allowedType(podProfile.type)) {
      setters.push("pod");
      badValues.push(String(podProfile.type ?? ""));
    }
    const containers: string[] = [];
    for (const c of allContainers(spec)) {
      const sc = securityContext(c);
      if (sc.appArmorProfile === undefined) continue;
      const type = recordOf(sc.appArmorProfile).type;
      if (!allowedType(type)) {
        containers.push(c.name);
        badValues.push(String(type ?? ""));
      }
    }
    if (containers.length > 0) setters.push(containersText(containers));
    const annotations = Object.entries(meta.annotations ?? {})
      .filter(([k, v]) => k.startsWith(ANNOTATION_PREFIX) && !allowedAnnotation(v))
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .sort();
    const values = [...sortedSet(badValues), ...annotations];
    if (annotations.length > 0) setters.push(pluralize("annotation", "annotations", annotations.length));
    if (setters.length === 0) return ALLOWED;
    return deny(
      pluralize("forbidden AppArmor profile", "forbidden AppArmor profiles", values.length),
      `${setters.join(" and ")} must not set AppArmor profile type to ${joinQuote(values)}`,
    );
  },
};
