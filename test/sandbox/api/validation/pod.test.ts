import { describe, expect, it } from "vitest";
import { POD_UPDATE_FORBIDDEN } from "../../../../src/sandbox/api/validation/pod.js";
import { pod } from "../../../fixtures/builders.js";
import { errorsOf, updateErrorsOf } from "./check.js";

const SUBDOMAIN_TAIL =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_TAIL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

describe("Pod validation texts", () => {
  it.each([
    { name: "valid pod", manifest: pod("web").build(), want: [] },
    {
      name: "bad name",
      manifest: pod("Web_1").build(),
      want: [`metadata.name: Invalid value: "Web_1": ${SUBDOMAIN_TAIL}`],
    },
    {
      name: "no name",
      manifest: { apiVersion: "v1", kind: "Pod", metadata: {}, spec: pod("x").build().spec },
      want: ["metadata.name: Required value: name or generateName is required"],
    },
    {
      name: "no image",
      manifest: pod("web").image(undefined).build(),
      want: ["spec.containers[0].image: Required value"],
    },
    { name: "no containers", manifest: pod("web").containers().build(), want: ["spec.containers: Required value"] },
    {
      name: "container without a name",
      manifest: pod("web").containers({ name: "", image: "nginx" }).build(),
      want: ["spec.containers[0].name: Required value"],
    },
    {
      name: "bad container name",
      manifest: pod("web").containers({ name: "Web", image: "nginx" }).build(),
      want: [`spec.containers[0].name: Invalid value: "Web": ${LABEL_TAIL}`],
    },
    {
      name: "duplicate container names",
      manifest: pod("web").containers({ name: "web", image: "a" }, { name: "web", image: "b" }).build(),
      want: ['spec.containers[1].name: Duplicate value: "web"'],
    },
    {
      name: "request above limit",
      manifest: pod("web").requests({ cpu: "2" }).limits({ cpu: "1" }).build(),
      want: ['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'],
    },
    {
      name: "request above limit in millicores",
      manifest: pod("web").requests({ memory: "512Mi", cpu: "750m" }).limits({ cpu: "500m" }).build(),
      want: [
        'spec.containers[0].resources.requests: Invalid value: "750m": must be less than or equal to cpu limit of 500m',
      ],
    },
    {
      name: "negative request",
      manifest: pod("web").requests({ cpu: "-1" }).build(),
      want: ['spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0'],
    },
    {
      name: "extended resource request below limit",
      manifest: pod("web").requests({ "nvidia.com/gpu": "1" }).limits({ "nvidia.com/gpu": "2" }).build(),
      want: ['spec.containers[0].resources.requests: Invalid value: "1": must be equal to nvidia.com/gpu limit of 2'],
    },
    {
      name: "non-standard resource name",
      manifest: pod("web").requests({ gpu: "1" }).build(),
      want: [
        'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      ],
    },
    {
      name: "container port out of range",
      manifest: pod("web")
        .container({ ports: [{ containerPort: 70000 }] })
        .build(),
      want: ["spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"],
    },
    {
      name: "duplicate port names",
      manifest: pod("web")
        .container({
          ports: [
            { name: "http", containerPort: 80 },
            { name: "http", containerPort: 81 },
          ],
        })
        .build(),
      want: ['spec.containers[0].ports[1].name: Duplicate value: "http"'],
    },
    {
      name: "host port conflict across containers",
      manifest: pod("web")
        .containers(
          { name: "a", image: "x", ports: [{ containerPort: 80, hostPort: 8080 }] },
          { name: "b", image: "y", ports: [{ containerPort: 81, hostPort: 8080 }] },
        )
        .build(),
      want: ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"'],
    },
    {
      name: "probe without handler",
      manifest: pod("web")
        .container({ livenessProbe: { periodSeconds: 5 } })
        .build(),
      want: ["spec.containers[0].livenessProbe: Required value: must specify a handler type"],
    },
    {
      name: "liveness successThreshold",
      manifest: pod("web")
        .container({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } })
        .build(),
      want: ["spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"],
    },
    {
      name: "probe with two handlers",
      manifest: pod("web")
        .container({ readinessProbe: { tcpSocket: { port: 80 }, httpGet: { port: 80 } } })
        .build(),
      want: ["spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type"],
    },
    {
      name: "mount of a missing volume",
      manifest: pod("web")
        .container({ volumeMounts: [{ name: "data", mountPath: "/data" }] })
        .build(),
      want: ['spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    },
    {
      name: "duplicate volumes",
      manifest: pod("web")
        .spec({
          volumes: [
            { name: "data", emptyDir: {} },
            { name: "data", emptyDir: {} },
          ],
        })
        .build(),
      want: ['spec.volumes[1].name: Duplicate value: "data"'],
    },
    {
      name: "configMap volume without a name",
      manifest: pod("web")
        .spec({ volumes: [{ name: "cfg", configMap: {} }] })
        .build(),
      want: ["spec.volumes[0].configMap.name: Required value"],
    },
    {
      name: "projected token shorter than 10 minutes",
      manifest: pod("web")
        .spec({
          volumes: [
            { name: "t", projected: { sources: [{ serviceAccountToken: { path: "t", expirationSeconds: 300 } }] } },
          ],
        })
        .build(),
      want: [
        "spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes",
      ],
    },
    {
      name: "projected token longer than 2^32 seconds, without a path",
      manifest: pod("web")
        .spec({
          volumes: [
            { name: "t", projected: { sources: [{ serviceAccountToken: { expirationSeconds: 2 ** 32 + 1 } }] } },
          ],
        })
        .build(),
      want: [
        "spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds",
        "spec.volumes[0].projected.path: Required value",
      ],
    },
    {
      name: "projected token of exactly 10 minutes, and one with the default",
      manifest: pod("web")
        .spec({
          volumes: [
            { name: "t", projected: { sources: [{ serviceAccountToken: { path: "t", expirationSeconds: 600 } }] } },
            { name: "d", projected: { sources: [{ serviceAccountToken: { path: "d" } }] } },
          ],
        })
        .build(),
      want: [],
    },
    {
      name: "configMapKeyRef without a key",
      manifest: pod("web")
        .container({ env: [{ name: "A", valueFrom: { configMapKeyRef: { name: "cfg" } } }] })
        .build(),
      want: ["spec.containers[0].env[0].valueFrom.configMapKeyRef.key: Required value"],
    },
    {
      name: "env var with '='",
      manifest: pod("web")
        .container({ env: [{ name: "A=B", value: "1" }] })
        .build(),
      want: [
        "spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
      ],
    },
    {
      name: "unsupported restart policy",
      manifest: pod("web").spec({ restartPolicy: "Sometimes" }).build(),
      want: ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    },
    {
      name: "init container with a probe",
      manifest: pod("web")
        .spec({ initContainers: [{ name: "init", image: "busybox", readinessProbe: { exec: { command: ["true"] } } }] })
        .build(),
      want: [
        "spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always",
      ],
    },
    {
      name: "init container named like a container",
      manifest: pod("web")
        .spec({ initContainers: [{ name: "web", image: "busybox" }] })
        .build(),
      want: ['spec.initContainers[0].name: Duplicate value: "web"'],
    },
    {
      name: "bad label value",
      manifest: pod("web").labels({ app: "my app" }).build(),
      want: [
        "metadata.labels: Invalid value: \"my app\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      ],
    },
    {
      name: "toleration with unknown effect",
      manifest: pod("web")
        .spec({ tolerations: [{ key: "k", operator: "Exists", effect: "NoRun" }] })
        .build(),
      want: [
        'spec.tolerations[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      ],
    },
  ])("$name", ({ manifest, want }) => {
    expect(errorsOf(manifest)).toEqual(want);
  });

  it("reports several errors in upstream order", () => {
    const manifest = pod("web")
      .containers({ name: "Web", image: "" }, { name: "db", image: "postgres", ports: [{ containerPort: 0 }] })
      .build();
    expect(errorsOf(manifest)).toEqual([
      `spec.containers[0].name: Invalid value: "Web": ${LABEL_TAIL}`,
      "spec.containers[0].image: Required value",
      "spec.containers[1].ports[0].containerPort: Required value",
    ]);
  });

  it("never throws on odd shapes", () => {
    const odd = { apiVersion: "v1", kind: "Pod", metadata: { name: "x" }, spec: { containers: "nope", volumes: 3 } };
    expect(errorsOf(odd)).toEqual(["spec.containers: Required value"]);
  });
});

describe("Pod updates", () => {
  it("allows changing the image", () => {
    expect(updateErrorsOf(pod("web").build(), pod("web").image("nginx:1.28").build())).toEqual([]);
  });

  it("forbids other spec changes with upstream's text", () => {
    const errs = updateErrorsOf(
      pod("web").build(),
      pod("web")
        .container({ ports: [{ containerPort: 80 }] })
        .build(),
    );
    expect(errs).toEqual([`spec: Forbidden: ${POD_UPDATE_FORBIDDEN}`]);
    expect(POD_UPDATE_FORBIDDEN).toBe(
      "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
    );
  });

  it("forbids adding containers", () => {
    const next = pod("web")
      .containers({ name: "web", image: "nginx:1.27" }, { name: "side", image: "busybox" })
      .build();
    expect(updateErrorsOf(pod("web").build(), next)).toEqual([
      "spec.containers: Forbidden: pod updates may not add or remove containers",
    ]);
  });

  it("keeps a scheduled pod's nodeName when the manifest omits it", () => {
    const scheduled = pod("web").spec({ nodeName: "node-a" }).build();
    expect(updateErrorsOf(scheduled, pod("web").build())).toEqual([]);
  });
});
