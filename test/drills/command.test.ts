import { describe, expect, it } from "vitest";
import { answerAction, DEFAULT_REVEAL, parseAnswerAction, parseDrillCommand } from "../../src/drills/command.js";

describe("parseDrillCommand", () => {
  const on = [
    {
      name: "time and zone only: mixed, every day, default reveal",
      text: "drills on 09:00 Europe/Berlin",
      want: { time: "09:00", timeZone: "Europe/Berlin", level: "mixed", weekdays: false, reveal: DEFAULT_REVEAL },
    },
    {
      name: "level, weekdays and a reveal time",
      text: "/kube drills on 7:30 America/New_York level 2 weekdays reveal 17:00",
      want: { time: "07:30", timeZone: "America/New_York", level: 2, weekdays: true, reveal: { at: "17:00" } },
    },
    {
      name: "a bare level number, as Discord's options give it",
      text: "drills on 09:00 UTC 3",
      want: { time: "09:00", timeZone: "UTC", level: 3, weekdays: false, reveal: DEFAULT_REVEAL },
    },
    {
      name: "mixed and a reveal delay",
      text: "drills ON 18:45 Asia/Tokyo mixed reveal 4h",
      want: { time: "18:45", timeZone: "Asia/Tokyo", level: "mixed", weekdays: false, reveal: { after: 4 } },
    },
  ];
  it.each(on)("$name", ({ text, want }) => {
    expect(parseDrillCommand(text)).toEqual({ kind: "on", settings: want });
  });

  const usage = [
    { name: "hour out of range", text: "drills on 25:00 Europe/Berlin", says: '"25:00" is not a time of day' },
    { name: "unknown zone", text: "drills on 09:00 Mars/Olympus", says: '"Mars/Olympus" is not a time zone' },
    { name: "missing zone", text: "drills on 09:00", says: "is not a time zone" },
    { name: "level 8", text: "drills on 09:00 UTC level 8", says: "Levels go from 1 to 7" },
    { name: "stray word", text: "drills on 09:00 UTC sometimes", says: 'I do not understand "sometimes"' },
    { name: "bad reveal", text: "drills on 09:00 UTC reveal soon", says: '"reveal soon"' },
    { name: "unknown sub-command", text: "drills maybe", says: "use drills on, drills off or drills status" },
  ];
  it.each(usage)("$name → a usage answer that names the problem and the syntax", ({ text, says }) => {
    const c = parseDrillCommand(text);
    expect(c?.kind).toBe("usage");
    const message = c?.kind === "usage" ? c.message : "";
    expect(message).toContain(says);
  });

  const others = [
    { text: "drills off", want: { kind: "off" } },
    { text: "drills status", want: { kind: "status" } },
    { text: "drills", want: { kind: "status" } },
    { text: "reveal", want: { kind: "reveal" } },
    { text: "leaderboard", want: { kind: "leaderboard", period: "weekly" } },
    { text: "leaderboard monthly", want: { kind: "leaderboard", period: "monthly" } },
    { text: "leaderboard all", want: { kind: "leaderboard", period: "all" } },
    { text: "team", want: { kind: "team" } },
  ];
  it.each(others)("$text", ({ text, want }) => {
    expect(parseDrillCommand(text)).toEqual(want);
  });

  it.each(["drill", "next", "answer B", "explain pod", "hello there", "team spirit is great"])(
    "%s is not a channel-drill command",
    (text) => {
      expect(parseDrillCommand(text)).toBeUndefined();
    },
  );
});

describe("answer actions", () => {
  it("round-trip through the button id", () => {
    expect(parseAnswerAction(answerAction("k2x9a", "C"))).toEqual({ postId: "k2x9a", letter: "C" });
  });
  it.each(["drill:answer:B", "cdrill:abc:E", "cdrill::A", "whatif:drain:node-a", undefined])("%s is not one", (a) => {
    expect(parseAnswerAction(a)).toBeUndefined();
  });
});
