import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { registerCrd } from "../../../src/sandbox/api/crd.js";
import { decodeObject } from "../../../src/sandbox/api/decode.js";
import { Discovery } from "../../../src/sandbox/api/discovery.js";

const CRD = load(`
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: crontabs.stable.example.com }
spec:
  group: stable.example.com
  scope: Namespaced
  names: { plural: crontabs, singular: crontab, kind: CronTab, shortNames: [ct] }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                cronSpec: { type: string }
                image: { type: string }
                replicas: { type: integer }
                ports: { type: array, items: { type: object, properties: { port: { x-kubernetes-int-or-string: true } } } }
                extra: { type: object, x-kubernetes-preserve-unknown-fields: true }
                env: { type: object, additionalProperties: { type: string } }
    - name: v1beta1
      served: false
      storage: false
`) as { spec: unknown };

function withCrd(): Discovery {
  const d = new Discovery();
  registerCrd(d, CRD);
  return d;
}

function decodeCr(d: Discovery, yaml: string) {
  const input = load(yaml) as Record<string, unknown>;
  const found = d.lookup(String(input.apiVersion), String(input.kind));
  if (!("info" in found)) return found;
  return decodeObject(input, found.info);
}

const CR = (spec: string, meta = "") =>
  `apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata: { name: job${meta} }\nspec: ${spec}`;

describe("registerCrd", () => {
  it("registers each served version with plural, scope and schema", () => {
    const d = new Discovery();
    const infos = registerCrd(d, CRD);
    expect(infos.map((i) => [i.group, i.version, i.kind, i.resource, i.namespaced, i.custom])).toEqual([
      ["stable.example.com", "v1", "CronTab", "crontabs", true, true],
    ]);
    expect(d.resolve("crontabs")?.kind).toBe("CronTab");
    expect(d.byKind("CronTab")?.version).toBe("v1");
  });

  it("does not serve versions marked served: false", () => {
    expect(withCrd().lookup("stable.example.com/v1beta1", "CronTab")).toEqual({
      error: 'no matches for kind "CronTab" in version "stable.example.com/v1beta1"',
      hint: "CronTab is served as stable.example.com/v1; stable.example.com/v1beta1 is not one of its versions",
    });
  });

  it("a cluster-scoped CRD registers a cluster-scoped kind", () => {
    const d = new Discovery();
    const spec = { ...(CRD.spec as object), scope: "Cluster" };
    expect(registerCrd(d, { spec })[0]?.namespaced).toBe(false);
  });

  it("a CRD without names registers nothing", () => {
    expect(registerCrd(new Discovery(), { spec: { group: "x.io", versions: [{ name: "v1", served: true }] } })).toEqual(
      [],
    );
  });
});

describe("custom resources", () => {
  it("without their CRD get kubectl's no-matches answer", () => {
    expect(decodeCr(new Discovery(), CR("{ image: x }"))).toEqual({
      error: 'no matches for kind "CronTab" in version "stable.example.com/v1"',
      hint: "no such kind in Kubernetes v1.34; if it is a custom resource, include its CRD",
    });
  });

  it("after their CRD are accepted and stored as given", () => {
    const result = decodeCr(
      withCrd(),
      CR(
        "{ cronSpec: '* * * * */5', replicas: 2, ports: [{ port: 80 }, { port: http }], extra: { any: [1] }, env: { A: b } }",
      ),
    );
    expect(result).toMatchObject({
      ok: true,
      warnings: [],
      object: { metadata: { name: "job" }, spec: { replicas: 2, extra: { any: [1] }, env: { A: "b" } } },
    });
  });

  it("with undeclared fields are rejected as strict decoding errors", () => {
    expect(
      decodeCr(withCrd(), CR("{ image: x, imagePullPolicy: Always, ports: [{ port: 1, name: a }] }", ", labelz: {}")),
    ).toEqual({
      ok: false,
      message:
        'CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "metadata.labelz", unknown field "spec.imagePullPolicy", unknown field "spec.ports[0].name"',
    });
  });

  it("with a value of the wrong type are invalid", () => {
    expect(decodeCr(withCrd(), CR('{ replicas: "3", env: { A: 1 } }'))).toEqual({
      ok: false,
      message:
        'The CronTab "job" is invalid: \n* spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"\n* spec.env.A: Invalid value: "integer": spec.env.A in body must be of type string: "integer"',
    });
  });

  it("metadata is decoded as ObjectMeta", () => {
    expect(decodeCr(withCrd(), CR("{}", ", labels: { a: 1 }"))).toEqual({
      ok: false,
      message:
        'CronTab in version "v1" cannot be handled as a CronTab: json: cannot unmarshal number into Go struct field ObjectMeta.labels of type string',
    });
  });
});
