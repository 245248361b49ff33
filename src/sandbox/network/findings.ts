/** The network layer's findings, for the explanation layer to merge: Services, Ingresses, NetworkPolicies. */
import type { ObjectStore } from "../api/store.js";
import type { Finding } from "../result.js";
import { ingressFindings } from "./ingress.js";
import { reachabilityMatrix } from "./matrix.js";
import { policyFindings } from "./policy-findings.js";
import { serviceFindings } from "./service-findings.js";

/** Every network finding of a cluster at the horizon, in a stable order (Services, Ingresses, policies). */
export function networkFindings(cluster: { store: ObjectStore }): Finding[] {
  const store = cluster.store;
  return [...serviceFindings(store), ...ingressFindings(store), ...policyFindings(store, reachabilityMatrix(cluster))];
}
