import { describe, expect, it } from "vitest";
import { child } from "../../../../src/sandbox/api/validation/field.js";

describe("child", () => {
  it.each([
    [["spec"], "spec"],
    [["", "spec"], "spec"],
    [["spec", "template", "spec"], "spec.template.spec"],
    [["spec", "", "containers"], "spec.containers"],
    [["", "", ""], ""],
    [[""], ""],
    [["metadata", "labels"], "metadata.labels"],
  ])("joins %j as %s, skipping empty parts", (parts, want) => {
    const [path, ...names] = parts as [string, ...string[]];
    expect(child(path, ...names)).toBe(want);
    // The same as path.go's Child spelled with arrays.
    expect(child(path, ...names)).toBe([path, ...names].filter((p) => p !== "").join("."));
  });
});
