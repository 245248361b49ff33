/**
 * The `podsensei` command: `simulate` (the CONTRACT.md simulator), `chat` (the console tutor,
 * also `npm start`), `serve` (the chat bot), `worker` (the job worker), `content` (content stats
 * and checks).
 */

import { runWorker } from "../worker/index.js";
import { runConsole } from "./adapters/console/index.js";
import { contentCommand } from "./cli/content-command.js";
import { simulateCommand } from "./cli/simulate-command.js";
import { runUntilSignal } from "./server/lifecycle.js";
import { runServe } from "./server/serve.js";

const USAGE = `usage: podsensei <command> [options]

commands:
  simulate [FILE ...]   predict what a cluster does with manifests (see --help)
  chat                  the console tutor (same as npm start)
  content stats|check   curriculum counts; re-simulate every drill against its answer
  serve                 the chat bot (Slack and/or Discord, by their tokens; needs REDIS_URL)
  worker                the simulation worker (needs REDIS_URL)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const io = { stdout: (t: string) => process.stdout.write(t), stderr: (t: string) => process.stderr.write(t) };
  switch (command) {
    case "simulate":
      return simulateCommand(rest, io);
    case "chat":
      await runConsole({ input: process.stdin, output: process.stdout });
      return 0;
    case "content":
      return contentCommand(rest, io);
    case "serve":
      return runUntilSignal("bot", (config, logger) => runServe(config, { logger }));
    case "worker":
      return runUntilSignal("worker", (config, logger) => runWorker(config, { logger }));
    case undefined:
    case "help":
    case "--help":
    case "-h":
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.stderr(`error: unknown command ${JSON.stringify(command)}\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 70;
  },
);
