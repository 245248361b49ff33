/**
 * Cluster DNS as CoreDNS' kubernetes plugin answers it (github.com/kubernetes/dns
 * docs/specification.md): `<svc>.<ns>.svc.cluster.local` gives a ClusterIP Service's virtual IP,
 * a headless Service's ready pod IPs, or an ExternalName's CNAME; `<hostname>.<subdomain>.<ns>.svc.cluster.local`
 * gives one pod behind a headless Service (StatefulSet pods through their governing Service).
 * kube-dns itself is modelled implicitly: the pods `k8s-app=kube-dns` in kube-system.
 */
import type { ObjectStore } from "../api/store.js";
import type { KubeObject } from "../model/object.js";
import { serviceEndpoints } from "./endpoints.js";
import { allPolicies, type PolicyView } from "./policy.js";
import { canReach, type ReachVerdict } from "./reachability.js";
import { CLUSTER_DOMAIN, isHeadless, serviceDnsName, serviceType } from "./service.js";

/** Labels of the cluster DNS pods and Service (kubeadm's CoreDNS addon). */
export const KUBE_DNS_LABELS = { "k8s-app": "kube-dns" } as const;

/**
 * The cluster DNS pod: the input's own pod labelled `k8s-app=kube-dns` in kube-system, else the
 * CoreDNS pod every kubeadm cluster runs (ports dns 53/UDP, dns-tcp 53/TCP, metrics 9153/TCP).
 */
export function kubeDnsPod(store: ObjectStore): KubeObject {
  const own = store
    .list("Pod", "kube-system")
    .find((p) => p.metadata.labels?.["k8s-app"] === KUBE_DNS_LABELS["k8s-app"]);
  if (own) return own;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "coredns", namespace: "kube-system", labels: { ...KUBE_DNS_LABELS } },
    spec: {
      containers: [
        {
          name: "coredns",
          image: "registry.k8s.io/coredns/coredns:v1.12.1",
          ports: [
            { name: "dns", containerPort: 53, protocol: "UDP" },
            { name: "dns-tcp", containerPort: 53, protocol: "TCP" },
            { name: "metrics", containerPort: 9153, protocol: "TCP" },
          ],
        },
      ],
    },
    status: { phase: "Running", podIP: "10.244.0.2" },
  };
}

/** Whether a pod can resolve names: its egress to kube-dns on 53/UDP (and the DNS pod's ingress). */
export function dnsReachability(
  pod: KubeObject,
  store: ObjectStore,
  policies: readonly PolicyView[] = allPolicies(store),
): { udp: ReachVerdict; tcp: ReachVerdict } {
  const dns = { kind: "pod", pod: kubeDnsPod(store) } as const;
  const from = { kind: "pod", pod } as const;
  return { udp: canReach(from, dns, 53, "UDP", store, policies), tcp: canReach(from, dns, 53, "TCP", store, policies) };
}

/** A DNS answer. */
export interface DnsAnswer {
  /** A: addresses; CNAME: the external name; NXDOMAIN: the name does not exist. */
  type: "A" | "CNAME" | "NXDOMAIN";
  answers: string[];
  /** Why, in one sentence. */
  note: string;
}

/** The names a pod has in cluster DNS: its per-pod record behind a headless Service, if any. */
export function podDnsNames(pod: KubeObject, store: ObjectStore): string[] {
  const ns = pod.metadata.namespace ?? "default";
  const host = pod.spec?.hostname;
  const sub = pod.spec?.subdomain;
  if (typeof host !== "string" || typeof sub !== "string") return [];
  const svc = store.get("Service", ns, sub);
  return svc && isHeadless(svc) ? [`${host}.${sub}.${ns}.svc.${CLUSTER_DOMAIN}`] : [];
}

/**
 * The per-pod names of a StatefulSet (`web-0.nginx.default.svc.cluster.local`), and why they do
 * not resolve when its governing Service is missing or not headless.
 */
export function statefulSetDnsNames(sts: KubeObject, store: ObjectStore): { names: string[]; problem: string | null } {
  const ns = sts.metadata.namespace ?? "default";
  const name = sts.metadata.name ?? "";
  const governing = typeof sts.spec?.serviceName === "string" ? sts.spec.serviceName : "";
  const replicas = typeof sts.spec?.replicas === "number" ? sts.spec.replicas : 1;
  const names = Array.from({ length: replicas }, (_, i) => `${name}-${i}.${governing}.${ns}.svc.${CLUSTER_DOMAIN}`);
  if (!governing)
    return {
      names: [],
      problem: `StatefulSet ${name} names no governing Service (spec.serviceName), so its pods get no per-pod DNS names`,
    };
  const svc = store.get("Service", ns, governing);
  if (!svc)
    return {
      names,
      problem: `the governing Service ${governing} of StatefulSet ${name} does not exist, so ${names[0] ?? `${name}-0`} does not resolve`,
    };
  if (!isHeadless(svc))
    return {
      names,
      problem: `the governing Service ${governing} of StatefulSet ${name} is not headless (clusterIP: None), so per-pod names like ${names[0] ?? `${name}-0`} do not resolve`,
    };
  return { names, problem: null };
}

/** Resolves `<svc>.<ns>.svc.cluster.local` or `<host>.<svc>.<ns>.svc.cluster.local` (a trailing dot is allowed). */
export function resolveDns(name: string, store: ObjectStore): DnsAnswer {
  const suffix = `.svc.${CLUSTER_DOMAIN}`;
  const fqdn = name.replace(/\.$/, "");
  const nx = (note: string): DnsAnswer => ({ type: "NXDOMAIN", answers: [], note });
  if (!fqdn.endsWith(suffix)) return nx(`${name} is not a Service name of this cluster (${suffix})`);
  const parts = fqdn.slice(0, -suffix.length).split(".");
  if (parts.length < 2 || parts.length > 3) return nx(`${name} is not of the form <service>.<namespace>${suffix}`);
  const [host, svcName, ns] = parts.length === 3 ? parts : [undefined, parts[0], parts[1]];
  const svc = store.get("Service", ns, svcName ?? "");
  if (!svc) return nx(`there is no Service ${svcName} in namespace ${ns}`);
  const eps = serviceEndpoints(svc, store.list("Pod", ns)).filter((e) => e.ready);
  if (host !== undefined) {
    if (!isHeadless(svc)) return nx(`${svcName} is not headless, so it has no per-pod names`);
    const ep = eps.find((e) => e.hostname === host);
    return ep
      ? { type: "A", answers: [ep.ip], note: `pod ${ep.pod.metadata.name} behind headless Service ${svcName}` }
      : nx(`no ready pod with hostname ${host} behind ${svcName}`);
  }
  if (serviceType(svc) === "ExternalName") {
    return {
      type: "CNAME",
      answers: [String(svc.spec?.externalName ?? "")],
      note: `ExternalName Service: a CNAME, no proxying`,
    };
  }
  if (isHeadless(svc)) {
    return eps.length > 0
      ? { type: "A", answers: eps.map((e) => e.ip), note: `headless Service: one record per ready pod` }
      : nx(`headless Service ${svcName} has no ready pods, so ${serviceDnsName(svc)} has no records`);
  }
  const ip = svc.spec?.clusterIP;
  return typeof ip === "string" && ip !== ""
    ? { type: "A", answers: [ip], note: `the Service's virtual IP` }
    : nx(`Service ${svcName} has no ClusterIP yet`);
}
