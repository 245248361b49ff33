import { describe, expect, it } from "vitest";
import { allDrills, defaultContent } from "../../src/tutor/content.js";
import { checkDrill, contentStats } from "../../src/tutor/content-check.js";

const content = defaultContent();

describe("content", () => {
  it("has 7 levels, at least 42 lessons, 70 drills and 5 checkpoint drills per level", () => {
    const stats = contentStats(content, { ok: true, verdicts: [] });
    expect(stats.levels).toBe(7);
    expect(stats.lessons).toBeGreaterThanOrEqual(42);
    expect(stats.drills).toBeGreaterThanOrEqual(70);
    for (const l of content.levels) {
      expect(l.lessons.length).toBeGreaterThanOrEqual(6);
      expect(l.drills.length).toBeGreaterThanOrEqual(10);
      expect(l.checkpoint.drills.length).toBeGreaterThanOrEqual(5);
    }
    expect(content.levels.at(-1)?.unlockWord).toBe("EXPERT");
  });

  it("every lesson stays chat-sized", () => {
    for (const l of content.levels.flatMap((x) => x.lessons)) {
      const words = l.body.split(/\s+/).filter(Boolean).length;
      expect(words, l.id).toBeGreaterThanOrEqual(50);
      expect(words, l.id).toBeLessThanOrEqual(200);
    }
  });

  // The content can never teach what the simulator contradicts.
  it.each(allDrills(content).map((d) => ({ id: d.drill.id, drill: d.drill })))(
    "drill $id agrees with the simulator",
    ({ drill }) => {
      expect(checkDrill(drill).problems).toEqual([]);
    },
  );
});
