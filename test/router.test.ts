import { describe, expect, it } from "vitest";
import type { IncomingMessage } from "../src/core/message.js";
import { routeFollowUp, routeMessage } from "../src/router.js";

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

describe("routeFollowUp", () => {
  it.each([
    ["a typed kubectl command", { text: "kubectl cordon node-a" }, { ok: true }],
    ["a plain what-if", { text: "what if node-b goes down" }, { ok: true }],
    ["a what-if it cannot map", { text: "what if it rains" }, { ok: false }],
    [
      "'then apply' with a YAML file",
      { text: "then apply", attachments: [{ filename: "cm.yaml", text: "kind: ConfigMap\n" }] },
      { ok: true, steps: [{ intent: { verb: "apply", manifests: "kind: ConfigMap" }, timing: { mode: "next" } }] },
    ],
  ])("takes %s as a follow-up", (_name, patch, want) => {
    expect(routeFollowUp({ ...base, ...patch } as IncomingMessage)).toMatchObject(want);
  });

  it.each([
    ["a tutor command", { text: "next" }],
    ["a paste", { text: "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}" }],
    [
      "a YAML file with words",
      { text: "kubectl apply this", attachments: [{ filename: "a.yaml", text: "kind: Pod" }] },
    ],
    ["a button", { action: "whatif:drain:node-a", text: "kubectl cordon node-a" }],
  ])("leaves %s to routeMessage", (_name, patch) => {
    expect(routeFollowUp({ ...base, ...patch } as IncomingMessage)).toBeUndefined();
  });
});
