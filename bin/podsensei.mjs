#!/usr/bin/env node
// The `podsensei` command: runs the compiled CLI when built, else the TypeScript source through tsx.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Node flags of a worker process, which V8 reads only at start-up (kept equal to worker/node-flags.ts by a test). */
const WORKER_NODE_FLAGS = ["--single-threaded-gc"];

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const built = join(root, "dist", "src", "cli.js");
if (process.argv[2] === "worker" && !WORKER_NODE_FLAGS.every((f) => process.execArgv.includes(f))) {
  // Started without them (by hand; the container specs pass them): run again with them, passing
  // signals on and exiting as the worker does.
  const args = [...process.execArgv, ...WORKER_NODE_FLAGS, ...process.argv.slice(1)];
  const child = spawn(process.execPath, args, { stdio: "inherit" });
  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
} else if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(join(root, "src", "cli.ts")).href);
}
