/** The network layer's public surface: Services, endpoints, DNS, NetworkPolicy reachability and findings. */
export { type DnsAnswer, dnsReachability, kubeDnsPod, podDnsNames, resolveDns, statefulSetDnsNames } from "./dns.js";
export { type EndpointView, serviceEndpoints, shouldPodBeInEndpoints } from "./endpoints.js";
export { networkFindings } from "./findings.js";
export { ingressClassOf, ingressFindings, ingressRoutes } from "./ingress.js";
export { type MatrixCell, OUTSIDE, OUTSIDE_IP, type ReachabilityMatrix, reachabilityMatrix } from "./matrix.js";
export { type NetPeer, type PolicyView, readPolicy } from "./policy.js";
export { canReach, type ReachTarget, type ReachVerdict } from "./reachability.js";
export { CLUSTER_DOMAIN, serviceDnsName, servicePorts, serviceType } from "./service.js";
