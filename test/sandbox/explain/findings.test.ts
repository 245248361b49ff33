import { describe, expect, it } from "vitest";
import { collectFindings, FINDING_SOURCES, sortFindings } from "../../../src/sandbox/explain/findings.js";
import type { Finding } from "../../../src/sandbox/result.js";
import { run } from "./harness.js";

function deployment(name: string, spec: string, replicas = 2, podExtra = ""): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
${podExtra}      containers:
${spec}`;
}

const NGINX = `      - name: web
        image: nginx:1.27
        resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 128Mi}}
`;

interface Want {
  layer: Finding["layer"];
  severity: Finding["severity"];
  object?: string;
  message: string;
}

const cases: { name: string; yaml: string; at?: number; then?: string[]; want: Want[]; absent?: string[] }[] = [
  {
    name: "replicas pinned to one node → the drain consequence names that node",
    yaml: deployment("web", NGINX, 2, "      nodeSelector: {kubernetes.io/hostname: node-b}\n"),
    want: [
      {
        layer: "scheduling",
        severity: "warning",
        object: "Deployment/web",
        message: "all 2 replicas landed on node-b: `kubectl drain node-b` means downtime",
      },
      {
        layer: "node",
        severity: "info",
        object: "Deployment/web",
        message: "has 2 replicas and no PodDisruptionBudget",
      },
    ],
  },
  {
    name: "one replica → downtime on a drain of the node it landed on",
    yaml: deployment("solo", NGINX, 1),
    want: [{ layer: "node", severity: "info", object: "Deployment/solo", message: "runs one replica, on node-" }],
    absent: ["no PodDisruptionBudget"],
  },
  {
    name: "latest tag, no requests, no limits, no probes",
    yaml: deployment("bare", "      - name: app\n        image: nginx\n"),
    want: [
      { layer: "spec", severity: "warning", message: 'container "app" uses the latest tag (nginx)' },
      {
        layer: "scheduling",
        severity: "warning",
        message:
          'container "app" has no CPU or memory requests: the scheduler reserved none for it, so nodes can be overcommitted, and the pod is the first evicted under memory pressure (QoS BestEffort)',
      },
      { layer: "runtime", severity: "info", message: 'container "app" has no memory limit' },
      { layer: "runtime", severity: "info", message: 'container "app" has no readiness or liveness probe' },
    ],
  },
  {
    // Defaulting copies limits into missing requests: the pod is Guaranteed and reserved.
    name: "limits without requests reserve what the limits say",
    yaml: deployment(
      "capped",
      "      - name: app\n        image: nginx:1.27\n        resources: {limits: {cpu: 500m, memory: 256Mi}}\n",
    ),
    want: [],
    absent: ["CPU or memory requests"],
  },
  {
    // Only CPU and memory count for QoS, and another container's requests make the pod Burstable.
    name: "a container without CPU or memory requests beside one with them: no BestEffort claim",
    yaml: deployment(
      "pair",
      `${NGINX}      - name: side
        image: busybox:1.36
        command: ["sleep", "3600"]
        resources: {requests: {ephemeral-storage: 1Gi}}
`,
    ),
    want: [
      {
        layer: "scheduling",
        severity: "warning",
        message:
          'container "side" has no CPU or memory requests: the scheduler reserved none for it, so nodes can be overcommitted',
      },
    ],
    absent: ["BestEffort"],
  },
  {
    name: "privileged container with hostPath and NET_ADMIN → privileged level and securityContext findings",
    yaml: deployment(
      "agent",
      `      - name: agent
        image: busybox:1.36
        command: ["sleep", "3600"]
        securityContext: {privileged: true, capabilities: {add: [NET_ADMIN]}}
        volumeMounts: [{name: root, mountPath: /host}]
`,
      1,
      "      volumes: [{name: root, hostPath: {path: /}}]\n",
    ),
    want: [
      {
        layer: "security",
        severity: "info",
        message:
          'meets Pod Security level privileged; baseline would refuse it: non-default capabilities (container "agent" must not include "NET_ADMIN" in securityContext.capabilities.add), hostPath volumes (volume "root"), privileged (container "agent" must not set securityContext.privileged=true)',
      },
      { layer: "security", severity: "warning", message: 'container "agent" is privileged' },
      { layer: "security", severity: "warning", message: 'container "agent" adds capabilities NET_ADMIN' },
      { layer: "security", severity: "warning", message: 'mounts hostPath "/"' },
    ],
  },
  {
    name: "a restricted-compliant pod meets restricted and is not called root",
    yaml: `apiVersion: v1
