// A bot process for crash tests: `podsensei serve` with a loopback platform that appends each
// delivered reply to LOOPBACK_FILE as a JSON line, so the test can count replies across restarts.
import { appendFileSync } from "node:fs";
import { runUntilSignal } from "../../../src/server/lifecycle.js";
import { runServe } from "../../../src/server/serve.js";

const file = process.env.LOOPBACK_FILE as string;
process.exit(
  await runUntilSignal("bot", (config, logger) =>
    runServe(config, {
      logger,
      adapters: [
        {
          platform: "console",
          send: async (_address, reply, ctx) => {
            appendFileSync(file, `${JSON.stringify({ deliveryId: ctx.deliveryId, pid: process.pid, reply })}\n`);
          },
        },
      ],
    }),
  ),
);
