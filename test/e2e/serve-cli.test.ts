/**
 * The `podsensei serve`, `podsensei worker` and `podsensei discord register` commands as an
 * operator runs them: real subprocesses, a clean environment (no platform tokens), the test
 * Redis under a private queue prefix.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { WORKER_NODE_FLAGS } from "../../worker/node-flags.js";
import { repoRoot } from "../support/paths.js";

const CLI = join(repoRoot, "src/cli.ts");
const BIN = join(repoRoot, "bin/podsensei.mjs");

/** A minimal environment: nothing of the test runner's own (tokens included) leaks in. */
function cleanEnv(extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", LOG_LEVEL: "info", ...extra };
}

/**
 * Starts `podsensei <role>` (through the source, or with `bin` the installed command) and
 * resolves with the "ready" log line, which carries the health port.
 */
function start(
  role: "serve" | "worker",
  env: Record<string, string>,
  bin = false,
): { child: ChildProcess; ready: Promise<{ port: number; nodeFlags?: string[] }> } {
  const args = bin ? [BIN, role] : ["--import", "tsx", CLI, role];
  const child = spawn(process.execPath, args, { cwd: repoRoot, env });
  const ready = new Promise<{ port: number; nodeFlags?: string[] }>((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString("utf8");
      for (const line of out.split("\n")) {
        if (!line.startsWith("{")) continue;
        const log = JSON.parse(line) as { msg?: string; port?: number; nodeFlags?: string[] };
        if (/ready$/.test(log.msg ?? "") && typeof log.port === "number") resolve({ ...log, port: log.port });
      }
    });
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString("utf8");
    });
    child.on("exit", (code) => reject(new Error(`podsensei ${role} exited ${code}: ${err}${out}`)));
  });
  return { child, ready };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on("exit", (code) => resolve(code));
  });
}

describe("podsensei serve / worker / discord register", () => {
  const running: ChildProcess[] = [];
  const env = (role: string) =>
    cleanEnv({
      REDIS_URL: inject("redisUrl"),
      QUEUE_PREFIX: `t-cli-${role}-${process.pid}`,
      HTTP_HOST: "127.0.0.1",
      HTTP_PORT: "0",
      SANDBOX_THREADS: "1",
      WORKER_CONCURRENCY: "1",
    });
  afterEach(() => {
    for (const c of running.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
  });

  it.each(["serve", "worker"] as const)(
    "%s starts without platform tokens, serves /healthz, and stops cleanly on SIGTERM",
    async (role) => {
      const { child, ready: started } = start(role, env(role));
      running.push(child);
      const p = (await started).port;
      const health = await fetch(`http://127.0.0.1:${p}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${p}/readyz`);
      expect(ready.status).toBe(200);
      child.kill("SIGTERM");
      expect(await exited(child)).toBe(0);
    },
    60_000,
  );

  it("the installed command runs the worker under its Node flags, restarting itself without them, and passes SIGTERM on", async () => {
    const { child, ready } = start("worker", env("bin-worker"), true);
    running.push(child);
    const { port, nodeFlags } = await ready;
    expect(nodeFlags).toEqual([...WORKER_NODE_FLAGS]);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    child.kill("SIGTERM");
    expect(await exited(child)).toBe(0);
  }, 60_000);

  it("discord register exits 2 with a clear message when Discord is not configured", () => {
    const res = spawnSync(process.execPath, ["--import", "tsx", CLI, "discord", "register"], {
      cwd: repoRoot,
      env: cleanEnv({}),
    });
    expect(res.status).toBe(2);
    expect(res.stderr.toString("utf8")).toContain("DISCORD_TOKEN and DISCORD_APPLICATION_ID must be set");
    expect(res.stdout.toString("utf8")).toBe("");
  }, 30_000);

  it.each([
    [["discord"], 2, "usage: podsensei discord register"],
    [["discord", "register", "--guild", "not-a-guild"], 2, "usage: podsensei discord register"],
  ])(
    "discord %j exits %i",
    (args, code, message) => {
      const res = spawnSync(process.execPath, ["--import", "tsx", CLI, ...args], {
        cwd: repoRoot,
        env: cleanEnv({ DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "123456789012" }),
      });
      expect(res.status).toBe(code);
      expect(res.stderr.toString("utf8")).toContain(message);
    },
    30_000,
  );
});
