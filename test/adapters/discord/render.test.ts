import { describe, expect, it } from "vitest";
import { DISCORD_LIMITS } from "../../../src/adapters/discord/limits.js";
import { LONG_ANSWER_FILE, renderDiscord, splitLines } from "../../../src/adapters/discord/render.js";
import type { Reply, ReplyButton } from "../../../src/core/reply.js";

const embedChars = (m: ReturnType<typeof renderDiscord>) =>
  m.embeds.reduce((n, e) => n + (e.title ?? "").length + (e.description ?? "").length, 0);

const buttons = (n: number, prefix = "b"): ReplyButton[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}:${i}`, label: `${prefix} ${i}`, style: "secondary" as const }));

describe("renderDiscord", () => {
  it("turns a first heading into the title and the rest into Markdown with fenced code and tables", () => {
    const m = renderDiscord({
      blocks: [
        { type: "heading", text: "Pods" },
        { type: "paragraph", text: "**Bold** text" },
        { type: "code", text: "kind: Pod", language: "yaml" },
        { type: "table", header: ["NAME", "READY"], rows: [["web", "1/1"]] },
        { type: "context", text: "note" },
      ],
    });
    expect(m.embeds).toHaveLength(1);
    expect(m.embeds[0]!.title).toBe("Pods");
    expect(m.embeds[0]!.description).toBe(
      "**Bold** text\n\n```yaml\nkind: Pod\n```\n\n```\nNAME   READY\nweb    1/1\n```\n\n*note*",
    );
    expect(m.allowed_mentions).toEqual({ parse: [] });
    expect(m.files).toEqual([]);
  });

  it.each([
    { name: "3 buttons → 1 row", blocks: [buttons(3)], rows: [3], leftOver: 0 },
    { name: "7 buttons → 5 + 2", blocks: [buttons(7)], rows: [5, 2], leftOver: 0 },
    { name: "two blocks start their own rows", blocks: [buttons(2, "x"), buttons(2, "y")], rows: [2, 2], leftOver: 0 },
    {
      name: "past 5 rows the rest is listed as text",
      blocks: [buttons(25, "x"), buttons(2, "y")],
      rows: [5, 5, 5, 5, 5],
      leftOver: 2,
    },
  ])("buttons: $name", ({ blocks, rows, leftOver }) => {
    const m = renderDiscord({ blocks: blocks.map((b) => ({ type: "buttons" as const, buttons: b })) });
    expect(m.components.map((r) => r.components.length)).toEqual(rows);
    const note = m.embeds.map((e) => e.description ?? "").join("");
    if (leftOver > 0) expect(note).toContain("More choices (type one): y 0 · y 1");
    else expect(note).not.toContain("More choices");
    expect(m.components.flat().every((r) => r.components.every((b) => b.style >= 1 && b.style <= 4))).toBe(true);
  });

  it("keeps a hostile triple backtick from closing the code block", () => {
    const m = renderDiscord({ blocks: [{ type: "code", text: 'a: "```"\n@everyone' }] });
    const d = m.embeds[0]!.description!;
    expect(d.match(/```/g)).toHaveLength(2);
    expect(m.allowed_mentions.parse).toEqual([]);
  });

  it("splits a long code block over embeds, each fenced and within the limits", () => {
    const line = "x".repeat(99);
    const m = renderDiscord({ blocks: [{ type: "code", text: Array(50).fill(line).join("\n") }] });
    expect(m.files).toEqual([]);
    expect(m.embeds.length).toBeGreaterThan(1);
    for (const e of m.embeds) {
      expect(e.description!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
      expect(e.description!.startsWith("```\n") && e.description!.endsWith("\n```")).toBe(true);
    }
    expect(embedChars(m)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  });

  it("attaches an answer longer than a message whole, and says so in the message", () => {
    const rows = Array.from({ length: 400 }, (_, i) => [`pod-${i}`, "Running"]);
    const r: Reply = {
      blocks: [
        { type: "heading", text: "Big" },
        { type: "table", header: ["NAME", "STATUS"], rows },
      ],
    };
    const m = renderDiscord(r);
    expect(embedChars(m)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    expect(m.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
    const file = m.files.find((f) => f.name === LONG_ANSWER_FILE);
    expect(file?.data.toString("utf8")).toContain("pod-399");
    expect(m.embeds.at(-1)!.description).toContain(`attached file ${LONG_ANSWER_FILE}`);
  });

  it("attaches the cluster picture and shows it in the last embed", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const m = renderDiscord({
      blocks: [{ type: "paragraph", text: "see" }],
      image: { filename: "cluster map.png", pngBase64: png.toString("base64"), alt: "three nodes" },
    });
    expect(m.files).toEqual([{ name: "cluster_map.png", data: png, contentType: "image/png" }]);
    expect(m.embeds[0]!.image).toEqual({ url: "attachment://cluster_map.png" });
  });
});

describe("splitLines", () => {
  it.each([
    { text: "a\nb\nc", max: 3, want: ["a\nb", "c"] },
    { text: "abcdefg", max: 3, want: ["abc", "def", "g"] },
    { text: "", max: 3, want: [""] },
  ])("$text at $max", ({ text, max, want }) => {
    expect(splitLines(text, max)).toEqual(want);
  });
});
