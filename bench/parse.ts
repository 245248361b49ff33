/**
 * Benchmark of safe manifest loading: `parseManifests` against bare js-yaml `loadAll` on the
 * shared microservices-demo corpus, same strings, same run, passes interleaved so that machine
 * noise hits both alike. Target: parse cost ≤ 1.2× `loadAll`.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { loadAll } from "js-yaml";
import { parseManifests } from "../src/sandbox/parse/index.js";
import { type BenchSection, fmt, median } from "./stats.js";

const CORPUS = "/work/shared/corpus/microservices-demo";
const RUNS = 31;
const WARMUP = 10;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return entry.endsWith(".yaml") ? [path] : [];
    });
}

function timePass(texts: string[], pass: (text: string) => unknown): number {
  const started = performance.now();
  for (const text of texts) pass(text);
  return performance.now() - started;
}

/** Runs the benchmark and returns its section of BENCHMARKS.md. */
export async function benchParse(): Promise<BenchSection> {
  const texts = yamlFiles(CORPUS).map((path) => readFileSync(path, "utf8"));
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const objects = texts.reduce((sum, text) => sum + parseManifests(text).objects.length, 0);
  const bare: number[] = [];
  const safe: number[] = [];
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const first = run % 2 === 0;
    const a = timePass(texts, first ? loadAll : parseManifests);
    const b = timePass(texts, first ? parseManifests : loadAll);
    if (run < WARMUP) continue;
    bare.push(first ? a : b);
    safe.push(first ? b : a);
  }
  const bareMs = median(bare);
  const safeMs = median(safe);
  const row = (name: string, ms: number) =>
    `| ${name} | ${fmt(ms)} | ${fmt((objects / ms) * 1000, 0)} | ${fmt(bytes / 1e6 / (ms / 1000), 1)} |`;
  return {
    name: "Manifest parsing",
    lines: [
      `${texts.length} files, ${fmt(bytes / 1024, 1)} KiB, ${objects} objects (\`${CORPUS}\`); median of ${RUNS} interleaved passes after ${WARMUP} warm-up passes.`,
      "",
      "| parser | ms per pass | objects/s | MB/s |",
      "| --- | ---: | ---: | ---: |",
      row("js-yaml `loadAll` (bare)", bareMs),
      row("`parseManifests` (limits, lines, kubectl texts)", safeMs),
      "",
      `Cost ratio parseManifests / loadAll: **${fmt(safeMs / bareMs)}×** (target ≤ 1.2×).`,
    ],
  };
}
