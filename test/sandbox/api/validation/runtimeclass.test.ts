import { describe, expect, it } from "vitest";
import { fieldErrorText } from "../../../../src/sandbox/api/field-error.js";
import { SERVED_KINDS } from "../../../../src/sandbox/api/schema/served-kinds.js";
import { validateObject, validateObjectUpdate } from "../../../../src/sandbox/api/validation/index.js";
import type { KubeObject } from "../../../../src/sandbox/model/object.js";

const INFO = SERVED_KINDS.find((k) => k.kind === "RuntimeClass");
if (!INFO) throw new Error("RuntimeClass is not served");

const runtimeClass = (fields: Record<string, unknown>): KubeObject =>
  ({ apiVersion: "node.k8s.io/v1", kind: "RuntimeClass", metadata: { name: "kata" }, ...fields }) as KubeObject;

describe("RuntimeClass validation (pkg/apis/node/validation ValidateRuntimeClass)", () => {
  it("is served cluster-scoped as node.k8s.io/v1 runtimeclasses", () => {
    expect(INFO).toMatchObject({ group: "node.k8s.io", version: "v1", resource: "runtimeclasses", namespaced: false });
  });

  it.each([
    { name: "a valid class", fields: { handler: "kata", overhead: { podFixed: { cpu: "250m" } } }, want: [] },
    {
      name: "a missing handler",
      fields: {},
      want: [
        "handler: Invalid value: \"\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      ],
    },
    {
      name: "a handler with a dot",
      fields: { handler: "kata.v2" },
      want: ['handler: Invalid value: "kata.v2": must not contain dots'],
    },
    {
      name: "a negative overhead, named as a limit",
      fields: { handler: "kata", overhead: { podFixed: { cpu: "-1" } } },
      want: ['overhead.limits[cpu]: Invalid value: "-1": must be greater than or equal to 0'],
    },
    {
      name: "a bad toleration and nodeSelector value",
      fields: {
        handler: "kata",
        scheduling: { nodeSelector: { sandbox: "a b" }, tolerations: [{ key: "x", effect: "Sometimes" }] },
      },
      want: [
        "scheduling.nodeSelector: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        'scheduling.tolerations[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      ],
    },
  ])("GIVEN $name THEN the errors are upstream's", ({ fields, want }) => {
    expect(validateObject(runtimeClass(fields), INFO).map(fieldErrorText)).toEqual(want);
  });

  it("GIVEN a changed handler on update THEN it is immutable", () => {
    const errs = validateObjectUpdate(runtimeClass({ handler: "runc" }), runtimeClass({ handler: "kata" }), INFO);
    expect(errs.map(fieldErrorText)).toEqual(['handler: Invalid value: "runc": field is immutable']);
  });
});
