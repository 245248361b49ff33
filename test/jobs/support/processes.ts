/** Child processes for crash tests: workers and bots as real processes, and a private Redis. */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../../support/paths.js";

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `check` every 50 ms until it returns a value other than undefined/false. */
export async function until<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A spawned `node --import tsx <script>` with its output kept for failure messages. */
export interface NodeProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Spawns a TypeScript entry of this repository as a child process. */
export function spawnNode(script: string, env: Record<string, string>, preload: string[] = []): NodeProcess {
  const args = ["--import", "tsx", ...preload.flatMap((p) => ["--import", join(repoRoot, p)]), join(repoRoot, script)];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    out += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Waits until a child's health server answers, reading its port from its log. */
export async function readyPort(p: NodeProcess, timeoutMs = 30_000): Promise<number> {
  return until(
    "the process to report its port",
    () => {
      const m = /"port":(\d+)/.exec(p.output());
      return m ? Number(m[1]) : undefined;
    },
    timeoutMs,
  );
}

/** JSON lines of a file ([] while it does not exist). */
export function jsonLines<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

/** A private redis-server with the append-only file on, restartable on the same port and data. */
export class PrivateRedis {
  readonly dir = mkdtempSync(join(tmpdir(), "podsensei-h8-redis-"));
  port = 0;
  #child: ChildProcess | undefined;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    this.#child = spawn(
      "redis-server",
      ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--dir", this.dir],
      {
        stdio: "ignore",
      },
    );
    await until(
      "redis-server to answer PING",
      () => spawnSync("redis-cli", ["-p", String(this.port), "ping"], { encoding: "utf8" }).stdout?.trim() === "PONG",
    );
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
