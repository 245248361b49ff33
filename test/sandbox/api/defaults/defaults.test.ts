import { describe, expect, it } from "vitest";
import { applyDefaults } from "../../../../src/sandbox/api/defaults/index.js";
import type { KubeObject } from "../../../../src/sandbox/model/object.js";
import { deployment, pod } from "../../../fixtures/builders.js";
import { kind } from "../validation/kinds.js";

function defaulted(manifest: unknown, version?: string): KubeObject {
  const obj = structuredClone(manifest) as KubeObject;
  const info = kind(obj.kind);
  applyDefaults(obj, version ? { ...info, version } : info);
  return obj;
}

describe("pod defaults", () => {
  it("fills the pod spec and container defaults", () => {
    const p = defaulted(
      pod("web")
        .container({ ports: [{ containerPort: 80 }] })
        .build(),
    );
    expect(p.spec).toEqual({
      containers: [
        {
          name: "web",
          image: "nginx:1.27",
          ports: [{ containerPort: 80, protocol: "TCP" }],
          imagePullPolicy: "IfNotPresent",
          terminationMessagePath: "/dev/termination-log",
          terminationMessagePolicy: "File",
        },
      ],
      dnsPolicy: "ClusterFirst",
      restartPolicy: "Always",
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      schedulerName: "default-scheduler",
      enableServiceLinks: true,
    });
  });

  it.each([
    { image: "nginx", want: "Always" },
    { image: "nginx:latest", want: "Always" },
    { image: "nginx:1.27", want: "IfNotPresent" },
    { image: "localhost:5000/app", want: "Always" },
    { image: "localhost:5000/app:v2", want: "IfNotPresent" },
    { image: "nginx@sha256:0123", want: "IfNotPresent" },
    { image: "nginx:latest@sha256:0123", want: "Always" },
  ])("imagePullPolicy for $image is $want", ({ image, want }) => {
    expect(defaulted(pod("web").image(image).build()).spec.containers[0].imagePullPolicy).toBe(want);
  });

  it("requests default to limits on Pods only", () => {
    const p = defaulted(pod("web").limits({ cpu: "1", memory: "1Gi" }).requests({ cpu: "500m" }).build());
    expect(p.spec.containers[0].resources).toEqual({
      limits: { cpu: "1", memory: "1Gi" },
      requests: { cpu: "500m", memory: "1Gi" },
    });
    const d = defaulted(deployment("web").limits({ cpu: "1" }).build());
    expect(d.spec.template.spec.containers[0].resources).toEqual({ limits: { cpu: "1" } });
    expect(d.spec.template.spec.enableServiceLinks).toBeUndefined();
  });

  it("probes, httpGet and fieldRef", () => {
    const p = defaulted(
      pod("web")
        .container({
          livenessProbe: { httpGet: { port: 80 } },
          env: [{ name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
        })
        .build(),
    );
    const c = p.spec.containers[0];
    expect(c.livenessProbe).toEqual({
      httpGet: { port: 80, path: "/", scheme: "HTTP" },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(c.env[0].valueFrom.fieldRef.apiVersion).toBe("v1");
  });

  it("volumes without a source become emptyDir; configMap gets defaultMode 420", () => {
    const p = defaulted(
      pod("web")
        .spec({ volumes: [{ name: "scratch" }, { name: "cfg", configMap: { name: "cfg" } }] })
        .build(),
    );
    expect(p.spec.volumes).toEqual([
      { name: "scratch", emptyDir: {} },
      { name: "cfg", configMap: { name: "cfg", defaultMode: 420 } },
    ]);
  });

  it("serviceAccountName from the deprecated serviceAccount", () => {
    const p = defaulted(pod("web").spec({ serviceAccount: "builder" }).build());
    expect([p.spec.serviceAccountName, p.spec.serviceAccount]).toEqual(["builder", "builder"]);
  });
});

describe("workload defaults", () => {
  it("Deployment", () => {
    const d = defaulted(deployment("web").build());
    expect({ ...d.spec, template: undefined, selector: undefined }).toEqual({
      replicas: 1,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: undefined,
      selector: undefined,
    });
    expect(d.spec.template.spec.restartPolicy).toBe("Always");
  });

  it("Deployment with Recreate gets no rollingUpdate", () => {
    expect(defaulted(deployment("web").strategy({ type: "Recreate" }).build()).spec.strategy).toEqual({
      type: "Recreate",
    });
  });

  it.each([
    {
      kindName: "StatefulSet",
      want: {
        podManagementPolicy: "OrderedReady",
        updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
        replicas: 1,
        revisionHistoryLimit: 10,
      },
    },
    {
      kindName: "DaemonSet",
      want: {
        updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
        revisionHistoryLimit: 10,
      },
    },
    { kindName: "ReplicaSet", want: { replicas: 1 } },
  ])("$kindName", ({ kindName, want }) => {
    const obj = defaulted({ apiVersion: "apps/v1", kind: kindName, metadata: { name: "x" }, spec: {} });
    expect(obj.spec).toEqual(want);
  });

  it("Job", () => {
    const job = defaulted({
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "pi" },
      spec: { template: { metadata: { labels: { app: "pi" } }, spec: { containers: [] } } },
    });
    expect({ ...job.spec, template: undefined }).toEqual({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: "NonIndexed",
      suspend: false,
      podReplacementPolicy: "TerminatingOrFailed",
      manualSelector: false,
      template: undefined,
    });
    expect(job.metadata.labels).toEqual({ app: "pi" });
  });

  it("Job with only completions keeps completions and gets parallelism 1", () => {
    const job = defaulted({ apiVersion: "batch/v1", kind: "Job", metadata: { name: "pi" }, spec: { completions: 5 } });
    expect([job.spec.completions, job.spec.parallelism]).toEqual([5, 1]);
  });

  it("CronJob", () => {
    const cj = defaulted({
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "c" },
      spec: { schedule: "@daily", jobTemplate: { spec: {} } },
    });
    expect(cj.spec).toEqual({
      schedule: "@daily",
      jobTemplate: { spec: {} },
      concurrencyPolicy: "Allow",
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    });
  });
});

describe("service, storage, networking and autoscaling defaults", () => {
  it.each([
    {
      name: "ClusterIP",
      spec: { ports: [{ port: 80 }] },
      want: {
        ports: [{ port: 80, protocol: "TCP", targetPort: 80 }],
        sessionAffinity: "None",
        type: "ClusterIP",
        internalTrafficPolicy: "Cluster",
        ipFamilyPolicy: "SingleStack",
        ipFamilies: ["IPv4"],
      },
    },
    {
      name: "NodePort",
      spec: { type: "NodePort", ports: [{ port: 80, targetPort: "http" }] },
      want: {
        type: "NodePort",
        ports: [{ port: 80, protocol: "TCP", targetPort: "http" }],
        sessionAffinity: "None",
        externalTrafficPolicy: "Cluster",
        internalTrafficPolicy: "Cluster",
        ipFamilyPolicy: "SingleStack",
        ipFamilies: ["IPv4"],
      },
    },
    {
      name: "ExternalName",
      spec: { type: "ExternalName", externalName: "db.example.com" },
      want: { type: "ExternalName", externalName: "db.example.com", sessionAffinity: "None" },
    },
  ])("Service $name", ({ spec, want }) => {
    expect(defaulted({ apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec }).spec).toEqual(want);
  });

  it.each([
    { kindName: "Secret", manifest: {}, pick: (o: KubeObject) => o.type, want: "Opaque" },
    {
      kindName: "PersistentVolumeClaim",
      manifest: { spec: {} },
      pick: (o: KubeObject) => [o.spec.volumeMode, o.status.phase],
      want: ["Filesystem", "Pending"],
    },
    {
      kindName: "PersistentVolume",
      manifest: { spec: {} },
      pick: (o: KubeObject) => [o.spec.persistentVolumeReclaimPolicy, o.spec.volumeMode],
      want: ["Retain", "Filesystem"],
    },
    {
      kindName: "Namespace",
      manifest: {},
      pick: (o: KubeObject) => [o.status.phase, o.metadata.labels],
      want: ["Active", { "kubernetes.io/metadata.name": "x" }],
    },
    { kindName: "ConfigMap", manifest: {}, pick: (o: KubeObject) => o.data, want: {} },
    {
      kindName: "Node",
      manifest: { status: { capacity: { cpu: "2" } } },
      pick: (o: KubeObject) => o.status.allocatable,
      want: { cpu: "2" },
    },
    {
      kindName: "LimitRange",
      manifest: { spec: { limits: [{ type: "Container", max: { cpu: "1" } }] } },
      pick: (o: KubeObject) => o.spec.limits[0],
      want: { type: "Container", max: { cpu: "1" }, default: { cpu: "1" }, defaultRequest: { cpu: "1" } },
    },
    {
      kindName: "NetworkPolicy",
      manifest: { spec: { podSelector: {}, egress: [{ ports: [{ port: 53 }] }] } },
      pick: (o: KubeObject) => [o.spec.policyTypes, o.spec.egress[0].ports[0].protocol],
      want: [["Ingress", "Egress"], "TCP"],
    },
    {
      kindName: "RoleBinding",
      manifest: {
        subjects: [
          { kind: "User", name: "jane" },
          { kind: "ServiceAccount", name: "ci" },
        ],
      },
      pick: (o: KubeObject) => (o.subjects as { apiGroup: string }[]).map((s) => s.apiGroup),
      want: ["rbac.authorization.k8s.io", ""],
    },
    {
      kindName: "ClusterRoleBinding",
      manifest: { roleRef: { kind: "ClusterRole", name: "view" }, subjects: [] },
      pick: (o: KubeObject) => (o.roleRef as { apiGroup?: string }).apiGroup,
      want: "rbac.authorization.k8s.io",
    },
  ])("$kindName", ({ kindName, manifest, pick, want }) => {
    expect(pick(defaulted({ apiVersion: "v1", kind: kindName, metadata: { name: "x" }, ...manifest }))).toEqual(want);
  });

  it("HPA v2 defaults metrics and fills behavior", () => {
    const hpa = defaulted({
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: "h" },
      spec: { maxReplicas: 5, behavior: { scaleUp: { stabilizationWindowSeconds: 60 } } },
    });
    expect(hpa.spec).toEqual({
      maxReplicas: 5,
      minReplicas: 1,
      metrics: [
        { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } },
      ],
      behavior: {
        scaleUp: {
          stabilizationWindowSeconds: 60,
          selectPolicy: "Max",
          policies: [
            { type: "Pods", value: 4, periodSeconds: 15 },
            { type: "Percent", value: 100, periodSeconds: 15 },
          ],
        },
        scaleDown: {
          stabilizationWindowSeconds: 300,
          selectPolicy: "Max",
          policies: [{ type: "Percent", value: 100, periodSeconds: 15 }],
        },
      },
    });
  });

  it("HPA v1 leaves the CPU target unset", () => {
    const hpa = defaulted(
      {
        apiVersion: "autoscaling/v1",
        kind: "HorizontalPodAutoscaler",
        metadata: { name: "h" },
        spec: { maxReplicas: 5 },
      },
      "v1",
    );
    expect(hpa.spec).toEqual({ maxReplicas: 5, minReplicas: 1 });
  });
});
