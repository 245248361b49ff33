/** Runs the real `podsensei` CLI in a subprocess (through tsx), with stdin and a peak-memory report. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./paths.js";

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  maxRssMb: number;
  ms: number;
}

export function runCli(args: string[], stdin?: string | Buffer): CliRun {
  const start = performance.now();
  const res = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      join(repoRoot, "test/support/report-rss.mjs"),
      join(repoRoot, "src/cli.ts"),
      ...args,
    ],
    { cwd: repoRoot, input: stdin ?? "", maxBuffer: 64 * 1024 * 1024 },
  );
  const ms = performance.now() - start;
  const stderr = res.stderr.toString("utf8");
  const m = /podsensei-test-maxrss-kb=(\d+)/.exec(stderr);
  return {
    status: res.status,
    stdout: res.stdout.toString("utf8"),
    stderr: stderr.replace(/\npodsensei-test-maxrss-kb=\d+\n/, ""),
    maxRssMb: m ? Number(m[1]) / 1024 : Number.NaN,
    ms,
  };
}
