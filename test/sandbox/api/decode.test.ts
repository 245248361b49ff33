import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { decodeObject } from "../../../src/sandbox/api/decode.js";
import { Discovery } from "../../../src/sandbox/api/discovery.js";
import { QUANTITY_FORMAT_ERROR } from "../../../src/sandbox/model/quantity.js";

const discovery = new Discovery();

function decode(yaml: string, options?: Parameters<typeof decodeObject>[2]) {
  const input = load(yaml) as Record<string, unknown>;
  const found = discovery.lookup(String(input.apiVersion), String(input.kind));
  if (!("info" in found)) throw new Error(found.error);
  return decodeObject(input, found.info, options);
}

const deployment = (spec: string, container = "") => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  selector: { matchLabels: { app: web } }
${spec}
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: nginx
${container}`;

const D = 'Deployment in version "v1" cannot be handled as a Deployment: ';
const P = 'Pod in version "v1" cannot be handled as a Pod: ';

describe("strict decoding: unknown fields", () => {
  const cases = [
    {
      name: "top-level spec field",
      yaml: deployment("  replica: 3"),
      want: `${D}strict decoding error: unknown field "spec.replica"`,
    },
    {
      name: "field of a container, with its index",
      yaml: deployment("", "          imagePullPolicyy: Always"),
      want: `${D}strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicyy"`,
    },
    {
      name: "several fields, joined in input order",
      yaml: deployment("  replica: 3", "          ports: [{ containerPort: 80, hostport: 8080 }]"),
      want: `${D}strict decoding error: unknown field "spec.replica", unknown field "spec.template.spec.containers[0].ports[0].hostport"`,
    },
    {
      name: "field names are case-sensitive",
      yaml: deployment("  Replicas: 3"),
      want: `${D}strict decoding error: unknown field "spec.Replicas"`,
    },
    {
      name: "old Ingress backend fields",
      yaml: `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web }
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend: { serviceName: web, servicePort: 80 }`,
      want: `Ingress in version "v1" cannot be handled as a Ingress: strict decoding error: unknown field "spec.rules[0].http.paths[0].backend.serviceName", unknown field "spec.rules[0].http.paths[0].backend.servicePort"`,
    },
    {
      name: "unknown metadata and top-level fields",
      yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, label: { a: b } }\nspec: { a: b }",
      want: `ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "metadata.label", unknown field "spec"`,
    },
  ];
  it.each(cases)("$name", ({ yaml, want }) => {
    expect(decode(yaml)).toEqual({ ok: false, message: want });
  });

  it("warn mode accepts, drops the fields and returns kubectl's warnings", () => {
    const result = decode(deployment("  replica: 3"), { fieldValidation: "Warn" });
    expect(result.ok && result.warnings).toEqual(['unknown field "spec.replica"']);
    expect(result.ok && result.object.spec).not.toHaveProperty("replica");
  });

  it("ignore mode drops the fields silently", () => {
    const result = decode(deployment("  replica: 3"), { fieldValidation: "Ignore" });
    expect(result.ok && result.warnings).toEqual([]);
    expect(result.ok && result.object.spec).not.toHaveProperty("replica");
  });
});

describe("type errors name the Go struct, the field path and the Go type", () => {
  const cases = [
    {
      name: "string replicas",
      yaml: deployment('  replicas: "3"'),
      want: `${D}json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`,
    },
    {
      name: "number env value, no list indices in the path",
      yaml: deployment("", "          env: [{ name: PORT, value: 8080 }]"),
      want: `${D}json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string`,
    },
    {
      name: "string containerPort",
      yaml: deployment("", '          ports: [{ containerPort: "80" }]'),
      want: `${D}json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32`,
    },
    {
      name: "bool label value",
      yaml: "apiVersion: v1\nkind: Pod\nmetadata: { name: p, labels: { canary: true } }\nspec: { containers: [{ name: a, image: b }] }",
      want: `${P}json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string`,
    },
    {
      name: "string where a list is expected",
      yaml: deployment("", "          command: nginx -g daemon"),
      want: `${D}json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.command of type []string`,
    },
    {
      name: "object where a list of structs is expected",
      yaml: "apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec: { containers: { name: a, image: b } }",
      want: `${P}json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container`,
    },
    {
      name: "metadata that is not an object",
      yaml: "apiVersion: v1\nkind: Pod\nmetadata: web\nspec: { containers: [{ name: a, image: b }] }",
      want: `${P}json: cannot unmarshal string into Go struct field Pod.metadata of type v1.ObjectMeta`,
    },
    {
      name: "named string type",
      yaml: deployment("", "          imagePullPolicy: 1"),
      want: `${D}json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.imagePullPolicy of type v1.PullPolicy`,
    },
    {
      name: "fractional int",
      yaml: deployment("  replicas: 1.5"),
      want: `${D}json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32`,
    },
    {
      name: "int32 overflow",
      yaml: deployment("  replicas: 3000000000"),
      want: `${D}json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32`,
    },
    {
      name: "resource list that is not a map",
      yaml: deployment("", "          resources: { limits: 1 }"),
      want: `${D}json: cannot unmarshal number into Go struct field ResourceRequirements.spec.template.spec.containers.resources.limits of type v1.ResourceList`,
    },
    {
      name: "the first type error wins over later ones and over unknown fields",
      yaml: deployment('  replicas: "3"\n  replica: 1\n  paused: "no"'),
      want: `${D}json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`,
    },
  ];
  it.each(cases)("$name", ({ yaml, want }) => {
    expect(decode(yaml)).toEqual({ ok: false, message: want });
  });
});

