import { describe, expect, it } from "vitest";
import {
  matchesLabelSelector,
  matchesMapSelector,
  matchesNodeSelectorTerms,
} from "../../../src/sandbox/model/selector.js";

describe("label selectors", () => {
  const labels = { app: "web", tier: "front" };
  it.each([
    ["empty selector matches everything", {}, true],
    ["matchLabels equal", { matchLabels: { app: "web" } }, true],
    ["matchLabels differ", { matchLabels: { app: "db" } }, false],
    ["In", { matchExpressions: [{ key: "tier", operator: "In", values: ["front", "back"] }] }, true],
    [
      "NotIn on a missing key matches",
      { matchExpressions: [{ key: "env", operator: "NotIn", values: ["prod"] }] },
      true,
    ],
    ["Exists", { matchExpressions: [{ key: "app", operator: "Exists" }] }, true],
    ["DoesNotExist", { matchExpressions: [{ key: "app", operator: "DoesNotExist" }] }, false],
    ["unknown operator matches nothing", { matchExpressions: [{ key: "app", operator: "Like" }] }, false],
  ])("%s", (_n, selector, want) => {
    expect(matchesLabelSelector(selector, labels)).toBe(want);
  });

  it("a null selector matches nothing", () => {
    expect(matchesLabelSelector(null, labels)).toBe(false);
  });

  it("a Service's map selector needs every pair and never matches when empty", () => {
    expect(matchesMapSelector({ app: "web" }, labels)).toBe(true);
    expect(matchesMapSelector({ app: "web", v: "2" }, labels)).toBe(false);
    expect(matchesMapSelector({}, labels)).toBe(false);
  });
});

describe("node selector terms", () => {
  const labels = { "kubernetes.io/hostname": "node-a", gpu: "4" };
  it.each([
    [
      "terms are ORed",
      [
        { matchExpressions: [{ key: "x", operator: "Exists" }] },
        { matchExpressions: [{ key: "gpu", operator: "Exists" }] },
      ],
      true,
    ],
    ["Gt compares integers", [{ matchExpressions: [{ key: "gpu", operator: "Gt", values: ["3"] }] }], true],
    ["Lt compares integers", [{ matchExpressions: [{ key: "gpu", operator: "Lt", values: ["3"] }] }], false],
    [
      "matchFields metadata.name",
      [{ matchFields: [{ key: "metadata.name", operator: "In", values: ["node-a"] }] }],
      true,
    ],
    ["an empty term matches nothing", [{}], false],
  ])("%s", (_n, terms, want) => {
    expect(matchesNodeSelectorTerms(terms, "node-a", labels)).toBe(want);
  });
});
