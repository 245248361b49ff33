import { describe, expect, it } from "vitest";
import { type ChoiceInput, chooseDrill, NO_REPEAT_DAYS } from "../../src/drills/choose.js";
import { allDrills, defaultContent } from "../../src/tutor/content.js";

const drills = allDrills(defaultContent());
const now = new Date("2026-10-20T07:00:00Z");
const DAY = 86_400_000;
const base = (over: Partial<ChoiceInput> = {}): ChoiceInput => ({
  drills,
  level: 2,
  posted: new Map(),
  topics: {},
  due: new Set(),
  now,
  seed: 1,
  ...over,
});

describe("chooseDrill", () => {
  it("is deterministic for a seed and stays in the level", () => {
    const a = chooseDrill(base({ seed: 42 }));
    expect(chooseDrill(base({ seed: 42 }))?.drill.id).toBe(a?.drill.id);
    for (let seed = 0; seed < 50; seed++) expect(chooseDrill(base({ seed }))?.level).toBe(2);
  });

  it(`never repeats a drill posted within ${NO_REPEAT_DAYS} days, and allows it after`, () => {
    const level2 = drills.filter((d) => d.level === 2);
    const keep = level2[0]?.drill.id ?? "";
    const recent = new Map(level2.slice(1).map((d) => [d.drill.id, now.getTime() - 5 * DAY]));
    for (let seed = 0; seed < 20; seed++) expect(chooseDrill(base({ posted: recent, seed }))?.drill.id).toBe(keep);
    const old = new Map(level2.map((d) => [d.drill.id, now.getTime() - NO_REPEAT_DAYS * DAY]));
    expect(chooseDrill(base({ posted: old }))?.level).toBe(2);
  });

  it("borrows from the nearest easier level when the level ran dry", () => {
    const posted = new Map(drills.filter((d) => d.level === 2).map((d) => [d.drill.id, now.getTime() - DAY]));
    expect(chooseDrill(base({ posted }))?.level).toBe(1);
  });

  it("asks weak topics more often", () => {
    const level2 = drills.filter((d) => d.level === 2);
    const weak = level2[0]?.drill.topic ?? "";
    const share = (topics: ChoiceInput["topics"]) => {
      let hits = 0;
      for (let seed = 0; seed < 400; seed++) if (chooseDrill(base({ topics, seed }))?.drill.topic === weak) hits++;
      return hits;
    };
    expect(share({ [weak]: { right: 0, total: 10 } })).toBeGreaterThan(
      share({ [weak]: { right: 10, total: 10 } }) * 1.5,
    );
  });

  it("mixes levels by the exam's domain weights: troubleshooting leads", () => {
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 600; seed++) {
      const d = chooseDrill(base({ level: "mixed", seed }));
      for (const dom of d?.drill.domains ?? []) counts.set(dom, (counts.get(dom) ?? 0) + 1);
    }
    expect(new Set([...counts.keys()]).size).toBeGreaterThan(6);
    expect(counts.get("cka:troubleshooting") ?? 0).toBeGreaterThan(counts.get("cka:storage") ?? 0);
  });
});