describe("custom unmarshallers", () => {
  const cases = [
    {
      name: "malformed quantity",
      yaml: deployment("", '          resources: { requests: { cpu: "2 cores" } }'),
      want: `${D}${QUANTITY_FORMAT_ERROR}`,
    },
    {
      name: "quantity with an unknown suffix",
      yaml: deployment("", "          resources: { limits: { memory: 5MM } }"),
      want: `${D}unable to parse quantity's suffix`,
    },
    {
      name: "quantity error stops decoding before an earlier saved type error is reported",
      yaml: deployment('  replicas: "3"', "          resources: { limits: { memory: 1 GB } }"),
      want: `${D}${QUANTITY_FORMAT_ERROR}`,
    },
    {
      name: "int-or-string given a bool",
      yaml: "apiVersion: v1\nkind: Service\nmetadata: { name: s }\nspec: { ports: [{ port: 80, targetPort: true }] }",
      want: `Service in version "v1" cannot be handled as a Service: json: cannot unmarshal bool into Go value of type int32`,
    },
    {
      name: "Secret data that is not base64",
      yaml: "apiVersion: v1\nkind: Secret\nmetadata: { name: s }\ndata: { password: admin }",
      want: `Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4`,
    },
  ];
  it.each(cases)("$name", ({ yaml, want }) => {
    expect(decode(yaml)).toEqual({ ok: false, message: want });
  });

  it.each([
    ["int port", "targetPort: 8080"],
    ["named port", "targetPort: http"],
  ])("int-or-string accepts an %s", (_name, field) => {
    const result = decode(
      `apiVersion: v1\nkind: Service\nmetadata: { name: s }\nspec: { ports: [{ port: 80, ${field} }] }`,
    );
    expect(result.ok).toBe(true);
  });

  it.each(["500m", 2, 0.5, "1Gi", "1e3"])("quantity %s is accepted", (cpu) => {
    const result = decode(deployment("", `          resources: { requests: { cpu: ${JSON.stringify(cpu)} } }`));
    expect(result.ok).toBe(true);
  });
});

describe("the decoded object", () => {
  it("is a fresh object with metadata always present", () => {
    const input = { apiVersion: "v1", kind: "ConfigMap", data: { a: "b" } };
    const found = discovery.lookup("v1", "ConfigMap");
    if (!("info" in found)) throw new Error(found.error);
    const result = decodeObject(input, found.info);
    if (!result.ok) throw new Error(result.message);
    expect(result.object).toEqual({ apiVersion: "v1", kind: "ConfigMap", metadata: {}, data: { a: "b" } });
    expect(result.object).not.toBe(input);
    expect(result.object.data).not.toBe(input.data);
  });

  it("drops null fields and turns null map values into the zero value", () => {
    const result = decode(
      "apiVersion: v1\nkind: Pod\nmetadata: { name: p, creationTimestamp: null, labels: { a: null } }\nspec: { containers: [{ name: a, image: b, resources: {} }], nodeSelector: null }",
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.object.metadata).toEqual({ name: "p", labels: { a: "" } });
    expect(result.object.spec).toEqual({ containers: [{ name: "a", image: "b", resources: {} }] });
  });
});