kind: Pod
metadata: {name: locked}
spec:
  automountServiceAccountToken: false
  securityContext: {runAsNonRoot: true, runAsUser: 1000, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
`,
    want: [
      {
        layer: "security",
        severity: "info",
        object: "Pod/locked",
        message: "meets Pod Security level restricted (namespace default enforces privileged)",
      },
    ],
    absent: ["may run as root", "writable root filesystem", "default ServiceAccount"],
  },
  {
    name: "a missing ConfigMap key → CreateContainerConfigError with the kubelet's text",
    yaml: deployment(
      "cfg",
      `      - name: app
        image: nginx:1.27
        env: [{name: MODE, valueFrom: {configMapKeyRef: {name: settings, key: mode}}}]
`,
      1,
    ),
    want: [{ layer: "runtime", severity: "error", object: "Deployment/cfg", message: "CreateContainerConfigError" }],
  },
  {
    name: "readiness probe on a port nginx does not serve → not Ready, with the probe's failure",
    yaml: deployment(
      "probe",
      `      - name: web
        image: nginx:1.27
        readinessProbe: {httpGet: {path: /, port: 8080}}
`,
      1,
    ),
    want: [
      {
        layer: "runtime",
        severity: "warning",
        object: "Deployment/probe",
        message: "run but are not Ready: Services send them no traffic: Readiness probe failed",
      },
    ],
  },
  {
    name: "an HPA over containers without cpu requests is predicted to fail",
    yaml: `${deployment("api", "      - name: api\n        image: nginx:1.27\n")}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  maxReplicas: 5
`,
    want: [
      {
        layer: "spec",
        severity: "error",
        object: "HorizontalPodAutoscaler/api",
        message:
          'cannot compute cpu utilization: container "api" of Deployment/api has no cpu request (FailedGetResourceMetric: missing request for cpu); it will never scale',
      },
    ],
  },
  {
    name: "an HPA over containers with only a cpu limit has its request (defaulted from the limit)",
    yaml: `${deployment("capped", "      - name: api\n        image: nginx:1.27\n        resources: {limits: {cpu: 500m, memory: 128Mi}}\n")}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: capped}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: capped}
  maxReplicas: 5
`,
    want: [],
    absent: ["cannot compute cpu utilization"],
  },
  {
    name: "RBAC: cluster-admin for a default service account",
    yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: oops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: default, namespace: default}]
`,
    want: [
      {
        layer: "security",
        severity: "warning",
        object: "ClusterRoleBinding/oops",
        message: "binds cluster-admin to ServiceAccount default/default (full control of the cluster)",
      },
      {
        layer: "security",
        severity: "warning",
        object: "ClusterRoleBinding/oops",
        message: "grants ClusterRole/cluster-admin to the default ServiceAccount of default",
      },
    ],
  },
  {
    name: "an unused, empty ConfigMap",
    yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lonely}\n",
    want: [
      { layer: "spec", severity: "info", object: "ConfigMap/lonely", message: "is not used by any pod" },
      { layer: "spec", severity: "info", object: "ConfigMap/lonely", message: "is empty" },
    ],
  },
  {
    name: "a PDB that selects nothing",
    yaml: "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: pdb}\nspec:\n  minAvailable: 1\n  selector: {matchLabels: {app: ghost}}\n",
    want: [{ layer: "node", severity: "warning", object: "PodDisruptionBudget/pdb", message: "selects no pods" }],
  },
  {
    name: "a PDB that allows no disruption → drains retry forever",
    yaml: `${deployment("web", NGINX, 2)}---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  minAvailable: 2
  selector: {matchLabels: {app: web}}
`,
    want: [
      {
        layer: "node",
        severity: "warning",
        object: "PodDisruptionBudget/web",
        message: "allows 0 disruptions for its 2 pod(s)",
      },
    ],
    absent: ["no PodDisruptionBudget"],
  },
  {
    name: "a StatefulSet whose governing Service is missing",
    yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db-headless
  replicas: 1
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: "nginx:1.27"}]
`,
    want: [
      {
        layer: "network",
        severity: "warning",
        object: "StatefulSet/db",
        message:
          "the governing Service db-headless of StatefulSet db does not exist, so db-0.db-headless.default.svc.cluster.local does not resolve",
      },
    ],
    // Said once, by the network layer (it once came twice).
    absent: ["spec.serviceName names Service"],
  },
  {
    name: "two default StorageClasses",
    yaml: ["fast", "slow"]
      .map(
        (n) =>
          `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ${n}\n  annotations: {storageclass.kubernetes.io/is-default-class: "true"}\nprovisioner: example.com/disk\n`,
      )
      .join("---\n"),
    // The simulated cluster brings its own default class, standard, as a real one would.
    want: [
      { layer: "storage", severity: "warning", message: "3 StorageClasses are marked default (standard, fast, slow)" },
    ],
  },
  {
    name: "a Job whose command fails reaches its backoff limit",
    yaml: `apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers: [{name: m, image: "busybox:1.36", command: ["sh", "-c", "exit 1"]}]
