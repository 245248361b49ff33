import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, forRequest, REDACTED } from "../../src/core/logger.js";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { lines, destination };
}

describe("logger", () => {
  it("redacts tokens and secrets at any of the first three levels", () => {
    const { lines, destination } = capture();
    const log = createLogger({ destination, name: "bot" });
    log.info(
      {
        token: "xoxb-1",
        slack: { signingSecret: "s3", botToken: "xoxb-2" },
        req: { headers: { authorization: "Bot abc" } },
        channel: "C1",
      },
      "hello",
    );
    const line = lines[0] as any;
    expect(line.token).toBe(REDACTED);
    expect(line.slack).toEqual({ signingSecret: REDACTED, botToken: REDACTED });
    expect(line.req.headers.authorization).toBe(REDACTED);
    expect(line.channel).toBe("C1");
    expect(JSON.stringify(lines)).not.toMatch(/xoxb-|s3|Bot abc/);
  });

  it("puts the request id on every line logged for a request", () => {
    const { lines, destination } = capture();
    const log = forRequest(createLogger({ destination }), "slack.T1.Ev1");
    log.info("queued");
    log.child({ jobId: "j" }).warn("slow");
    expect(lines.map((l) => l.requestId)).toEqual(["slack.T1.Ev1", "slack.T1.Ev1"]);
  });
});
