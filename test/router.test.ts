import { describe, expect, it } from "vitest";
import type { IncomingMessage } from "../src/core/message.js";
import { routeMessage } from "../src/router.js";

const base: IncomingMessage = {
  eventId: "e1",
  platform: "slack",
  workspace: "T1",
  channel: "D1",
  user: "U1",
  direct: true,
  text: "",
  attachments: [],
};
const ctx = { unlockWords: ["CAPTAIN"], choices: ["Pending", "Running"] };

describe("routeMessage", () => {
  it.each([
    ["a button answer", { action: "drill:answer:C" }, { kind: "answer", letter: "C" }],
    ["a command button", { action: "cmd:next" }, { kind: "command", command: "next" }],
    ["a typed letter", { text: "b" }, { kind: "answer", letter: "B" }],
    ["a choice's text", { text: "running" }, { kind: "answer", letter: "B" }],
    ["a command with a typo", { text: "progrss" }, { kind: "command", command: "progress" }],
    ["an unlock word", { text: "Captain" }, { kind: "command", command: "word", arg: "CAPTAIN" }],
    [
      "pasted YAML",
      { text: "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}" },
      { kind: "simulate", manifests: "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}" },
    ],
    [
      "a YAML attachment",
      { text: "please check", attachments: [{ filename: "app.yaml", text: "kind: Pod\n" }] },
      { kind: "simulate", manifests: "kind: Pod" },
    ],
    [
      "an unknown button falls back to the text",
      { action: "weird", text: "help" },
      { kind: "command", command: "help" },
    ],
    [
      "a letter beyond D is not an answer",
      { text: "answer z" },
      { kind: "command", command: "unknown", arg: "answer z" },
    ],
  ])("%s", (_name, patch, want) => {
    expect(routeMessage({ ...base, ...patch } as IncomingMessage, ctx)).toEqual(want);
  });
});
