import { describe, expect, it } from "vitest";
import { addressOf, decodeAddress, encodeAddress, type ReplyAddress } from "../../src/core/address.js";

describe("ReplyAddress", () => {
  const cases: { name: string; address: ReplyAddress; text: string }[] = [
    { name: "channel only", address: { platform: "slack", workspace: "T1", channel: "C1" }, text: "slack:T1:C1" },
    {
      name: "thread",
      address: { platform: "slack", workspace: "T1", channel: "C1", thread: "1700000000.000100" },
      text: "slack:T1:C1:1700000000.000100",
    },
    {
      name: "user without thread",
      address: { platform: "discord", workspace: "", channel: "42", user: "7" },
      text: "discord::42::7",
    },
    {
      name: "ids containing ':' and '%'",
      address: { platform: "console", workspace: "a:b", channel: "c%d", thread: "t", user: "u:1" },
      text: "console:a%3Ab:c%25d:t:u%3A1",
    },
  ];
  it.each(cases)("round-trips $name", ({ address, text }) => {
    expect(encodeAddress(address)).toBe(text);
    expect(decodeAddress(text)).toEqual({ ok: true, address });
  });

  const bad: { text: string; message: RegExp }[] = [
    { text: "slack:T1", message: /3 to 5/ },
    { text: "irc:T1:C1", message: /platform/ },
    { text: "slack:T1:%E0%A4%A", message: /malformed/ },
    { text: "slack:T1:", message: /channel/ },
  ];
  it.each(bad)("refuses $text with a reason, without throwing", ({ text, message }) => {
    const r = decodeAddress(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("answers a message in its thread, to its user", () => {
    const msg = {
      eventId: "E1",
      platform: "slack",
      workspace: "T1",
      channel: "C1",
      thread: "9.1",
      user: "U1",
      direct: false,
      text: "",
      attachments: [],
    } as const;
    expect(addressOf({ ...msg, attachments: [] })).toEqual({
      platform: "slack",
      workspace: "T1",
      channel: "C1",
      thread: "9.1",
      user: "U1",
    });
  });
});
