/**
 * Findings about objects other than pods, covering what K8sGPT's analyzers detect on a live
 * cluster (Deployment/ReplicaSet FailedCreate, StatefulSet service and storage class, Job
 * failure, CronJob suspension, PVC Pending, released or failed PVs, several default
 * StorageClasses, Node conditions, PodDisruptionBudgets, unused ConfigMaps), predicted from the
 * simulation instead of read after the fact.
 */

import type { ObjectStore } from "../api/store.js";
import type { Cluster } from "../cluster/cluster.js";
import { matchesLabelSelector } from "../model/selector.js";
import type { Finding } from "../result.js";
import { storageFindings } from "../storage/findings.js";
import { JOB_POLICY_REASONS } from "./job-findings.js";
import type { FindingContext } from "./source.js";
import { containersOf } from "./workloads.js";

type Any = any;

/** FailedCreate of workload controllers: quota, PodSecurity, missing service account. */
function failedCreates(ctx: FindingContext): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const e of ctx.cluster.recorder.list()) {
    if (e.reason !== "FailedCreate" || e.type !== "Warning") continue;
    const key = `${e.object}\u0000${e.namespace}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const layer = e.message.includes("PodSecurity") ? "security" : "api";
    out.push({
      severity: "error",
      layer,
      object: e.object,
      message: `cannot create its pods: ${e.message}`,
      hint: e.message.includes("PodSecurity")
        ? "set the securityContext fields the message lists, or run in a namespace with a lower Pod Security level"
        : e.message.includes("quota")
          ? "lower the requests, raise the ResourceQuota, or run fewer replicas"
          : "see the controller's FailedCreate event",
    });
  }
  return out;
}

function statefulSetFindings(store: ObjectStore): Finding[] {
  const out: Finding[] = [];
  for (const s of store.list("StatefulSet")) {
    // A missing or non-headless governing Service is the network layer's finding (service-findings.ts).
    for (const t of (s.spec?.volumeClaimTemplates ?? []) as Any[]) {
      const cls = t?.spec?.storageClassName;
      if (cls && !store.get("StorageClass", undefined, cls)) {
        out.push({
          severity: "error",
          layer: "storage",
          object: `StatefulSet/${s.metadata.name}`,
          message: `volumeClaimTemplate "${t.metadata?.name}" asks for StorageClass "${cls}", which does not exist: its claims stay Pending`,
          hint: "use an existing StorageClass or create it",
        });
      }
    }
  }
  return out;
}

function jobFindings(store: ObjectStore): Finding[] {
  const out: Finding[] = [];
  for (const j of store.list("Job")) {
    const failed = ((j.status?.conditions ?? []) as Any[]).find((c) => c.type === "Failed" && c.status === "True");
    // job-findings.ts explains the policy failures in more detail; one finding each.
    if (failed && !JOB_POLICY_REASONS.includes(failed.reason)) {
      out.push({
        severity: "error",
        layer: "runtime",
        object: `Job/${j.metadata.name}`,
        message: `failed (${failed.reason}): ${failed.message}`,
        hint: "see the pods' exit codes; raise backoffLimit only once the command works",
      });
    }
  }
  for (const c of store.list("CronJob")) {
    if (c.spec?.suspend === true) {
      out.push({
        severity: "info",
        layer: "spec",
        object: `CronJob/${c.metadata.name}`,
        message: "is suspended: it schedules no Jobs",
        hint: "set spec.suspend: false to resume",
      });
    }
  }
  return out;
}

function nodeFindings(store: ObjectStore): Finding[] {
  const out: Finding[] = [];
  for (const n of store.list("Node")) {
    const ready = ((n.status?.conditions ?? []) as Any[]).find((c) => c.type === "Ready");
    if (ready && ready.status !== "True") {
      out.push({
        severity: "error",
        layer: "node",
        object: `Node/${n.metadata.name}`,
        message: `is NotReady${ready.message ? `: ${ready.message}` : ""}`,
        hint: "pods on it are evicted after their tolerationSeconds (300 s by default) and recreated elsewhere",
      });
    }
    if (n.spec?.unschedulable) {
      out.push({
        severity: "info",
        layer: "node",
        object: `Node/${n.metadata.name}`,
        message: "is cordoned (SchedulingDisabled): no new pods land on it",
        hint: `kubectl uncordon ${n.metadata.name}`,
      });
    }
  }
  return out;
}

function pdbFindings(store: ObjectStore): Finding[] {
  const out: Finding[] = [];
  for (const pdb of store.list("PodDisruptionBudget")) {
    const pods = store
      .list("Pod", pdb.metadata.namespace)
      .filter((p) => !p.metadata.deletionTimestamp && matchesLabelSelector(pdb.spec?.selector, p.metadata.labels));
    const ref = `PodDisruptionBudget/${pdb.metadata.name}`;
    if (pods.length === 0) {
      out.push({
        severity: "warning",
        layer: "node",
        object: ref,
        message: "selects no pods: it protects nothing",
        hint: "match the pods' labels",
      });
    } else if (pdb.status?.disruptionsAllowed === 0) {
      out.push({
        severity: "warning",
        layer: "node",
        object: ref,
        message: `allows 0 disruptions for its ${pods.length} pod(s): \`kubectl drain\` of their nodes retries forever ("Cannot evict pod as it would violate the pod's disruption budget.")`,
        hint: "use maxUnavailable: 1, or a minAvailable below the replica count",
      });
    }
  }
  return out;
}

