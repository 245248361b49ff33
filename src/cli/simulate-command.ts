/**
 * `podsensei simulate [FILE ...] [--cluster FILE] [--at DURATION] [--then 'DURATION: COMMAND'] ... [--json]`
 * exactly as shared/CONTRACT.md specifies: exit 0 when every object was accepted, 1 when some
 * document was not parsed or some object was rejected, 2 on wrong usage.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { describeLimit, LIMITS } from "../core/limits.js";
import { simulationPng } from "../render-png.js";
import { reportExtras } from "../sandbox/explain/report-extras.js";
import { parseGoDuration } from "../sandbox/model/duration.js";
import { renderReport } from "../sandbox/render/report.js";
import { runSimulation, type SimulationInput, type SimulationRun, usageProblems } from "../sandbox/simulate.js";
import { readActionFiles } from "./read-action-files.js";
import { type InputSource, readInput } from "./read-input.js";

export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const SIMULATE_USAGE =
  "usage: podsensei simulate [FILE ...] [--cluster FILE] [--at DURATION] [--then 'DURATION: COMMAND'] ... [--json] [--png FILE] [--seed N]";

function usage(io: CommandIO, message: string): number {
  io.stderr(`error: ${message}\n${SIMULATE_USAGE}\n`);
  return 2;
}

/** Where relative paths (inputs, `--cluster`, `--then … -f FILE`) are read from; the process's by default. */
export interface CommandOptions {
  cwd?: string;
}

/** Runs the command; returns the exit status. */
export function simulateCommand(argv: string[], io: CommandIO, options: CommandOptions = {}): number {
  const cwd = options.cwd ?? process.cwd();
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        cluster: { type: "string" },
        at: { type: "string" },
        then: { type: "string", multiple: true },
        json: { type: "boolean" },
        png: { type: "string" },
        seed: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    return usage(io, (e as Error).message);
  }
  const v = parsed.values as {
    cluster?: string;
    at?: string;
    then?: string[];
    json?: boolean;
    png?: string;
    seed?: string;
    help?: boolean;
  };
  if (v.help) {
    io.stdout(`${SIMULATE_USAGE}\n`);
    return 0;
  }
  const input: SimulationInput = { manifests: "", actions: v.then ?? [] };
  if (v.at !== undefined) {
    const at = parseGoDuration(v.at);
    if (at === null) return usage(io, `--at ${JSON.stringify(v.at)} is not a duration (examples: 90s, 5m, 1h30m)`);
    input.atSeconds = at;
  }
  if (v.seed !== undefined) {
    if (!/^\d{1,10}$/.test(v.seed)) return usage(io, "--seed must be a non-negative integer");
    input.seed = Number(v.seed) >>> 0;
  }
  if (v.cluster !== undefined) {
    try {
      input.cluster = readFileSync(resolve(cwd, v.cluster), "utf8");
    } catch (e) {
      return usage(io, `cannot read --cluster ${v.cluster}: ${(e as Error).message}`);
    }
  }
  const files = parsed.positionals.length > 0 ? parsed.positionals : ["-"];
  const sources: InputSource[] = [];
  for (const f of files) {
    try {
      sources.push(readInput(f === "-" ? f : resolve(cwd, f)));
    } catch (e) {
      return usage(io, `cannot read ${f}: ${(e as Error).message}`);
    }
  }
  const actionFiles = readActionFiles(input.actions ?? [], cwd);
  if (!actionFiles.ok) return usage(io, actionFiles.message);
  input.files = actionFiles.files;
  const problems = usageProblems(input);
  if (problems.length > 0) return usage(io, problems.join("\n"));

  const oversize = sources.find((s) => s.oversizeBytes !== undefined);
  const total = sources.reduce((n, s) => n + s.bytes.length, 0);
  let run: SimulationRun;
  if (oversize || total > LIMITS.pasteBytes) {
    const bytes = oversize?.oversizeBytes ?? total;
    run = runSimulation({ ...input, manifests: "" });
    const result = run.result;
    result.rejected.unshift({
      document: 1,
      line: 1,
      kind: null,
      name: null,
      namespace: null,
      message: `the input is ${(bytes / (1024 * 1024)).toFixed(1)} MiB, over the ${describeLimit("pasteBytes")}; nothing was simulated`,
      hint: "paste fewer manifests at a time",
    });
  } else {
    run = runSimulation({ ...input, manifests: joinSources(sources) });
  }
  const result = run.result;
  if (v.png !== undefined) {
    try {
      writeFileSync(v.png, simulationPng(run));
    } catch (e) {
      return usage(io, `cannot write --png ${v.png}: ${(e as Error).message}`);
    }
  }
  io.stdout(
    v.json
      ? `${JSON.stringify(result, null, 2)}\n`
      : `${renderReport(result, { ...reportExtras(run.cluster), warnings: run.warnings })}\n`,
  );
  return result.rejected.length > 0 ? 1 : 0;
}

/**
 * Several files are read as one stream of documents, in order, as
 * `kubectl apply -f a.yaml -f b.yaml` applies them. Bytes stay bytes so the parser can report
 * invalid UTF-8 where it is.
 */
function joinSources(sources: InputSource[]): Uint8Array {
  const parts: Buffer[] = [];
  sources.forEach((s, i) => {
    if (i > 0) parts.push(Buffer.from("\n---\n"));
    parts.push(s.bytes);
  });
  return Buffer.concat(parts);
}
