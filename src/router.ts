/**
 * The router: what an `IncomingMessage` is. A button click or text becomes a tutor command, a drill
 * answer, or manifests to simulate (pasted YAML or a YAML attachment); typed text may also be a
 * "what if" follow-up to the conversation's last paste ({@link routeFollowUp}). Pure: the caller
 * supplies the open question's choices and the unlock words.
 */
import { type FollowUpParse, parseFollowUp } from "./bot/follow-up.js";
import type { IncomingMessage } from "./core/message.js";
import { type CommandName, looksLikeManifest, type ParseContext, parseCommand, stripFence } from "./tutor/commands.js";
import { LETTERS, type Letter } from "./tutor/content-schema.js";

/** Where a message goes. */
export type Route =
  | { kind: "simulate"; manifests: string }
  | { kind: "answer"; letter: Letter }
  | { kind: "command"; command: Exclude<CommandName, "answer" | "paste">; arg?: string };

const YAML_FILE = /\.(ya?ml|json)$/i;

function fromAction(action: string): Route | undefined {
  const answer = /^drill:answer:([A-D])$/.exec(action);
  if (answer?.[1]) return { kind: "answer", letter: answer[1] as Letter };
  const cmd = /^cmd:([a-z-]+)(?::(.*))?$/.exec(action);
  if (!cmd?.[1]) return undefined;
  const parsed = parseCommand(cmd[2] ? `${cmd[1]} ${cmd[2]}` : cmd[1], { unlockWords: [] });
  return parsed.name === "answer" || parsed.name === "paste"
    ? undefined
    : { kind: "command", command: parsed.name, ...(parsed.arg !== undefined ? { arg: parsed.arg } : {}) };
}

function yamlAttachments(msg: IncomingMessage) {
  return msg.attachments.filter((a) => YAML_FILE.test(a.filename) || looksLikeManifest(a.text));
}

/**
 * The "what if" follow-up a typed message asks for (`kubectl drain node-b`, "what if node-b goes
 * down", "then apply" with YAML), or undefined when it is none: then {@link routeMessage} decides.
 */
export function routeFollowUp(msg: IncomingMessage): FollowUpParse | undefined {
  if (msg.action) return undefined;
  return parseFollowUp(
    msg.text,
    yamlAttachments(msg)
      .map((f) => f.text.trim())
      .join("\n---\n"),
  );
}

/** Routes one message. Never throws: anything unrecognised is the `unknown` command. */
export function routeMessage(msg: IncomingMessage, ctx: ParseContext): Route {
  if (msg.action) {
    const r = fromAction(msg.action);
    if (r) return r;
  }
  const files = yamlAttachments(msg);
  if (files.length > 0) return { kind: "simulate", manifests: files.map((f) => f.text.trim()).join("\n---\n") };
  const c = parseCommand(msg.text, ctx);
  if (c.name === "paste") return { kind: "simulate", manifests: c.arg ?? stripFence(msg.text) };
  if (c.name === "answer" && LETTERS.includes(c.arg as Letter)) return { kind: "answer", letter: c.arg as Letter };
  if (c.name === "answer") return { kind: "command", command: "unknown", arg: msg.text };
  return { kind: "command", command: c.name, ...(c.arg !== undefined ? { arg: c.arg } : {}) };
}
