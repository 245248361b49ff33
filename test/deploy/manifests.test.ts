/**
 * deploy/: the Kubernetes manifests for running podsensei. Checked structurally (restricted
 * security context, probes, requests and limits, PDBs, NetworkPolicies, HPA) and run through our
 * own simulator, which must accept every object and report no error findings.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadAll } from "js-yaml";
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/sandbox/simulate.js";
import { WORKER_NODE_FLAGS } from "../../worker/node-flags.js";
import { repoRoot } from "../support/paths.js";

const dir = join(repoRoot, "deploy");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".yaml"))
  .sort();
const text = files.map((f) => readFileSync(join(dir, f), "utf8")).join("\n---\n");
const objects = (loadAll(text) as any[]).filter(Boolean);
const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
const workloads = [...byKind("Deployment"), ...byKind("StatefulSet")];

describe("deploy/ manifests", () => {
  it("define bot, worker and Redis (a StatefulSet with a claim), an HPA for workers, PDBs and NetworkPolicies", () => {
    expect(workloads.map((w) => `${w.kind}/${w.metadata.name}`).sort()).toEqual([
      "Deployment/bot",
      "Deployment/worker",
      "StatefulSet/redis",
    ]);
    const redis = byKind("StatefulSet")[0];
    expect(redis.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBeDefined();
    expect(redis.spec.template.spec.containers[0].args).toEqual(expect.arrayContaining(["--appendonly", "yes"]));
    expect(byKind("HorizontalPodAutoscaler").map((h) => h.spec.scaleTargetRef.name)).toEqual(["worker"]);
    expect(
      byKind("PodDisruptionBudget")
        .map((p) => p.spec.selector.matchLabels["app.kubernetes.io/name"])
        .sort(),
    ).toEqual(["bot", "worker"]);
    const deny = byKind("NetworkPolicy").find((n) => n.metadata.name === "default-deny");
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
  });

  it.each(workloads.map((w) => [`${w.kind}/${w.metadata.name}`, w]))(
    "%s is PodSecurity restricted, probed and sized",
    (_name, w) => {
      const pod = w.spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const c of pod.containers) {
        expect(c.securityContext).toEqual({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ["ALL"] },
        });
        expect(c.readinessProbe).toBeDefined();
        expect(c.livenessProbe).toBeDefined();
        for (const r of ["cpu", "memory"]) {
          expect(c.resources.requests[r], `${c.name} requests.${r}`).toBeDefined();
          expect(c.resources.limits[r], `${c.name} limits.${r}`).toBeDefined();
        }
      }
    },
  );

  it("probe the health endpoints the processes serve", () => {
    for (const name of ["bot", "worker"]) {
      const c = workloads.find((w) => w.metadata.name === name).spec.template.spec.containers[0];
      expect([c.livenessProbe.httpGet.path, c.readinessProbe.httpGet.path]).toEqual(["/healthz", "/readyz"]);
      expect(c.args).toEqual([name === "bot" ? "serve" : "worker"]);
    }
  });

  it("start the worker under its Node flags (V8 reads them only at start-up)", () => {
    const worker = workloads.find((w) => w.metadata.name === "worker").spec.template.spec.containers[0];
    expect(worker.command).toEqual(["node", ...WORKER_NODE_FLAGS, "bin/podsensei.mjs"]);
  });

  // deploy/ relies on the cluster's default StorageClass for Redis' claim, as real clusters have;
  // the simulated cluster gets one too (dynamic provisioning is the simulator's to model).
  const defaultClass = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: rancher.io/local-path
volumeBindingMode: WaitForFirstConsumer
`;
  it("are accepted by our own simulator with no error findings", () => {
    const result = simulate({ manifests: `${defaultClass}---\n${text}` });
    expect(result.rejected).toEqual([]);
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});