function referencedConfigMaps(store: ObjectStore): Set<string> {
  const used = new Set<string>();
  const scan = (ns: string | undefined, spec: Any) => {
    if (!spec) return;
    for (const c of containersOf(spec)) {
      for (const e of c.env ?? [])
        if (e?.valueFrom?.configMapKeyRef?.name) used.add(`${ns}/${e.valueFrom.configMapKeyRef.name}`);
      for (const e of c.envFrom ?? []) if (e?.configMapRef?.name) used.add(`${ns}/${e.configMapRef.name}`);
    }
    for (const v of spec.volumes ?? []) {
      if (v?.configMap?.name) used.add(`${ns}/${v.configMap.name}`);
      for (const s of v?.projected?.sources ?? []) if (s?.configMap?.name) used.add(`${ns}/${s.configMap.name}`);
    }
  };
  for (const kind of ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"]) {
    for (const o of store.list(kind)) scan(o.metadata.namespace, kind === "Pod" ? o.spec : o.spec?.template?.spec);
  }
  for (const o of store.list("CronJob")) scan(o.metadata.namespace, o.spec?.jobTemplate?.spec?.template?.spec);
  return used;
}

function configMapFindings(store: ObjectStore): Finding[] {
  const used = referencedConfigMaps(store);
  const out: Finding[] = [];
  for (const cm of store.list("ConfigMap")) {
    if (cm.metadata.name === "kube-root-ca.crt") continue;
    const ref = `ConfigMap/${cm.metadata.name}`;
    if (!used.has(`${cm.metadata.namespace}/${cm.metadata.name}`)) {
      out.push({
        severity: "info",
        layer: "spec",
        object: ref,
        message: "is not used by any pod",
        hint: "reference it from env, envFrom or a volume, or delete it",
      });
    }
    if (Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length === 0) {
      out.push({ severity: "info", layer: "spec", object: ref, message: "is empty", hint: "add data or delete it" });
    }
  }
  return out;
}

/** Every object finding. */
export function objectFindings(ctx: FindingContext): Finding[] {
  const store = ctx.cluster.store;
  return [
    ...failedCreates(ctx),
    ...statefulSetFindings(store),
    ...jobFindings(store),
    ...storageFindings(ctx.cluster as Cluster),
    ...nodeFindings(store),
    ...pdbFindings(store),
    ...configMapFindings(store),
  ];
}
