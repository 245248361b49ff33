import { describe, expect, it } from "vitest";
import { SeededRandom } from "../../../src/sandbox/model/random.js";
import { sameJson } from "../../../src/sandbox/model/same-json.js";

const byText = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

describe("sameJson", () => {
  it.each([
    ["equal nested objects", { a: 1, b: [1, { c: "x" }] }, { a: 1, b: [1, { c: "x" }] }, true],
    ["the same keys in another order", { a: 1, b: 2 }, { b: 2, a: 1 }, false],
    ["an undefined-valued key against a missing one", { a: 1, b: undefined }, { a: 1 }, true],
    ["undefined against null in an array", [undefined], [null], true],
    ["undefined against null as a value", { a: undefined }, { a: null }, false],
    ["NaN against null", [Number.NaN], [null], true],
    ["Infinity against NaN", Number.POSITIVE_INFINITY, Number.NaN, true],
    ["-0 against 0", -0, 0, true],
    ["an empty array against an empty object", [], {}, false],
    ["a string against a number", "1", 1, false],
    ["a longer array", [1, 2], [1, 2, 3], false],
    ["a Date against its ISO text", { t: new Date(0) }, { t: "1970-01-01T00:00:00.000Z" }, true],
    ["a function-valued key against a missing one", { f: () => 1, a: 1 }, { a: 1 }, true],
    ["an object without prototype", Object.assign(Object.create(null), { a: 1 }), { a: 1 }, true],
  ])("%s", (_name, a, b, same) => {
    expect(byText(a, b)).toBe(same);
    expect(sameJson(a, b)).toBe(same);
    expect(sameJson(b, a)).toBe(same);
  });

  it("agrees with JSON.stringify on generated near-equal values", () => {
    const random = new SeededRandom(7);
    const leaves = [0, 1, -0, 2.5, Number.NaN, "", "a", "b", true, false, null, undefined];
    const pick = <T>(list: readonly T[]): T => list[random.int(list.length)] as T;
    const make = (depth: number): unknown => {
      const r = random.int(4);
      if (depth > 3 || r === 0) return pick(leaves);
      if (r === 1) return Array.from({ length: random.int(3) }, () => make(depth + 1));
      const o: Record<string, unknown> = {};
      for (const k of ["x", "y", "z"]) if (random.int(2) === 0) o[k] = make(depth + 1);
      return o;
    };
    // A copy with one random leaf (maybe) changed, so about half the pairs serialise alike.
    const mutate = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map((x) => (random.int(4) === 0 ? mutate(x) : x));
      if (v && typeof v === "object")
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, random.int(4) === 0 ? mutate(x) : x]));
      return random.int(2) === 0 ? v : pick(leaves);
    };
    let same = 0;
    for (let i = 0; i < 5000; i++) {
      const a = make(0);
      const b = mutate(a);
      expect(sameJson(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(byText(a, b));
      if (byText(a, b)) same++;
    }
    expect(same).toBeGreaterThan(500);
    expect(same).toBeLessThan(4500);
  });
});
