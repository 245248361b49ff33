/**
 * `npm run bench`: runs every benchmark and writes BENCHMARKS.md with the machine and the date.
 * `npm run bench -- <name> ...` runs only the named sections and prints them without touching
 * BENCHMARKS.md, so the file always holds one complete run.
 */
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../test/support/paths.js";
import type { BenchSection } from "./stats.js";

type Bench = { id: string; run: () => Promise<BenchSection> };

const BENCHES: Bench[] = [
  { id: "parse", run: async () => (await import("./parse.js")).benchParse() },
  { id: "load-validate", run: async () => (await import("./load-validate.js")).benchLoadValidate() },
  { id: "simulate", run: async () => (await import("./simulate.js")).benchSimulate() },
  { id: "scheduler", run: async () => (await import("./scheduler.js")).benchScheduler() },
  { id: "picture", run: async () => (await import("./picture.js")).benchPicture() },
  { id: "validate", run: async () => (await import("./validate.js")).benchValidate() },
  { id: "jobs", run: async () => (await import("./jobs.js")).benchJobs() },
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const sections: BenchSection[] = [];
  for (const b of BENCHES) {
    if (only.length > 0 && !only.includes(b.id)) continue;
    process.stderr.write(`bench: ${b.id} …\n`);
    sections.push(await b.run());
  }
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const header = [
    "# Benchmarks",
    "",
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}.`,
    `Machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}.`,
    "",
  ];
  const body = sections.flatMap((s) => [`## ${s.name}`, "", ...s.lines, ""]);
  if (only.length === 0) writeFileSync(join(repoRoot, "BENCHMARKS.md"), [...header, ...body].join("\n"));
  process.stdout.write([...header, ...body].join("\n"));
}

await main();
