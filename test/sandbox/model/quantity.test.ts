import { describe, expect, it } from "vitest";
import { formatQuantity, milliValue, parseQuantity, toNumber } from "../../../src/sandbox/model/quantity.js";

describe("quantities (k8s.io/apimachinery resource.Quantity)", () => {
  it.each([
    ["500m", 0.5, "500m"],
    ["0.5", 0.5, "500m"],
    ["2", 2, "2"],
    ["1500", 1500, "1500"],
    ["2000", 2000, "2k"],
    ["1Gi", 1073741824, "1Gi"],
    ["1024Mi", 1073741824, "1Gi"],
    ["1.5Gi", 1610612736, "1536Mi"],
    ["128974848", 128974848, "128974848"],
    ["129e6", 129000000, "129e6"],
    ["123Mi", 128974848, "123Mi"],
    ["100", 100, "100"],
    ["512", 512, "512"],
    ["0.1m", 0.0001, "100u"],
    ["1k", 1000, "1k"],
    ["0", 0, "0"],
    [2, 2, "2"],
    [0.25, 0.25, "250m"],
  ] as const)("%s → %d, printed %s", (input, value, printed) => {
    const q = parseQuantity(input);
    expect(q).not.toBeNull();
    expect(toNumber(q!)).toBeCloseTo(value, 6);
    expect(formatQuantity(q!)).toBe(printed);
  });

  it.each(["2 cores", "1.2.3", "abc", "", "1Gb", "--1", "1e"])(
    "rejects %j as the API server's decoder does",
    (input) => {
      expect(parseQuantity(input)).toBeNull();
    },
  );

  it("rounds sub-nano values up and reports MilliValue rounded up", () => {
    expect(milliValue(parseQuantity("1n")!)).toBe(1);
    expect(milliValue(parseQuantity("1500m")!)).toBe(1500);
  });

  it("prints BinarySI values below 1024 as DecimalSI", () => {
    expect(formatQuantity(parseQuantity("0.5Ki")!)).toBe("512");
  });
});

describe("parseQuantity results are shared and frozen", () => {
  it("returns the same frozen value for the same text and rejects changes", () => {
    const a = parseQuantity("250m");
    const b = parseQuantity(" 250m ");
    expect(a).not.toBeNull();
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(() => {
      (a as { nano: bigint }).nano = 1n;
    }).toThrow(TypeError);
    expect(milliValue(parseQuantity("250m") as NonNullable<typeof a>)).toBe(250);
    expect(parseQuantity("12x")).toBeNull();
    expect(parseQuantity("12x")).toBeNull();
  });
});
