import { describe, expect, it } from "vitest";
import { deliverPayloadSchema, parsePayload, requestIdSchema, simulatePayloadSchema } from "../../src/jobs/payloads.js";
import { JOB_OPTIONS, requestIdFor } from "../../src/jobs/queues.js";

describe("requestIdFor", () => {
  it("is stable for a retried event and distinct across events", () => {
    expect(requestIdFor("slack", "T1", "Ev1")).toBe(requestIdFor("slack", "T1", "Ev1"));
    const ids = [
      requestIdFor("slack", "T1", "Ev1"),
      requestIdFor("slack", "T1", "Ev2"),
      requestIdFor("slack", "T1.Ev1", ""),
      requestIdFor("slack", "T1_2EEv1", ""),
      requestIdFor("discord", "T1", "Ev1"),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("makes ids BullMQ accepts (no ':', never an integer) and the payload schema accepts", () => {
    const id = requestIdFor("slack", "T:1", "1700000000.000100");
    expect(id).toBe("slack.T_3A1.1700000000_2E000100");
    expect(requestIdSchema.safeParse(id).success).toBe(true);
    expect(requestIdFor("discord", "é", "1")).toBe("discord._C3_A9.1");
  });

  it("never retries a job forever", () => {
    for (const o of Object.values(JOB_OPTIONS)) expect(o.attempts).toBeLessThanOrEqual(8);
  });
});

describe("payloads", () => {
  const address = { platform: "slack", workspace: "T1", channel: "C1" };
  it("accepts a well-formed simulate job and reports every problem of a bad one", () => {
    expect(
      parsePayload(simulatePayloadSchema, { v: 1, requestId: "a.b", address, manifests: "x", enqueuedAt: 1 }).ok,
    ).toBe(true);
    const bad = parsePayload(simulatePayloadSchema, { v: 2, requestId: "a:b", address, manifests: 5, enqueuedAt: -1 });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      for (const field of ["v", "requestId", "manifests", "enqueuedAt"]) expect(bad.message).toContain(field);
  });
  it("checks the reply inside a deliver job", () => {
    const r = parsePayload(deliverPayloadSchema, {
      v: 1,
      requestId: "a",
      address,
      reply: { blocks: [{ type: "nope" }] },
      outcome: "result",
      enqueuedAt: 0,
    });
    expect(r.ok).toBe(false);
  });
  it("takes a deliver job's reply inline or stored by content id, exactly one of them", () => {
    const base = { v: 1, requestId: "r", address, outcome: "result", enqueuedAt: 1 };
    const reply = { blocks: [{ type: "paragraph", text: "x" }] };
    const id = "A".repeat(43);
    const ok = (p: object) => parsePayload(deliverPayloadSchema, p).ok;
    expect(ok({ ...base, reply })).toBe(true);
    expect(ok({ ...base, storedReply: { id } })).toBe(true);
    expect(ok({ ...base, reply, storedReply: { id } })).toBe(false);
    expect(ok(base)).toBe(false);
    expect(ok({ ...base, storedReply: { id: "../x" } })).toBe(false);
  });
});
