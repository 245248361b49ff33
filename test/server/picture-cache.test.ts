/** The bot's picture cache: base64 pictures by id, bounded by characters, least recently used out. */
import { describe, expect, it } from "vitest";
import { PictureCache } from "../../src/server/picture-cache.js";

describe("PictureCache", () => {
  it("returns what was stored, and nothing for an unknown id", () => {
    const c = new PictureCache(100);
    c.set("a", "AAAA");
    expect(c.get("a")).toBe("AAAA");
    expect(c.get("b")).toBeUndefined();
    expect(c.stats()).toEqual({ entries: 1, chars: 4 });
  });

  it("drops the least recently used first when over budget", () => {
    const c = new PictureCache(100);
    c.set("a", "x".repeat(25));
    c.set("b", "y".repeat(25));
    c.set("c", "z".repeat(25));
    expect(c.get("a")).toBeDefined(); // a is now the most recently used
    c.set("d", "w".repeat(25)); // 100 chars: all fit
    c.set("e", "v".repeat(25)); // 125: b goes
    expect(c.get("b")).toBeUndefined();
    expect(c.get("a")).toBeDefined();
    expect(c.get("e")).toBeDefined();
    expect(c.stats()).toEqual({ entries: 4, chars: 100 });
  });

  it("never holds a picture over a quarter of the budget, nor the same id twice", () => {
    const c = new PictureCache(100);
    c.set("big", "x".repeat(26));
    expect(c.get("big")).toBeUndefined();
    c.set("a", "x".repeat(10));
    c.set("a", "x".repeat(10));
    expect(c.stats()).toEqual({ entries: 1, chars: 10 });
  });
});
