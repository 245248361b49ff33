import { describe, expect, it } from "vitest";
import { SLACK_LIMITS } from "../../../src/adapters/slack/limits.js";
import { ANSWER_FILENAME, escapeMrkdwn, renderSlack, splitText, toMrkdwn } from "../../../src/adapters/slack/render.js";
import type { Reply } from "../../../src/core/reply.js";

type Block = { type: string; text?: { text: string }; elements?: Array<Record<string, unknown>> };

function texts(blocks: unknown[]): string[] {
  return (blocks as Block[]).flatMap((b) => [
    ...(b.text ? [b.text.text] : []),
    ...(b.elements ?? []).flatMap((e) => (typeof e.text === "string" ? [e.text] : [])),
  ]);
}

/** Every limit of limits.ts, checked on one rendered message. */
function expectWithinLimits(m: { blocks: unknown[]; text: string }) {
  expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  expect(m.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  let total = 0;
  for (const b of m.blocks as Block[]) {
    if (b.type === "section") expect(b.text?.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    if (b.type === "header") expect(b.text?.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    total += texts([b]).join("").length;
  }
  expect(total).toBeLessThanOrEqual(SLACK_LIMITS.textPerMessage);
}

/** The code text of every preformatted section, fences removed and entities restored. */
function codeOf(messages: Array<{ blocks: unknown[] }>): string[] {
  return messages.flatMap((m) =>
    texts(m.blocks)
      .filter((t) => t.startsWith("```\n"))
      .map((t) => t.slice(4, -4).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")),
  );
}

describe("Slack rendering", () => {
  it("maps each Reply block to its Block Kit block", () => {
    const r: Reply = {
      blocks: [
        { type: "heading", text: "What the cluster would do" },
        { type: "paragraph", text: "Say **next** or see [docs](https://kubernetes.io/docs/)." },
        { type: "code", text: "$ kubectl get pods\nNAME  READY" },
        { type: "table", header: ["NAME", "STATUS"], rows: [["web-1", "Running"]] },
        {
          type: "buttons",
          buttons: [
            { id: "whatif:drain:node-a", label: "Drain node-a", style: "secondary" },
            { id: "whatif:node-down:node-a", label: "node-a goes down", style: "danger" },
          ],
        },
        { type: "context", text: "Simulated 600s on 3 node(s)." },
        { type: "divider" },
      ],
    };
    const { messages, file } = renderSlack(r);
    expect(file).toBeUndefined();
    expect(messages).toHaveLength(1);
    expect(messages[0]?.blocks).toEqual([
      { type: "header", text: { type: "plain_text", text: "What the cluster would do", emoji: true } },
      { type: "section", text: { type: "mrkdwn", text: "Say *next* or see <https://kubernetes.io/docs/|docs>." } },
      { type: "section", text: { type: "mrkdwn", text: "```\n$ kubectl get pods\nNAME  READY\n```" } },
      { type: "section", text: { type: "mrkdwn", text: "```\nNAME    STATUS\nweb-1   Running\n```" } },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Drain node-a", emoji: true },
            action_id: "whatif:drain:node-a",
            value: "whatif:drain:node-a",
          },
          {
            type: "button",
            text: { type: "plain_text", text: "node-a goes down", emoji: true },
            action_id: "whatif:node-down:node-a",
            value: "whatif:node-down:node-a",
            style: "danger",
          },
        ],
      },
      { type: "context", elements: [{ type: "mrkdwn", text: "Simulated 600s on 3 node(s)." }] },
      { type: "divider" },
    ]);
    expect(messages[0]?.text).toContain("What the cluster would do");
  });

  it("escapes hostile text so a paste can neither ping the channel nor end a code block", () => {
    const hostile = 'name: "<!channel> & <@U123|boss> ```\nbreak out```"';
    const { messages } = renderSlack({
      blocks: [
        { type: "paragraph", text: hostile },
        { type: "code", text: hostile },
        { type: "context", text: hostile },
      ],
    });
    const all = texts(messages[0]?.blocks ?? []);
    for (const t of all) {
      expect(t).not.toContain("<!channel>");
      expect(t).not.toContain("<@U123");
      expect(t).toContain("&lt;!channel&gt; &amp; &lt;@U123|boss&gt;");
    }
    const code = all[1] ?? "";
    expect(code.startsWith("```\n") && code.endsWith("\n```")).toBe(true);
    expect(code.slice(4, -4)).not.toContain("```");
  });

  it("splits a long code block across sections and messages without losing a line", () => {
    const lines = Array.from(
      { length: 600 },
      (_, i) => `web-${String(i).padStart(4, "0")}   1/1   Running   0   10m   node-a <&>`,
    );
    const { messages, file } = renderSlack({
      blocks: [
        { type: "heading", text: "Pods" },
        { type: "code", text: lines.join("\n") },
      ],
    });
    expect(file).toBeUndefined();
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expectWithinLimits(m);
    expect(codeOf(messages).join("\n")).toBe(lines.join("\n"));
    expect(texts(messages[1]?.blocks ?? [])[0]).toBe(`(continued, part 2 of ${messages.length})`);
  });

  it("splits a single over-long line inside, keeping every character", () => {
    const line = "x".repeat(7000);
    const { messages } = renderSlack({ blocks: [{ type: "code", text: line }] });
    expect(codeOf(messages).join("")).toBe(line);
    for (const m of messages) expectWithinLimits(m);
  });

  it("turns an answer longer than the message budget into a file, keeping heading and buttons", () => {
    const body = Array.from({ length: 4000 }, (_, i) => `line ${i} ${"y".repeat(20)}`).join("\n");
    const r: Reply = {
      blocks: [
        { type: "heading", text: "What the cluster would do" },
        { type: "code", text: body },
        {
          type: "buttons",
          buttons: [{ id: "whatif:scale:deployment/web", label: "Scale web up", style: "secondary" }],
        },
      ],
    };
    const { messages, file } = renderSlack(r);
    expect(messages).toHaveLength(1);
    expectWithinLimits(messages[0]!);
    expect(file?.filename).toBe(ANSWER_FILENAME);
    expect(file?.content).toContain(body);
    const t = texts(messages[0]?.blocks ?? []).join("\n");
    expect(t).toContain(`attached in this thread as \`${ANSWER_FILENAME}\``);
    expect(JSON.stringify(messages[0]?.blocks)).toContain("whatif:scale:deployment/web");
  });

  it("groups more than 25 buttons into several actions blocks and shortens labels to 75", () => {
    const buttons = Array.from({ length: 25 }, (_, i) => ({
      id: `cmd:level:${i}`,
      label: `L${i} ${"z".repeat(90)}`,
      style: "secondary" as const,
    }));
    const { messages } = renderSlack({
      blocks: [
        { type: "buttons", buttons },
        { type: "buttons", buttons: buttons.slice(0, 3) },
      ],
    });
    const actions = ((messages[0]?.blocks ?? []) as Block[]).filter((b) => b.type === "actions");
    expect(actions.map((a) => a.elements?.length)).toEqual([25, 3]);
    for (const a of actions)
      for (const e of a.elements ?? [])
        expect((e.text as { text: string }).text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonLabel);
  });

  it.each([
    { text: "a\nbb\nccc", max: 4, want: ["a\nbb", "ccc"] },
    { text: "abcdefghij", max: 4, want: ["abcd", "efgh", "ij"] },
    { text: "", max: 4, want: [""] },
  ])("splitText($text, $max)", ({ text, max, want }) => {
    expect(splitText(text, max)).toEqual(want);
  });

  it("measures escaped length when splitting, so entities never overflow a section", () => {
    const pieces = splitText("<".repeat(10), 8, (s) => escapeMrkdwn(s).length);
    expect(pieces).toEqual(["<<", "<<", "<<", "<<", "<<"]);
    expect(toMrkdwn("a <b> & **c**")).toBe("a &lt;b&gt; &amp; *c*");
  });
});
