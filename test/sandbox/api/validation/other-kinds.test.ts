import { describe, expect, it } from "vitest";
import { errorsOf, updateErrorsOf } from "./check.js";

const podTemplate = (restartPolicy?: string) => ({
  spec: { ...(restartPolicy ? { restartPolicy } : {}), containers: [{ name: "job", image: "busybox" }] },
});
const job = (spec: Record<string, unknown> = {}) => ({
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: { name: "pi" },
  spec: { template: podTemplate("Never"), ...spec },
});
const cronJob = (spec: Record<string, unknown> = {}, name = "nightly") => ({
  apiVersion: "batch/v1",
  kind: "CronJob",
  metadata: { name },
  spec: { schedule: "0 2 * * *", jobTemplate: { spec: { template: podTemplate("OnFailure") } }, ...spec },
});
const service = (spec: Record<string, unknown>, name = "web") => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name },
  spec,
});
const ingress = (paths: unknown[], host?: string) => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "Ingress",
  metadata: { name: "web" },
  spec: { rules: [{ ...(host ? { host } : {}), http: { paths } }] },
});
const backend = { service: { name: "web", port: { number: 80 } } };

describe("Job and CronJob texts", () => {
  it.each([
    { name: "valid job", manifest: job(), want: [] },
    {
      name: "restartPolicy defaulted to Always",
      manifest: job({ template: podTemplate() }),
      want: ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    },
    {
      name: "negative backoffLimit",
      manifest: job({ backoffLimit: -1 }),
      want: ["spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0"],
    },
    {
      name: "negative completions",
      manifest: job({ completions: -2 }),
      want: ["spec.completions: Invalid value: -2: must be greater than or equal to 0"],
    },
    { name: "valid cronjob", manifest: cronJob(), want: [] },
    {
      name: "schedule with one field",
      manifest: cronJob({ schedule: "bad" }),
      want: ['spec.schedule: Invalid value: "bad": expected exactly 5 fields, found 1: [bad]'],
    },
    {
      name: "minute out of range",
      manifest: cronJob({ schedule: "60 * * * *" }),
      want: ['spec.schedule: Invalid value: "60 * * * *": end of range (60) above maximum (59): 60'],
    },
    {
      name: "seconds field",
      manifest: cronJob({ schedule: "0 0 2 * * *" }),
      want: ['spec.schedule: Invalid value: "0 0 2 * * *": expected exactly 5 fields, found 6: [0 0 2 * * *]'],
    },
    {
      name: "unknown descriptor",
      manifest: cronJob({ schedule: "@often" }),
      want: ['spec.schedule: Invalid value: "@often": unrecognized descriptor: @often'],
    },
    { name: "descriptor and names", manifest: cronJob({ schedule: "*/15 9-17 * jan-mar mon-fri" }), want: [] },
    { name: "hourly", manifest: cronJob({ schedule: "@hourly" }), want: [] },
    {
      name: "TZ in schedule",
      manifest: cronJob({ schedule: "TZ=UTC 0 2 * * *" }),
      want: [
        'spec.schedule: Invalid value: "TZ=UTC 0 2 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
      ],
    },
    {
      name: "unknown time zone",
      manifest: cronJob({ timeZone: "Mars/Olympus" }),
      want: ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus'],
    },
    { name: "known time zone", manifest: cronJob({ timeZone: "Europe/Paris" }), want: [] },
    {
      name: "bad concurrencyPolicy",
      manifest: cronJob({ concurrencyPolicy: "Sometimes" }),
      want: ['spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"'],
    },
    {
      name: "name over 52 characters",
      manifest: cronJob({}, "a".repeat(53)),
      want: [`metadata.name: Invalid value: "${"a".repeat(53)}": must be no more than 52 characters`],
    },
    {
      name: "jobTemplate restartPolicy Always",
      manifest: cronJob({ jobTemplate: { spec: { template: podTemplate("Always") } } }),
      want: ['spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    },
  ])("$name", ({ manifest, want }) => {
    expect(errorsOf(manifest)).toEqual(want);
  });

  it("job template is immutable", () => {
    const next = job({
      template: { spec: { restartPolicy: "Never", containers: [{ name: "job", image: "busybox:1.36" }] } },
    });
    expect(updateErrorsOf(job(), next)).toEqual([
      "spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable",
    ]);
  });
});

describe("Service texts", () => {
  it.each([
    { name: "valid", manifest: service({ selector: { app: "web" }, ports: [{ port: 80 }] }), want: [] },
    { name: "no ports", manifest: service({ selector: { app: "web" } }), want: ["spec.ports: Required value"] },
    { name: "headless without ports", manifest: service({ clusterIP: "None", selector: { app: "web" } }), want: [] },
    {
      name: "name must be DNS-1035",
      manifest: service({ ports: [{ port: 80 }] }, "1web"),
      want: [
        "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      ],
    },
    {
      name: "unnamed ports when several",
      manifest: service({ ports: [{ port: 80 }, { port: 443 }] }),
      want: ["spec.ports[0].name: Required value", "spec.ports[1].name: Required value"],
    },
    {
      name: "bad type",
      manifest: service({ type: "Internal", ports: [{ port: 80 }] }),
      want: [
        'spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
      ],
    },
    {
      name: "nodePort on ClusterIP",
      manifest: service({ ports: [{ port: 80, nodePort: 30080 }] }),
      want: ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    },
    {
      name: "nodePort outside the range",
      manifest: service({ type: "NodePort", ports: [{ port: 80, nodePort: 80 }] }),
      want: [
        "spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767",
      ],
    },
    {
      name: "ExternalName needs externalName",
      manifest: service({ type: "ExternalName" }),
      want: ["spec.externalName: Required value"],
    },
    {
      name: "headless NodePort",
      manifest: service({ type: "NodePort", clusterIP: "None", ports: [{ port: 80 }] }),
      want: ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"],
    },
    {
      name: "targetPort name",
      manifest: service({ ports: [{ port: 80, targetPort: "http_port" }] }),
      want: [
        'spec.ports[0].targetPort: Invalid value: "http_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      ],
    },
  ])("$name", ({ manifest, want }) => {
    expect(errorsOf(manifest)).toEqual(want);
  });

  it("cluster IP may not change", () => {
    const before = service({ clusterIP: "10.96.0.10", ports: [{ port: 80 }] });
    const after = service({ clusterIP: "None", ports: [{ port: 80 }] });
    expect(updateErrorsOf(before, after)).toEqual([
      'spec.clusterIPs[0]: Invalid value: ["None"]: may not change once set',
    ]);
  });
});

describe("Ingress and NetworkPolicy texts", () => {
  it.each([
    { name: "valid", manifest: ingress([{ path: "/", pathType: "Prefix", backend }], "shop.example.com"), want: [] },
    {
      name: "missing pathType",
      manifest: ingress([{ path: "/", backend }]),
      want: ["spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified"],
    },
    {
      name: "relative path",
      manifest: ingress([{ path: "api", pathType: "Prefix", backend }]),
      want: ['spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path'],
    },
    {
      name: "backend without port",
      manifest: ingress([{ path: "/", pathType: "Exact", backend: { service: { name: "web" } } }]),
      want: ["spec.rules[0].http.paths[0].backend: Required value: port name or number is required"],
    },
    {
      name: "IP as host",
      manifest: ingress([{ path: "/", pathType: "Prefix", backend }], "10.0.0.1"),
      want: ['spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address'],
    },
    {
      name: "wildcard host",
      manifest: ingress([{ path: "/", pathType: "Prefix", backend }], "*.example.com"),
      want: [],
    },
    {
      name: "bad wildcard",
      manifest: ingress([{ path: "/", pathType: "Prefix", backend }], "*example.com"),
      want: [
        "spec.rules[0].host: Invalid value: \"*example.com\": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ],
    },
  ])("Ingress: $name", ({ manifest, want }) => {
    expect(errorsOf(manifest)).toEqual(want);
  });

  const policy = (ingressRules: unknown[]) => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "np" },
    spec: { podSelector: {}, ingress: ingressRules },
  });
  it.each([
    {
      name: "valid",
      manifest: policy([{ from: [{ ipBlock: { cidr: "10.0.0.0/16", except: ["10.0.1.0/24"] } }] }]),
      want: [],
    },
    {
      name: "bad CIDR",
      manifest: policy([{ from: [{ ipBlock: { cidr: "10.0.0.0/33" } }] }]),
      want: [
        'spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
      ],
    },
    {
      name: "except outside cidr",
      manifest: policy([{ from: [{ ipBlock: { cidr: "10.0.0.0/16", except: ["10.1.0.0/24"] } }] }]),
      want: [
        'spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "10.1.0.0/24": must be a strict subset of `cidr`',
      ],
    },
    {
      name: "empty peer",
      manifest: policy([{ from: [{}] }]),
      want: ["spec.ingress[0].from[0]: Required value: must specify a peer"],
    },
    {
      name: "port out of range",
      manifest: policy([{ ports: [{ port: 0 }] }]),
      want: ["spec.ingress[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"],
    },
  ])("NetworkPolicy: $name", ({ manifest, want }) => {
    expect(errorsOf(manifest)).toEqual(want);
  });
});

describe("storage, config, autoscaling and policy texts", () => {
  const pvc = (spec: Record<string, unknown>) => ({
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "data" },
    spec,
  });
  it.each([
    {
      name: "PVC valid",
      manifest: pvc({ accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } }),
      want: [],
    },
    {
      name: "PVC without access modes",
      manifest: pvc({ resources: { requests: { storage: "1Gi" } } }),
      want: ["spec.accessModes: Required value: at least 1 access mode is required"],
    },
    {
      name: "PVC without storage",
      manifest: pvc({ accessModes: ["ReadWriteOnce"] }),
      want: ["spec.resources[storage]: Required value"],
    },
    {
      name: "PVC bad access mode",
      manifest: pvc({ accessModes: ["ReadWriteAll"], resources: { requests: { storage: "1Gi" } } }),
      want: [
        'spec.accessModes: Unsupported value: "ReadWriteAll": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      ],
    },
    {
      name: "PV without capacity",
      manifest: {
        apiVersion: "v1",
        kind: "PersistentVolume",
        metadata: { name: "pv1" },
        spec: { accessModes: ["ReadWriteOnce"], hostPath: { path: "/d" } },
      },
      want: [
        "spec.capacity: Required value",
        'spec.capacity: Unsupported value: core.ResourceList(nil): supported values: "storage"',
      ],
    },
    {
      name: "ConfigMap bad key",
      manifest: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: { "app config": "x" } },
      want: [
        "data[app config]: Invalid value: \"app config\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      ],
    },
    {
      name: "TLS secret without key",
      manifest: {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "tls" },
        type: "kubernetes.io/tls",
        data: { "tls.crt": "eA==" },
      },
      want: ["data[tls.key]: Required value"],
    },
    {
      name: "dockerconfigjson secret with truncated JSON (stringData)",
      manifest: {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "reg" },
        type: "kubernetes.io/dockerconfigjson",
        stringData: { ".dockerconfigjson": '{"auths": ' },
      },
      want: ['data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": unexpected end of JSON input'],
    },
    {
      name: "dockercfg secret whose base64 data is a JSON array",
      manifest: {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "reg" },
        type: "kubernetes.io/dockercfg",
        data: { ".dockercfg": Buffer.from("[]").toString("base64") },
      },
      want: [
        'data[.dockercfg]: Invalid value: "<secret contents redacted>": json: cannot unmarshal array into Go value of type map[string]interface {}',
      ],
    },
    {
      name: "dockerconfigjson secret with a valid object",
      manifest: {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "reg" },
        type: "kubernetes.io/dockerconfigjson",
        data: { ".dockerconfigjson": Buffer.from('{"auths": {}}').toString("base64") },
      },
      want: [],
    },
    {
      name: "service-account-token secret without the service account annotation",
      manifest: {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "tok" },
        type: "kubernetes.io/service-account-token",
      },
      want: ["metadata.annotations[kubernetes.io/service-account.name]: Required value"],
    },
    {
      name: "service-account-token secret naming its service account",
      manifest: {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "tok", annotations: { "kubernetes.io/service-account.name": "bot" } },
        type: "kubernetes.io/service-account-token",
      },
      want: [],
    },
    {
      name: "basic-auth secret with neither username nor password",
      manifest: { apiVersion: "v1", kind: "Secret", metadata: { name: "ba" }, type: "kubernetes.io/basic-auth" },
      want: ["data[username]: Required value", "data[password]: Required value"],
    },
    {
      name: "HPA max below min",
      manifest: {
        apiVersion: "autoscaling/v2",
        kind: "HorizontalPodAutoscaler",
        metadata: { name: "web" },
        spec: {
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
          minReplicas: 5,
          maxReplicas: 2,
        },
      },
      want: ["spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`"],
    },
    {
      name: "HPA minReplicas 0 and no target",
      manifest: {
        apiVersion: "autoscaling/v2",
        kind: "HorizontalPodAutoscaler",
        metadata: { name: "web" },
        spec: { scaleTargetRef: {}, minReplicas: 0, maxReplicas: 2 },
      },
      want: [
        "spec.minReplicas: Invalid value: 0: must be greater than or equal to 1",
        "spec.scaleTargetRef.kind: Required value",
        "spec.scaleTargetRef.name: Required value",
      ],
    },
    {
      name: "PDB with both fields",
      manifest: {
        apiVersion: "policy/v1",
        kind: "PodDisruptionBudget",
        metadata: { name: "web" },
        spec: { minAvailable: 1, maxUnavailable: 1, selector: { matchLabels: { app: "web" } } },
      },
      want: [
        "spec: Invalid value: policy.PodDisruptionBudgetSpec{...}: minAvailable and maxUnavailable cannot be both set",
      ],
    },
    {
      name: "Namespace name with dots",
      manifest: { apiVersion: "v1", kind: "Namespace", metadata: { name: "team.a" } },
      want: ['metadata.name: Invalid value: "team.a": must not contain dots'],
    },
  ])("$name", ({ manifest, want }) => {
    expect(errorsOf(manifest)).toEqual(want);
  });

  it("immutable ConfigMap data cannot change", () => {
    const cm = (v: string) => ({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cfg" },
      immutable: true,
      data: { k: v },
    });
    expect(updateErrorsOf(cm("a"), cm("b"))).toEqual(["data: Forbidden: field is immutable when `immutable` is set"]);
  });

  it("PVC spec is immutable except a bound claim's storage request", () => {
    const claim = (size: string, mode = "ReadWriteOnce") =>
      pvc({ accessModes: [mode], resources: { requests: { storage: size } } });
    const bound = { ...claim("1Gi"), status: { phase: "Bound" } };
    expect(updateErrorsOf(bound, claim("2Gi"))).toEqual([]);
    expect(updateErrorsOf(bound, claim("1Gi", "ReadWriteMany"))).toEqual([
      "spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims",
    ]);
  });
});
