/**
 * Console rendering of a `Reply`: the plain-text fallback, with buttons turned into choices the
 * person can type, e.g. `[A] 3 pods Running` or `[next] Next`.
 */
import { type Reply, type ReplyBlock, toPlainText } from "../../core/reply.js";

/** What to type for a button id: the letter of an answer, the command of a `cmd:` button. */
export function typedKey(id: string): string {
  const answer = /^drill:answer:([A-D])$/.exec(id);
  if (answer?.[1]) return answer[1];
  const cmd = /^cmd:(.+)$/.exec(id);
  return (cmd?.[1] ?? id).replace(/:/g, " ");
}

/** Renders a reply as terminal text. */
export function renderConsole(r: Reply): string {
  const blocks: ReplyBlock[] = r.blocks.map((b) =>
    b.type === "buttons"
      ? {
          type: "paragraph",
          text: b.buttons
            .map((x) => `[${typedKey(x.id)}] ${x.label}`)
            .join(b.buttons.some((x) => x.id.startsWith("drill:")) ? "\n" : "   "),
        }
      : b,
  );
  return toPlainText({ ...r, blocks });
}
