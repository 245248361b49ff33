/** A realistic object of every served kind decodes unchanged (no rejection, no warning). */
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { decodeObject } from "../../../src/sandbox/api/decode.js";
import { Discovery } from "../../../src/sandbox/api/discovery.js";
import { apiVersionOf, SERVED_KINDS } from "../../../src/sandbox/api/schema/served-kinds.js";

const POD_SPEC = `
      containers:
        - name: web
          image: nginx:1.27
          imagePullPolicy: IfNotPresent
          command: ["nginx", "-g", "daemon off;"]
          ports: [{ containerPort: 80, name: http, protocol: TCP }]
          env: [{ name: MODE, value: "prod" }, { name: POD, valueFrom: { fieldRef: { fieldPath: metadata.name } } }]
          resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { cpu: 1, memory: 1Gi } }
          readinessProbe: { httpGet: { path: /, port: http }, periodSeconds: 5 }
          livenessProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: 3 }
          securityContext: { runAsNonRoot: true, runAsUser: 1000, capabilities: { drop: ["ALL"] } }
          volumeMounts: [{ name: data, mountPath: /data }]
      volumes:
        - name: data
          emptyDir: { sizeLimit: 1Gi }
      tolerations: [{ key: dedicated, operator: Equal, value: gpu, effect: NoSchedule, tolerationSeconds: 30 }]
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms: [{ matchExpressions: [{ key: zone, operator: In, values: [a, b] }] }]
      topologySpreadConstraints:
        - { maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: web } } }
      nodeSelector: { disk: ssd }
      terminationGracePeriodSeconds: 30`;

const TEMPLATE = `
    metadata:
      labels: { app: web }
    spec:${POD_SPEC}`;

