/**
 * Crash tests with real processes: workers (and a bot) run as child processes and are killed
 * with SIGKILL mid-job; the learner still gets exactly one reply. Also: SIGTERM drains, and a
 * hostile paste kills nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/core/logger.js";
import { toPlainText } from "../../src/core/reply.js";
import { JobProducer, simulationRequestOf } from "../../src/jobs/producer.js";
import { BullJobQueue, openQueues } from "../../src/jobs/queue-set.js";
import { RedisIdempotencyStore } from "../../src/jobs/redis-idempotency.js";
import { RateLimiter } from "../../src/server/rate-limiter.js";
import { runServe, type ServeHandle } from "../../src/server/serve.js";
import { Loopback, message, TYPICAL_PASTE, testEnv } from "../jobs/support/loopback.js";
import { jsonLines, type NodeProcess, readyPort, spawnNode, until } from "../jobs/support/processes.js";

const redisUrl = inject("redisUrl");
const children: NodeProcess[] = [];
function worker(prefix: string, extra: Record<string, string> = {}, slowMs = 0): NodeProcess {
  const p = spawnNode(
    "worker/main.ts",
    testEnv(redisUrl, prefix, { LOG_LEVEL: "info", ...extra }),
    slowMs > 0 ? ["test/jobs/support/slow-sandbox.ts"] : [],
  );
  children.push(p);
  return p;
}
function slowWorker(prefix: string, slowMs: number, extra: Record<string, string> = {}): NodeProcess {
  return worker(prefix, { SLOW_SANDBOX_MS: String(slowMs), ...extra }, slowMs);
}
afterAll(() => {
  for (const c of children) if (c.child.exitCode === null) c.child.kill("SIGKILL");
});

describe("a worker killed mid-job", () => {
  const prefix = `t-crash-${process.pid}`;
  const loopback = new Loopback();
  let bot: ServeHandle;
  beforeAll(async () => {
    bot = await runServe(loadConfig(testEnv(redisUrl, prefix)), {
      adapters: [{ platform: "console", send: loopback.sender }],
    });
  });
  afterAll(() => bot?.close());

  it("SIGKILL while simulating → another worker completes the job and the learner gets one reply", async () => {
    const a = slowWorker(prefix, 5000);
    await readyPort(a);
    const req = simulationRequestOf(message("ev-sigkill"), TYPICAL_PASTE);
    await bot.producer.submit(req);
    await until("the job to be active on worker A", async () =>
      (await bot.queues.simulate.getJob(req.requestId))?.processedBy?.includes(`-${a.child.pid}`),
    );
    a.child.kill("SIGKILL");
    expect(await a.exited).toBeNull();
    const b = worker(prefix);
    await readyPort(b);
    await loopback.waitFor(1, 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(loopback.countsById()).toEqual({ [req.requestId]: 1 });
    const job = await bot.queues.simulate.getJob(req.requestId);
    expect(await job?.getState()).toBe("completed");
    expect(job?.processedBy).toContain(`-${b.child.pid}`);
    expect(toPlainText(loopback.sent[0]!.reply)).toContain("What the cluster would do");
    b.child.kill("SIGTERM");
    expect(await b.exited).toBe(0);
  }, 60_000);

  it("SIGTERM lets the in-flight job finish, then exits 0", async () => {
    const before = loopback.sent.length;
    const w = slowWorker(prefix, 1500);
    await readyPort(w);
    const req = simulationRequestOf(message("ev-sigterm"), TYPICAL_PASTE);
    await bot.producer.submit(req);
    await until(
      "the job to be active",
      async () => (await (await bot.queues.simulate.getJob(req.requestId))?.getState()) === "active",
    );
    w.child.kill("SIGTERM");
    expect(await w.exited).toBe(0);
    expect(await (await bot.queues.simulate.getJob(req.requestId))?.getState()).toBe("completed");
    await loopback.waitFor(before + 1);
    expect(loopback.countsById()[req.requestId]).toBe(1);
  }, 60_000);

  it("a hostile paste kills nothing: each gets one clear reply and the worker stays healthy", async () => {
    const before = loopback.sent.length;
    const w = worker(prefix, { SANDBOX_MEMORY_MB: "64", JOB_TIMEOUT_MS: "3000" });
    const port = await readyPort(w);
    const laughs = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(", ")}]`,
      ),
    ].join("\n");
    const hostile = {
      laughs,
      deep: `${"[".repeat(5000)}${"]".repeat(5000)}`,
      replicas: TYPICAL_PASTE.replace("replicas: 3", "replicas: 1000000000"),
      documents: Array.from(
        { length: 3000 },
        (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}`,
      ).join("\n---\n"),
      binary: "\u0000\uffff".repeat(10_000),
    };
    const reqs = Object.entries(hostile).map(([name, text]) =>
      simulationRequestOf(message(`ev-hostile-${name}`, `U-${name}`), text),
    );
    for (const r of reqs) await bot.producer.submit(r);
    const typical = simulationRequestOf(message("ev-after-hostile", "U-after"), TYPICAL_PASTE);
    await bot.producer.submit(typical);
    await loopback.waitFor(before + reqs.length + 1, 45_000);
    const counts = loopback.countsById();
    for (const r of [...reqs, typical]) expect(counts[r.requestId], r.requestId).toBe(1);
    expect(w.child.exitCode).toBeNull();
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const after = loopback.sent.find((s) => s.deliveryId === typical.requestId);
    expect(toPlainText(after!.reply)).toContain("What the cluster would do");
    w.child.kill("SIGTERM");
    expect(await w.exited).toBe(0);
  }, 60_000);
});

describe("the bot killed between enqueue and delivery", () => {
  const prefix = `t-botkill-${process.pid}`;
  const dir = mkdtempSync(join(tmpdir(), "podsensei-h8-bot-"));
  const file = join(dir, "replies.jsonl");
  const redis = new Redis(redisUrl);
  const queues = openQueues(redis, prefix);
  afterAll(async () => {
    await queues.close();
    await redis.quit();
    rmSync(dir, { recursive: true, force: true });
  });

  it("sends the reply after the bot restarts, exactly once", async () => {
    const botEnv = testEnv(redisUrl, prefix, { LOG_LEVEL: "info", LOOPBACK_FILE: file });
    const bot1 = spawnNode("test/jobs/support/bot-process.ts", botEnv);
    children.push(bot1);
    await readyPort(bot1);
    const markers = new RedisIdempotencyStore(redis, `${prefix}:marker`);
    const producer = new JobProducer({
      simulate: new BullJobQueue(queues.simulate),
      deliver: new BullJobQueue(queues.deliver),
      markers,
      limiter: new RateLimiter(redis, { prefix: `${prefix}:rate`, markers }),
      logger: createLogger({ level: "silent" }),
    });
    const req = simulationRequestOf(message("ev-botkill"), TYPICAL_PASTE);
    await producer.submit(req);
    bot1.child.kill("SIGKILL");
    await bot1.exited;
    const w = worker(prefix);
    await readyPort(w);
    await until(
      "the reply to be queued for delivery",
      async () => (await (await queues.deliver.getJob(req.requestId))?.getState()) === "waiting",
    );
    expect(jsonLines(file)).toEqual([]);
    const bot2 = spawnNode("test/jobs/support/bot-process.ts", botEnv);
    children.push(bot2);
    await until("the reply to be delivered", () => jsonLines(file).length > 0, 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    const lines = jsonLines<{ deliveryId: string; pid: number }>(file);
    expect(lines.map((l) => [l.deliveryId, l.pid])).toEqual([[req.requestId, bot2.child.pid]]);
    bot2.child.kill("SIGTERM");
    w.child.kill("SIGTERM");
    expect(await bot2.exited).toBe(0);
    expect(await w.exited).toBe(0);
  }, 60_000);
});
