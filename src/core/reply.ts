/**
 * `Reply`: the platform-neutral answer document. Adapters render it (Slack Block Kit, Discord
 * embeds, plain console text); nothing else knows a platform. The zod schema guards the `deliver`
 * job boundary.
 */
import { z } from "zod";

export const replyButtonSchema = z.object({
  /** Stable id the adapter sends back when the button is clicked, e.g. `drill:answer:B`. */
  id: z.string().min(1).max(100),
  label: z.string().min(1).max(80),
  style: z.enum(["primary", "secondary", "danger"]).default("secondary"),
});

export const replyBlockSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("heading"), text: z.string() }),
  z.object({ type: z.literal("paragraph"), text: z.string() }),
  z.object({ type: z.literal("code"), text: z.string(), language: z.string().optional() }),
  z.object({ type: z.literal("table"), header: z.array(z.string()), rows: z.array(z.array(z.string())) }),
  z.object({ type: z.literal("buttons"), buttons: z.array(replyButtonSchema).max(25) }),
  z.object({ type: z.literal("context"), text: z.string() }),
  z.object({ type: z.literal("divider") }),
]);

export const replyImageSchema = z.object({
  filename: z.string(),
  /** PNG bytes, base64-encoded so the reply survives JSON job payloads. */
  pngBase64: z.string(),
  alt: z.string(),
});

export const replySchema = z.object({
  blocks: z.array(replyBlockSchema),
  image: replyImageSchema.optional(),
  /** Only the asking user should see it (Slack ephemeral, Discord ephemeral flag). */
  private: z.boolean().optional(),
});

export type ReplyButton = z.infer<typeof replyButtonSchema>;
export type ReplyBlock = z.infer<typeof replyBlockSchema>;
export type Reply = z.infer<typeof replySchema>;

/** Builds a reply from blocks. */
export function reply(...blocks: ReplyBlock[]): Reply {
  return { blocks };
}

/** A reply holding one paragraph. */
export function textReply(text: string): Reply {
  return { blocks: [{ type: "paragraph", text }] };
}

/** Renders a table as aligned monospace text (used by plain-text fallbacks). */
export function tableToText(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("   ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/** The plain-text fallback of a reply: what the console prints and what notifications show. */
export function toPlainText(r: Reply): string {
  const parts: string[] = [];
  for (const b of r.blocks) {
    switch (b.type) {
      case "heading":
        parts.push(`== ${b.text} ==`);
        break;
      case "paragraph":
      case "context":
        parts.push(b.text);
        break;
      case "code":
        parts.push(b.text);
        break;
      case "table":
        parts.push(tableToText(b.header, b.rows));
        break;
      case "buttons":
        parts.push(b.buttons.map((x) => `[${x.label}]`).join("  "));
        break;
      case "divider":
        parts.push("----");
        break;
    }
  }
  if (r.image) parts.push(`(picture: ${r.image.filename})`);
  return parts.join("\n\n");
}