const SPECS: Record<string, string> = {
  "v1|Pod": `spec:${POD_SPEC.replace(/^ {4}/gm, "")}`,
  "v1|Service":
    "spec: { type: NodePort, selector: { app: web }, ports: [{ port: 80, targetPort: http, nodePort: 30080 }] }",
  "v1|ConfigMap": "data: { mode: prod }\nbinaryData: { blob: aGVsbG8= }",
  "v1|Secret": "type: Opaque\ndata: { password: cGFzc3dvcmQ= }\nstringData: { user: admin }",
  "v1|Namespace": "spec: { finalizers: [kubernetes] }",
  "v1|Node":
    "spec: { taints: [{ key: gpu, value: 'true', effect: NoSchedule }] }\nstatus: { allocatable: { cpu: '4', memory: 8Gi, pods: '110' }, conditions: [{ type: Ready, status: 'True' }] }",
  "v1|ServiceAccount": "automountServiceAccountToken: false\nimagePullSecrets: [{ name: regcred }]",
  "v1|PersistentVolume":
    "spec: { capacity: { storage: 10Gi }, accessModes: [ReadWriteOnce], persistentVolumeReclaimPolicy: Retain, hostPath: { path: /data } }",
  "v1|PersistentVolumeClaim":
    "spec: { accessModes: [ReadWriteOnce], storageClassName: standard, resources: { requests: { storage: 1Gi } } }",
  "v1|LimitRange": "spec: { limits: [{ type: Container, default: { cpu: 500m }, defaultRequest: { cpu: 100m } }] }",
  "v1|ResourceQuota": "spec: { hard: { pods: '10', requests.cpu: '4', limits.memory: 8Gi } }",
  "v1|Endpoints": "subsets: [{ addresses: [{ ip: 10.0.0.1 }], ports: [{ port: 80, protocol: TCP }] }]",
  "v1|Event":
    "involvedObject: { kind: Pod, name: web }\nreason: Scheduled\nmessage: assigned\ntype: Normal\ncount: 1\nsource: { component: default-scheduler }",
  "v1|ReplicationController": `spec:\n  replicas: 2\n  selector: { app: web }\n  template:${TEMPLATE}`,
  "v1|PodTemplate": `template:${TEMPLATE.replace(/^ {2}/gm, "")}`,
  "apps/v1|Deployment": `spec:\n  replicas: 3\n  selector: { matchLabels: { app: web } }\n  strategy: { type: RollingUpdate, rollingUpdate: { maxSurge: 25%, maxUnavailable: 0 } }\n  template:${TEMPLATE}`,
  "apps/v1|ReplicaSet": `spec:\n  replicas: 1\n  selector: { matchLabels: { app: web } }\n  template:${TEMPLATE}`,
  "apps/v1|StatefulSet": `spec:\n  serviceName: web\n  replicas: 2\n  selector: { matchLabels: { app: web } }\n  template:${TEMPLATE}\n  volumeClaimTemplates:\n    - metadata: { name: data }\n      spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } }`,
  "apps/v1|DaemonSet": `spec:\n  selector: { matchLabels: { app: web } }\n  updateStrategy: { type: RollingUpdate, rollingUpdate: { maxUnavailable: 1 } }\n  template:${TEMPLATE}`,
  "apps/v1|ControllerRevision": "revision: 1\ndata: { spec: { template: {} } }",
  "batch/v1|Job": `spec:\n  backoffLimit: 4\n  completions: 3\n  parallelism: 2\n  template:${TEMPLATE.replace("spec:", "spec:\n      restartPolicy: Never")}`,
  "batch/v1|CronJob": `spec:\n  schedule: "*/5 * * * *"\n  concurrencyPolicy: Forbid\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{ name: job, image: busybox, args: [date] }]`,
  "autoscaling/v2|HorizontalPodAutoscaler":
    "spec:\n  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }\n  minReplicas: 1\n  maxReplicas: 5\n  metrics: [{ type: Resource, resource: { name: cpu, target: { type: Utilization, averageUtilization: 60 } } }]\n  behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: Pods, value: 1, periodSeconds: 60 }] } }",
  "autoscaling/v1|HorizontalPodAutoscaler":
    "spec: { scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 60 }",
  "networking.k8s.io/v1|Ingress":
    "spec:\n  ingressClassName: nginx\n  tls: [{ hosts: [example.com], secretName: tls }]\n  rules:\n    - host: example.com\n      http:\n        paths: [{ path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }]",
  "networking.k8s.io/v1|IngressClass": "spec: { controller: k8s.io/ingress-nginx }",
  "networking.k8s.io/v1|NetworkPolicy":
    "spec:\n  podSelector: { matchLabels: { app: db } }\n  policyTypes: [Ingress]\n  ingress: [{ from: [{ podSelector: { matchLabels: { app: web } } }], ports: [{ protocol: TCP, port: 5432 }] }]",
  "discovery.k8s.io/v1|EndpointSlice":
    "addressType: IPv4\nendpoints: [{ addresses: [10.0.0.1], conditions: { ready: true } }]\nports: [{ name: http, port: 80, protocol: TCP }]",
  "events.k8s.io/v1|Event":
    "eventTime: '2026-01-01T00:00:00.000000Z'\nreportingController: default-scheduler\nreportingInstance: s1\naction: Binding\nreason: Scheduled\nregarding: { kind: Pod, name: web }\ntype: Normal\nnote: assigned",
  "storage.k8s.io/v1|StorageClass":
    "provisioner: rancher.io/local-path\nreclaimPolicy: Delete\nvolumeBindingMode: WaitForFirstConsumer\nallowVolumeExpansion: true\nparameters: { type: ssd }",
  "rbac.authorization.k8s.io/v1|Role": "rules: [{ apiGroups: [''], resources: [pods], verbs: [get, list] }]",
  "rbac.authorization.k8s.io/v1|ClusterRole":
    "rules: [{ apiGroups: [apps], resources: [deployments], verbs: ['*'] }]\naggregationRule: { clusterRoleSelectors: [{ matchLabels: { agg: 'true' } }] }",
  "rbac.authorization.k8s.io/v1|RoleBinding":
    "subjects: [{ kind: ServiceAccount, name: web, namespace: default }]\nroleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader }",
  "rbac.authorization.k8s.io/v1|ClusterRoleBinding":
    "subjects: [{ kind: User, name: alice, apiGroup: rbac.authorization.k8s.io }]\nroleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin }",
  "node.k8s.io/v1|RuntimeClass":
    "handler: kata\noverhead: { podFixed: { cpu: 250m, memory: 160Mi } }\nscheduling: { nodeSelector: { sandbox: kata }, tolerations: [{ key: sandbox, operator: Exists, effect: NoSchedule }] }",
  "scheduling.k8s.io/v1|PriorityClass":
    "value: 1000000\nglobalDefault: false\npreemptionPolicy: PreemptLowerPriority\ndescription: important",
  "policy/v1|PodDisruptionBudget": "spec: { minAvailable: 50%, selector: { matchLabels: { app: web } } }",
  "apiextensions.k8s.io/v1|CustomResourceDefinition":
    "spec:\n  group: example.com\n  scope: Namespaced\n  names: { kind: Widget, plural: widgets, singular: widget, shortNames: [wd] }\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec: { type: object, properties: { size: { type: integer, minimum: 1 }, color: { type: string, enum: [red, blue] } } }\n            status: { type: object, x-kubernetes-preserve-unknown-fields: true }",
};

function sample(apiVersion: string, kind: string): Record<string, unknown> {
  const body = SPECS[`${apiVersion}|${kind}`];
  if (body === undefined) throw new Error(`no sample for ${apiVersion} ${kind}`);
  const head = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: web\n  labels: { app: web }\n  annotations: { team: a }\n`;
  return load(head + body) as Record<string, unknown>;
}

describe("a valid object of every served kind decodes", () => {
  const discovery = new Discovery();
  it.each(SERVED_KINDS.map((k) => [apiVersionOf(k), k.kind] as const))("%s %s", (apiVersion, kind) => {
    const input = sample(apiVersion, kind);
    const found = discovery.lookup(apiVersion, kind);
    if (!("info" in found)) throw new Error(found.error);
    const result = decodeObject(structuredClone(input), found.info);
    expect(result).toEqual({ ok: true, object: input, warnings: [] });
  });
});
