/**
 * What a learner should know about each Service: a selector that matches nothing (the silent
 * `Endpoints: <none>` of `kubectl describe svc`), no ready endpoints, target ports the pods do not
 * have, a LoadBalancer that stays `<pending>` here, ExternalName, and StatefulSet DNS
 * (K8sGPT's service analyzer reports the first two from a live cluster).
 */
import type { ObjectStore } from "../api/store.js";
import type { KubeObject } from "../model/object.js";
import type { Finding } from "../result.js";
import { statefulSetDnsNames } from "./dns.js";
import { serviceEndpoints } from "./endpoints.js";
import {
  podContainerPorts,
  resolveTargetPort,
  selectsPod,
  serviceDnsName,
  servicePorts,
  serviceSelector,
  serviceType,
} from "./service.js";

const WORKLOADS = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"];

/** Labels controllers add to every pod, which only add noise when comparing with a selector. */
const GENERATED_LABELS = [
  "pod-template-hash",
  "controller-revision-hash",
  "statefulset.kubernetes.io/pod-name",
  "apps.kubernetes.io/pod-index",
  "batch.kubernetes.io/controller-uid",
  "controller-uid",
];

function labelText(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {}).filter(([k]) => !GENERATED_LABELS.includes(k));
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(",") : "no labels";
}

/** The label sets (of workload templates, then pods) sharing the most keys and values with the selector, each once. */
function closest(
  sel: Record<string, string>,
  candidates: { what: string; labels: Record<string, string> | undefined }[],
): string | null {
  let best = -1;
  let picks = new Map<string, string>();
  for (const c of candidates) {
    const score =
      Object.entries(sel).filter(([k, v]) => c.labels?.[k] === v).length * 2 +
      Object.keys(sel).filter((k) => c.labels?.[k] !== undefined).length;
    const labels = labelText(c.labels);
    if (score > best) {
      best = score;
      picks = new Map([[labels, c.what]]);
    } else if (score === best && !picks.has(labels) && picks.size < 3) picks.set(labels, c.what);
  }
  return picks.size ? [...picks].map(([labels, what]) => `${what} (${labels})`).join("; ") : null;
}

function selectorFindings(svc: KubeObject, store: ObjectStore, object: string): Finding[] {
  const sel = serviceSelector(svc) as Record<string, string>;
  const ns = svc.metadata.namespace ?? "default";
  const pods = store.list("Pod", ns).filter((p) => !p.metadata.deletionTimestamp);
  const selected = pods.filter((p) => selectsPod(svc, p));
  const selText = labelText(sel);
  if (selected.length === 0) {
    const templates = WORKLOADS.flatMap((k) =>
      store
        .list(k, ns)
        .map((w) => ({ what: `pods of ${k}/${w.metadata.name}`, labels: w.spec?.template?.metadata?.labels })),
    );
    const candidates = [
      ...templates,
      ...pods.map((p) => ({ what: `pod ${p.metadata.name}`, labels: p.metadata.labels })),
    ];
    const near = closest(sel, candidates);
    return [
      {
        severity: "warning",
        layer: "network",
        object,
        message: `${object} selects ${selText}, but no pod in namespace ${ns} has those labels: it has no endpoints (kubectl describe svc shows Endpoints: <none>) and connections to it fail${near ? `; closest: ${near}` : ""}`,
        hint: "make spec.selector match the labels of the pod template (every key and value)",
      },
    ];
  }
  const out: Finding[] = [];
  const eps = serviceEndpoints(svc, pods);
  if (eps.length > 0 && !eps.some((e) => e.ready)) {
    out.push({
      severity: "warning",
      layer: "network",
      object,
      message: `${object} selects ${selected.length} pod(s), none Ready: it has no ready endpoints, so connections to it fail`,
      hint: "see why the pods are not Ready (readiness probe, crash, Pending); traffic starts when one is",
    });
  }
  for (const p of servicePorts(svc)) {
    if (typeof p.targetPort === "string") {
      const missing = selected.filter((pod) => resolveTargetPort(pod, p) === undefined);
      if (missing.length > 0) {
        out.push({
          severity: "warning",
          layer: "network",
          object,
          message: `${object} port ${p.port} targets the port named ${p.targetPort}, which ${missing.length} of ${selected.length} selected pod(s) do not declare: they get no traffic on it`,
          hint: `name a containerPort ${p.targetPort} (protocol ${p.protocol}) in the pod template, or use a port number`,
        });
      }
    } else {
      const declaring = selected.filter((pod) => podContainerPorts(pod).length > 0);
      const has = declaring.some((pod) =>
        podContainerPorts(pod).some((cp) => cp.containerPort === p.targetPort && (cp.protocol ?? "TCP") === p.protocol),
      );
      if (declaring.length > 0 && !has) {
        out.push({
          severity: "warning",
          layer: "network",
          object,
          message: `${object} port ${p.port} sends to port ${p.targetPort}, which the selected pods do not expose (they declare ${[...new Set(declaring.flatMap((pod) => podContainerPorts(pod).map((cp) => cp.containerPort)))].join(", ")}): connections fail unless the app also listens on ${p.targetPort}`,
          hint: "set targetPort to the port the container listens on",
        });
      }
    }
  }
  return out;
}

