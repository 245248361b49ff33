/**
 * Service defaulting (pkg/apis/core/v1/defaults.go SetDefaults_Service) plus what the REST
 * strategy and IP allocator fill in on create for single-stack clusters
 * (pkg/registry/core/service/strategy.go, ipallocator): `clusterIPs` mirrors `clusterIP`, and
 * non-ExternalName services are `SingleStack` IPv4.
 */
import { ensure, items, type Obj, rec, setDefault } from "./fields.js";

/** Defaults a Service in place. */
export function defaultService(obj: Obj): void {
  const spec = ensure(obj, "spec");
  if (!spec) return;
  setDefault(spec, "sessionAffinity", "None");
  if (spec.sessionAffinity === "None") delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === "ClientIP") {
    const timeout = rec(rec(spec.sessionAffinityConfig)?.clientIP)?.timeoutSeconds;
    if (timeout === undefined || timeout === null) spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  setDefault(spec, "type", "ClusterIP");
  for (const p of items(spec.ports)) {
    setDefault(p, "protocol", "TCP");
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === "")
      p.targetPort = p.port;
  }
  const type = spec.type;
  const external =
    type === "NodePort" ||
    type === "LoadBalancer" ||
    (type === "ClusterIP" && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
  if (external) setDefault(spec, "externalTrafficPolicy", "Cluster");
  if (
    (spec.internalTrafficPolicy === undefined || spec.internalTrafficPolicy === null) &&
    (type === "NodePort" || type === "LoadBalancer" || type === "ClusterIP")
  ) {
    spec.internalTrafficPolicy = "Cluster";
  }
  if (
    type === "LoadBalancer" &&
    (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null)
  ) {
    spec.allocateLoadBalancerNodePorts = true;
  }
  if (type !== "ExternalName") {
    if (typeof spec.clusterIP === "string" && spec.clusterIP !== "" && !Array.isArray(spec.clusterIPs))
      spec.clusterIPs = [spec.clusterIP];
    setDefault(spec, "ipFamilyPolicy", "SingleStack");
    if (!Array.isArray(spec.ipFamilies)) spec.ipFamilies = ["IPv4"];
  }
}
