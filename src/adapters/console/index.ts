/**
 * The console adapter: the tutor in a terminal (`npm start`, `podsensei chat`). One line is one
 * message; YAML (a line starting `apiVersion:`, `kind:`, `---` or a code fence) is collected until
 * an empty line and simulated in-process. Progress lives in memory unless a store is given.
 */
import { createInterface } from "node:readline";
import type { IncomingMessage } from "../../core/message.js";
import type { Reply } from "../../core/reply.js";
import { simulationReply } from "../../sandbox/render/reply.js";
import { runSimulation } from "../../sandbox/simulate.js";
import { defaultContent } from "../../tutor/content.js";
import type { Content } from "../../tutor/content-schema.js";
import { MemoryProgressStore, type ProgressStore } from "../../tutor/progress.js";
import type { SimulationRequest } from "../../tutor/simulation.js";
import { Tutor } from "../../tutor/tutor.js";
import { renderConsole } from "./render.js";

/** Options of {@link runConsole}. */
export interface ConsoleOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Where progress is kept; default in memory. */
  store?: ProgressStore;
  /** Content to teach; default the repository's `content/`. */
  content?: Content;
}

/** Runs one simulation in-process and renders its report. */
export function simulateInProcess(request: SimulationRequest): Reply {
  const run = runSimulation(request);
  return simulationReply(run.result, run.warnings);
}

const YAML_START = /^(apiVersion\s*:|kind\s*:|---\s*$|```)/;
const QUIT = new Set(["quit", "exit", "bye", ":q"]);

/** Runs the console tutor until the input ends or the person says `quit`. */
export async function runConsole(opts: ConsoleOptions): Promise<void> {
  const content = opts.content ?? defaultContent();
  const tutor = new Tutor({ content, store: opts.store ?? new MemoryProgressStore(), simulate: simulateInProcess });
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const tty = (opts.output as { isTTY?: boolean }).isTTY === true;
  const print = (replies: Reply[]) => {
    for (const r of replies) opts.output.write(`${renderConsole(r)}\n\n`);
    if (tty) opts.output.write("> ");
  };
  let seq = 0;
  const send = async (text: string) => {
    const msg: IncomingMessage = {
      eventId: `console-${++seq}`,
      platform: "console",
      workspace: "local",
      channel: "terminal",
      user: "me",
      direct: true,
      text,
      attachments: [],
      timeZone,
    };
    print(await tutor.handleMessage(msg));
  };

  print(await tutor.resume({ platform: "console", workspace: "local", user: "me" }));
  const rl = createInterface({ input: opts.input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  let yaml: string[] | undefined;
  for await (const line of rl) {
    if (yaml) {
      if (line.trim() === "") {
        const text = yaml.join("\n");
        yaml = undefined;
        await send(text);
      } else yaml.push(line);
      continue;
    }
    const t = line.trim();
    if (QUIT.has(t.toLowerCase())) {
      opts.output.write("Bye! Your progress is kept while this program runs.\n");
      rl.close();
      break;
    }
    if (YAML_START.test(t)) {
      yaml = [line];
      continue;
    }
    if (t !== "") await send(t);
  }
  if (yaml) await send(yaml.join("\n"));
}