`,
    want: [{ layer: "runtime", severity: "error", object: "Job/migrate", message: "failed (BackoffLimitExceeded)" }],
  },
  {
    name: "a node that stops reporting is NotReady",
    yaml: deployment("web", NGINX, 1),
    then: ["1m: node-down node-b"],
    want: [{ layer: "node", severity: "error", object: "Node/node-b", message: "is NotReady" }],
  },
  {
    name: "custom resources are stored but said to be unsimulated",
    yaml: `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets, singular: widget}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w1}
`,
    want: [
      { layer: "api", severity: "info", object: "Widget/w1", message: "no controller for them runs in the simulator" },
    ],
  },
];

describe("collectFindings", () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = run(c.yaml, c.at ?? 600, c.then ?? []);
      expect(r.rejected).toEqual([]);
      const findings = r.result.findings;
      for (const w of c.want) {
        const hit = findings.find(
          (f) =>
            f.layer === w.layer &&
            f.severity === w.severity &&
            (!w.object || f.object === w.object) &&
            f.message.includes(w.message),
        );
        expect(
          hit,
          `${w.layer}/${w.severity} "${w.message}" in\n${findings.map((f) => `${f.layer} ${f.severity} ${f.object}: ${f.message}`).join("\n")}`,
        ).toBeDefined();
      }
      for (const a of c.absent ?? []) expect(findings.some((f) => f.message.includes(a))).toBe(false);
    });
  }

  it("turns rejections and PodSecurity warnings into api/security findings, ahead of the rest", () => {
    const r = run(deployment("web", NGINX, 1));
    const findings = collectFindings(
      r.cluster,
      [{ document: 2, line: 3, kind: "Service", name: "x", namespace: "default", message: "boom", hint: "fix it" }],
      [{ object: "Deployment/web", message: 'would violate PodSecurity "restricted:latest": x' }],
    );
    expect(findings[0]).toEqual({
      severity: "error",
      layer: "api",
      object: "Service/x",
      message: "document 2 (line 3) was rejected: boom",
      hint: "fix it",
    });
    expect(
      findings.some((f) => f.layer === "security" && f.severity === "warning" && f.message.startsWith("would violate")),
    ).toBe(true);
  });

  it("is deterministic: the same input gives the same findings", () => {
    const a = run(deployment("web", NGINX, 3)).result.findings;
    const b = run(deployment("web", NGINX, 3)).result.findings;
    expect(a).toEqual(b);
  });

  it("has one named source per producer", () => {
    expect(FINDING_SOURCES.map((s) => s.name)).toEqual([
      "pods",
      "init-waits",
      "objects",
      "rollouts",
      "daemonsets",
      "job-policies",
      "autoscaling",
      "network",
      "rbac",
      "pod-security",
      "practices",
      "not-modelled",
    ]);
  });
});

describe("sortFindings", () => {
  it("orders by severity, then layer, then production order, and drops exact duplicates", () => {
    const f = (severity: Finding["severity"], layer: Finding["layer"], message: string): Finding => ({
      severity,
      layer,
      object: null,
      message,
      hint: null,
    });
    const sorted = sortFindings([
      f("info", "spec", "a"),
      f("error", "security", "b"),
      f("error", "scheduling", "c"),
      f("warning", "api", "d"),
      f("error", "scheduling", "c"),
      f("error", "scheduling", "e"),
    ]);
    expect(sorted.map((x) => x.message)).toEqual(["c", "e", "b", "d", "a"]);
  });
});