function typeFindings(svc: KubeObject, object: string): Finding[] {
  const type = serviceType(svc);
  if (type === "LoadBalancer") {
    const nodePorts = servicePorts(svc)
      .map((p) => p.nodePort)
      .filter((n) => n !== undefined);
    const via = nodePorts.length ? `; it is still reachable on every node at NodePort ${nodePorts.join(", ")}` : "";
    return [
      {
        severity: "info",
        layer: "network",
        object,
        message: `${object} is a LoadBalancer: its EXTERNAL-IP stays <pending> forever in a simulated cluster, which has no cloud controller to provision one${via}`,
        hint: "on a real cloud the provider fills status.loadBalancer; locally use NodePort, kubectl port-forward or MetalLB",
      },
    ];
  }
  if (type === "ExternalName") {
    return [
      {
        severity: "info",
        layer: "network",
        object,
        message: `${object} is ExternalName: ${serviceDnsName(svc)} is a DNS CNAME to ${String(svc.spec?.externalName ?? "")}; nothing is proxied and the simulator does not follow names outside the cluster`,
        hint: null,
      },
    ];
  }
  return [];
}

/** Findings for every Service and every StatefulSet's per-pod DNS names. */
export function serviceFindings(store: ObjectStore): Finding[] {
  const out: Finding[] = [];
  for (const svc of store.list("Service")) {
    const object = `Service/${svc.metadata.name ?? ""}`;
    out.push(...typeFindings(svc, object));
    if (serviceType(svc) === "ExternalName") continue;
    if (serviceSelector(svc) !== undefined) out.push(...selectorFindings(svc, store, object));
    else if (
      !store.get("Endpoints", svc.metadata.namespace, svc.metadata.name ?? "") &&
      store
        .list("EndpointSlice", svc.metadata.namespace)
        .every((s) => s.metadata.labels?.["kubernetes.io/service-name"] !== svc.metadata.name)
    ) {
      out.push({
        severity: "warning",
        layer: "network",
        object,
        message: `${object} has no selector and no EndpointSlice or Endpoints of its own, so connections to it go nowhere`,
        hint: "add spec.selector, or create an EndpointSlice labelled kubernetes.io/service-name for it",
      });
    }
  }
  for (const sts of store.list("StatefulSet")) {
    const { problem } = statefulSetDnsNames(sts, store);
    if (problem) {
      out.push({
        severity: "warning",
        layer: "network",
        object: `StatefulSet/${sts.metadata.name ?? ""}`,
        message: problem,
        hint: "create a headless Service (clusterIP: None) named as spec.serviceName, selecting the pods",
      });
    }
  }
  return out;
}
