import { describe, expect, it } from "vitest";
import { base64ErrorOffset } from "../../../src/sandbox/api/schema/base64.js";
import { kindStruct } from "../../../src/sandbox/api/schema/definitions.js";
import { walkStructural } from "../../../src/sandbox/api/schema/structural.js";

describe("base64ErrorOffset (Go's StdEncoding)", () => {
  it.each([
    ["cGFzc3dvcmQ=", undefined],
    ["YWJj", undefined],
    ["YW==", undefined],
    ["YWJj\nZA==", undefined],
    ["", undefined],
    ["admin", 4],
    ["abc", 0],
    ["a!bc", 1],
    ["YW=", 3],
    ["YW=x", 2],
    ["Y===", 1],
    ["YWJjZA==YWJj", 8],
    ["pass word", 4],
  ])("%j → %s", (text, want) => {
    expect(base64ErrorOffset(text)).toBe(want);
  });
});

describe("schema definitions", () => {
  it("know int widths, byte strings, quantities and int-or-string", () => {
    const pod = kindStruct("v1", "Pod");
    const spec = pod?.fields.get("spec");
    expect(spec).toMatchObject({ k: "struct", go: "v1.PodSpec" });
    const secret = kindStruct("v1", "Secret");
    expect(secret?.fields.get("data")).toMatchObject({ k: "map", go: "map[string][]uint8", elem: { k: "bytes" } });
    expect(kindStruct("apps/v1", "Deployment")?.go).toBe("v1.Deployment");
    expect(kindStruct("autoscaling/v2", "HorizontalPodAutoscaler")?.go).toBe("v2.HorizontalPodAutoscaler");
    expect(kindStruct("v1", "Widget")).toBeUndefined();
  });
});

describe("walkStructural", () => {
  it("keeps declared fields, preserves marked subtrees and collects unknown paths", () => {
    const schema = {
      type: "object",
      properties: {
        spec: {
          type: "object",
          properties: { items: { type: "array", items: { type: "object", properties: { a: { type: "string" } } } } },
        },
        status: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
      },
    };
    const result = walkStructural(
      { apiVersion: "x/v1", kind: "X", spec: { items: [{ a: "1", b: 2 }], c: 3 }, status: { free: 1 }, top: 1 },
      schema,
    );
    expect(result.unknownFields).toEqual(["spec.items[0].b", "spec.c", "top"]);
    expect(result.value).toEqual({ apiVersion: "x/v1", kind: "X", spec: { items: [{ a: "1" }] }, status: { free: 1 } });
    expect(result.errors).toEqual([]);
  });

  it("reports type mismatches as kube-openapi does", () => {
    const schema = { type: "object", properties: { n: { type: "number" }, b: { type: "boolean" } } };
    expect(walkStructural({ n: 1, b: "yes" }, schema).errors).toEqual([
      { type: "Invalid", field: "b", value: "string", detail: 'b in body must be of type boolean: "string"' },
    ]);
  });
});
