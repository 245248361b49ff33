/**
 * networking/v1 defaulting (pkg/apis/networking/v1/defaults.go SetDefaults_NetworkPolicy,
 * SetDefaults_NetworkPolicyPort). Ingress `pathType` has no default: it is required.
 */
import { ensure, items, type Obj } from "./fields.js";

/** NetworkPolicy: policyTypes `[Ingress]`, plus `Egress` when egress rules exist; ports TCP. */
export function defaultNetworkPolicy(obj: Obj): void {
  const spec = ensure(obj, "spec");
  if (!spec) return;
  for (const dir of ["ingress", "egress"]) {
    for (const rule of items(spec[dir]))
      for (const p of items(rule.ports)) if (p.protocol === undefined || p.protocol === null) p.protocol = "TCP";
  }
  if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
    spec.policyTypes = Array.isArray(spec.egress) && spec.egress.length > 0 ? ["Ingress", "Egress"] : ["Ingress"];
  }
}
