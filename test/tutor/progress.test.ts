import { execFile, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Redis } from "ioredis";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  decodeProgress,
  encodeProgress,
  MemoryProgressStore,
  newProgress,
  type Progress,
  type ProgressStore,
} from "../../src/tutor/progress.js";
import { RedisProgressStore } from "../../src/tutor/redis-progress-store.js";

const learner = { platform: "discord", workspace: "G1", user: "U7" };
const bump = (p: Progress | undefined) => {
  const cur = p ?? newProgress();
  return { progress: { ...cur, xp: cur.xp + 1 }, value: cur.xp + 1 };
};

const clients: Redis[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit().catch(() => undefined)));
});
function client(url: string): Redis {
  const c = new Redis(url, { maxRetriesPerRequest: 2 });
  clients.push(c);
  return c;
}
let prefixes = 0;
const uniquePrefix = () => `test:${process.pid}:${++prefixes}`;

const stores: [string, () => ProgressStore][] = [
  ["memory", () => new MemoryProgressStore()],
  ["redis", () => new RedisProgressStore(client(inject("redisUrl")), { prefix: uniquePrefix() })],
];

describe.each(stores)("%s progress store", (_name, make) => {
  it("returns undefined for a new learner and what was stored after an update", async () => {
    const store = make();
    expect(await store.get(learner)).toBeUndefined();
    expect(await store.update(learner, bump)).toBe(1);
    expect(await store.get(learner)).toMatchObject({ xp: 1, revision: 1, version: 2 });
  });

  it("loses no update when many run at once", async () => {
    const store = make();
    await Promise.all(Array.from({ length: 40 }, () => store.update(learner, bump)));
    expect((await store.get(learner))?.xp).toBe(40);
  });
});

describe("progress records", () => {
  it("migrates a v1 record", () => {
    const v1 = {
      version: 1,
      mode: "drill",
      level: 2,
      unlocked: 3,
      lesson: 4,
      xp: 120,
      passed: [1, 2],
      missed: ["d1-bad-name"],
    };
    const p = decodeProgress(JSON.stringify(v1));
    expect(p).toMatchObject({
      version: 2,
      mode: "lesson",
      level: 2,
      unlocked: 3,
      xp: 120,
      stats: { "d1-bad-name": { right: 0, wrong: 1 } },
    });
    expect(decodeProgress(encodeProgress(p))).toEqual(p);
  });

  it.each([
    { name: "text that is not JSON", raw: "not json", code: "PROGRESS_NOT_JSON" },
    { name: "an unknown version", raw: JSON.stringify({ version: 9 }), code: "PROGRESS_VERSION_UNKNOWN" },
    { name: "a record off its schema", raw: JSON.stringify({ ...newProgress(), xp: -1 }), code: "PROGRESS_INVALID" },
  ])("rejects $name with $code", ({ raw, code }) => {
    expect(() => decodeProgress(raw)).toThrow(expect.objectContaining({ code }));
  });
});

describe("RedisProgressStore against real redis-server", () => {
  it("two processes updating the same learner at once lose no update", async () => {
    const url = inject("redisUrl");
    const prefix = uniquePrefix();
    const run = promisify(execFile);
    const script = join(import.meta.dirname, "fixtures", "bump-xp.ts");
    const child = () => run(process.execPath, ["--import", "tsx", script, url, prefix, "60"], { cwd: process.cwd() });
    await Promise.all([child(), child()]);
    const store = new RedisProgressStore(client(url), { prefix });
    expect((await store.get({ platform: "slack", workspace: "T1", user: "U1" }))?.xp).toBe(120);
  }, 60_000);

  it("progress survives a Redis restart with append-only persistence", async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, "127.0.0.1", () => {
        const a = srv.address();
        srv.close(() => resolve(typeof a === "object" && a ? a.port : 0));
      });
    });
    const dir = mkdtempSync(join(tmpdir(), "podsensei-aof-"));
    const start = async () => {
      const proc = spawn(
        "redis-server",
        ["--port", String(port), "--bind", "127.0.0.1", "--appendonly", "yes", "--save", "", "--dir", dir],
        { stdio: "ignore" },
      );
      for (let i = 0; i < 100; i++) {
        if (spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" }).stdout.trim() === "PONG")
          return proc;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error("redis-server did not start");
    };
    const stop = (proc: ReturnType<typeof spawn>) =>
      new Promise<void>((resolve) => {
        proc.once("exit", () => resolve());
        proc.kill("SIGTERM");
      });
    try {
      let server = await start();
      const first = new Redis(`redis://127.0.0.1:${port}`);
      const store = new RedisProgressStore(first);
      await store.update(learner, (p) => ({
        progress: { ...(p ?? newProgress("Europe/Paris")), xp: 77, level: 3, unlocked: 3 },
        value: undefined,
      }));
      await first.quit();
      await stop(server);
      server = await start();
      const second = new Redis(`redis://127.0.0.1:${port}`);
      expect(await new RedisProgressStore(second).get(learner)).toMatchObject({
        xp: 77,
        level: 3,
        timeZone: "Europe/Paris",
      });
      await second.quit();
      await stop(server);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
