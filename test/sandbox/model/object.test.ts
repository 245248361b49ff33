import { describe, expect, it } from "vitest";
import { clone } from "../../../src/sandbox/model/object.js";

describe("clone", () => {
  const cases: { name: string; value: unknown }[] = [
    { name: "a primitive", value: 3 },
    { name: "null", value: null },
    { name: "nested objects and arrays", value: { a: [1, { b: "c" }, null], d: { e: true } } },
    { name: "undefined-valued keys and holes", value: { u: undefined, arr: [undefined, 2] } },
    { name: "a __proto__ key kept as data", value: JSON.parse('{"__proto__":{"polluted":true},"x":1}') },
    { name: "a Date (through structuredClone)", value: { when: new Date(0) } },
  ];
  it.each(cases)("copies $name as structuredClone does", ({ value }) => {
    const copy = clone(value);
    expect(copy).toStrictEqual(structuredClone(value));
    if (typeof value === "object" && value !== null) expect(copy).not.toBe(value);
  });

  it("shares nothing with the original and never changes a prototype", () => {
    const original = JSON.parse('{"spec":{"list":[{"k":"v"}]},"__proto__":{"x":1}}');
    const copy = clone(original);
    copy.spec.list[0].k = "changed";
    expect(original.spec.list[0].k).toBe("v");
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["spec", "__proto__"]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
