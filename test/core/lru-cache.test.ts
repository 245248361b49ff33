/** The size-bounded LRU map behind the worker's result cache and the bot's reply and picture caches. */
import { describe, expect, it } from "vitest";
import { LruCache } from "../../src/core/lru-cache.js";

const chars = () => new LruCache<string>(100, (s) => s.length);

describe("LruCache", () => {
  it("returns what was stored, and nothing for an unknown key", () => {
    const c = chars();
    c.set("a", "AAAA");
    expect(c.get("a")).toBe("AAAA");
    expect(c.get("b")).toBeUndefined();
    expect(c.stats()).toEqual({ entries: 1, size: 4 });
  });

  it("drops the least recently used first when over budget", () => {
    const c = chars();
    c.set("a", "x".repeat(25));
    c.set("b", "y".repeat(25));
    c.set("c", "z".repeat(25));
    expect(c.get("a")).toBeDefined(); // a is now the most recently used
    c.set("d", "w".repeat(25)); // 100: all fit
    c.set("e", "v".repeat(25)); // 125: b goes
    expect(c.get("b")).toBeUndefined();
    expect(c.get("a")).toBeDefined();
    expect(c.get("e")).toBeDefined();
    expect(c.stats()).toEqual({ entries: 4, size: 100 });
  });

  it("never holds a value over a quarter of the budget, nor the same key twice", () => {
    const c = chars();
    c.set("big", "x".repeat(26));
    expect(c.get("big")).toBeUndefined();
    c.set("a", "x".repeat(10));
    c.set("a", "x".repeat(10));
    expect(c.stats()).toEqual({ entries: 1, size: 10 });
  });

  it("measures values with the size function it was given", () => {
    const c = new LruCache<number[]>(100, (xs) => xs.length * 4);
    c.set("a", [1, 2]);
    c.set("b", [1, 2, 3]);
    expect(c.stats()).toEqual({ entries: 2, size: 20 });
  });
});
