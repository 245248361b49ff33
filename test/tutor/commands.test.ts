import { describe, expect, it } from "vitest";
import { looksLikeManifest, parseCommand } from "../../src/tutor/commands.js";

const ctx = {
  unlockWords: ["CAPTAIN", "EXPERT"],
  choices: ["3 run, 1 stays Pending with Insufficient cpu", "All 4 run; requests are only hints"],
};

describe("parseCommand", () => {
  it.each([
    ["next", { name: "next" }],
    ["nxet", { name: "next" }],
    ["netx", { name: "next" }],
    ["continue", { name: "next" }],
    ["hlep", { name: "help" }],
    ["progres", { name: "progress" }],
    ["simualte", { name: "simulate" }],
    ["chekpoint", { name: "checkpoint" }],
    ["previous", { name: "back" }],
    ["start over", { name: "reset" }],
    ["yes", { name: "confirm" }],
    ["what is a pod?", { name: "explain", arg: "pod" }],
    ["explain taint", { name: "explain", arg: "taint" }],
    ["go to level 3", { name: "level", arg: "3" }],
    ["lvl 2", { name: "level", arg: "2" }],
    ["B", { name: "answer", arg: "B" }],
    ["answer c", { name: "answer", arg: "C" }],
    ["(d)", { name: "answer", arg: "D" }],
    ["all 4 run", { name: "answer", arg: "B" }],
    ["answer 3 run 1 pending", { name: "answer", arg: "A" }],
    ["captain", { name: "word", arg: "CAPTAIN" }],
    ["Expert!", { name: "word", arg: "EXPERT" }],
    ["the weather is nice today", { name: "unknown", arg: "the weather is nice today" }],
  ])("%s", (input, want) => {
    expect(parseCommand(input, ctx)).toEqual(want);
  });

  it("treats pasted YAML as a manifest, fenced or not", () => {
    const yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: a}";
    expect(parseCommand(yaml, ctx)).toEqual({ name: "paste", arg: yaml });
    expect(parseCommand("```yaml\n" + yaml + "\n```", ctx)).toEqual({ name: "paste", arg: yaml });
    expect(looksLikeManifest("kind: is a word")).toBe(false);
  });
});
