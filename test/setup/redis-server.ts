/**
 * Vitest global setup: starts a private `redis-server` on a free loopback port for the whole run,
 * so tests never touch a shared Redis. Tests read its URL with `inject("redisUrl")`
 * (see test/setup/redis.ts). Fails the run with a clear message when the binary is missing.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import "./provided-context.js";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPing(port: number, deadlineMs: number): Promise<void> {
  const start = Date.now();
  for (;;) {
    const res = spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" });
    if (res.stdout?.trim() === "PONG") return;
    if (Date.now() - start > deadlineMs) throw new Error(`redis-server on port ${port} did not answer PING`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let child: ChildProcess | undefined;
let dir: string | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const probe = spawnSync("redis-server", ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      "The tests need the `redis-server` binary on PATH (they start a private Redis on a free port).\n" +
        "Install it (Debian/Ubuntu: `apt-get install redis-server`; macOS: `brew install redis`) and run the tests again.",
    );
  }
  const port = await freePort();
  dir = mkdtempSync(join(tmpdir(), "podsensei-redis-"));
  child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
    { stdio: "ignore" },
  );
  await waitForPing(port, 10_000);
  project.provide("redisUrl", `redis://127.0.0.1:${port}`);
  project.provide("redisPort", port);
  project.provide("redisDir", dir);
  return async () => {
    child?.kill("SIGTERM");
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
