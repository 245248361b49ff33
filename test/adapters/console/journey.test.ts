import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runConsole } from "../../../src/adapters/console/index.js";
import { renderConsole } from "../../../src/adapters/console/render.js";
import { defaultContent } from "../../../src/tutor/content.js";
import { LETTERS } from "../../../src/tutor/content-schema.js";
import { MemoryProgressStore } from "../../../src/tutor/progress.js";

const content = defaultContent();

async function drive(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (c: Buffer) => {
    text += c.toString("utf8");
  });
  const done = runConsole({ input, output, store: new MemoryProgressStore() });
  input.end(`${lines.join("\n")}\n`);
  await done;
  return text;
}

/** The whole course, answered from the content's keys, with a few detours a real person takes. */
function journeyScript(): string[] {
  const lines = ["start", "simulate"];
  for (const level of content.levels) {
    for (let i = 1; i < level.lessons.length; i++) lines.push(level.level === 1 && i === 1 ? "nxet" : "next");
    lines.push("next");
    level.drills.forEach((d, i) => {
      if (level.level === 2 && i === 0)
        lines.push(
          "apiVersion: v1",
          "kind: Pod",
          "metadata: {name: side}",
          "spec: {containers: [{name: c, image: nginx}]}",
          "",
        );
      const text = d.choices[LETTERS.indexOf(d.answer)]!.text;
      lines.push(level.level === 3 && i === 0 ? text : d.answer.toLowerCase(), "next");
    });
    for (const d of level.checkpoint.drills) lines.push(d.answer);
    if (level.level === 1) lines.push("FOUNDRY", "progress");
    lines.push(level.unlockWord.toLowerCase());
  }
  lines.push("quit");
  return lines;
}

describe("console adapter", () => {
  it("renders answer buttons as typeable choices", () => {
    const out = renderConsole({
      blocks: [
        {
          type: "buttons",
          buttons: [
            { id: "drill:answer:A", label: "3 pods", style: "secondary" },
            { id: "cmd:next", label: "Next", style: "primary" },
          ],
        },
      ],
    });
    expect(out).toContain("[A] 3 pods");
    expect(out).toContain("[next] Next");
  });

  it("a scripted journey goes from onboarding to the end of Level 7", async () => {
    const out = await drive(journeyScript());
    expect(out.startsWith("== Welcome to podsensei ==")).toBe(true);
    let at = 0;
    for (const level of content.levels) {
      const i = out.indexOf(`Say ${level.unlockWord} to continue.`, at);
      expect(i, `unlock prompt of level ${level.level}`).toBeGreaterThan(at);
      at = i;
    }
    expect(out.indexOf("Course complete")).toBeGreaterThan(at);
    const answered = content.levels.reduce((n, l) => n + l.drills.length + l.checkpoint.drills.length, 0);
    expect(out.match(/^Right: /gm)?.length).toBe(answered);
    expect(out).not.toMatch(/^Not quite/m);
    expect(out).toContain("Simulating your manifests. Your place is kept");
    expect(out).toMatch(/Not yet, but you are on your way! FOUNDRY is earned at the end of Level 3/);
    expect(out).toContain("== Your progress ==");
    expect(out).toContain("Bye!");
  });

  it("quits on `quit` and keeps answering until then", async () => {
    const out = await drive(["help", "quit", "start"]);
    expect(out).toContain("== Commands ==");
    expect(out).not.toContain("Lesson 1/");
  });
});
