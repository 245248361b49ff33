/**
 * Redis restarted under a running bot and worker: both reconnect by themselves, readiness goes
 * red and green again, and requests submitted after the restart are answered. Uses its own
 * redis-server (append-only file on) so the shared one is never disturbed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { simulationRequestOf } from "../../src/jobs/producer.js";
import type { ReadinessReport } from "../../src/server/readiness.js";
import { runServe, type ServeHandle } from "../../src/server/serve.js";
import { Loopback, message, TYPICAL_PASTE, testEnv } from "../jobs/support/loopback.js";
import { type NodeProcess, PrivateRedis, readyPort, spawnNode, until } from "../jobs/support/processes.js";

describe("Redis restarted", () => {
  const redis = new PrivateRedis();
  const loopback = new Loopback();
  const prefix = "t-restart";
  let bot: ServeHandle;
  let worker: NodeProcess;
  let workerPort = 0;

  beforeAll(async () => {
    await redis.start();
    bot = await runServe(loadConfig(testEnv(redis.url, prefix)), {
      adapters: [{ platform: "console", send: loopback.sender }],
    });
    worker = spawnNode("worker/main.ts", testEnv(redis.url, prefix, { LOG_LEVEL: "info" }));
    workerPort = await readyPort(worker);
  }, 60_000);
  afterAll(async () => {
    if (worker?.child.exitCode === null) worker.child.kill("SIGKILL");
    await bot?.close();
    await redis.dispose();
  }, 30_000);

  it("both processes reconnect and carry on", async () => {
    const first = simulationRequestOf(message("ev-before"), TYPICAL_PASTE);
    await bot.producer.submit(first);
    await loopback.waitFor(1);

    await redis.stop();
    const down = await fetch(`http://127.0.0.1:${bot.port}/readyz`);
    expect(down.status).toBe(503);
    expect(((await down.json()) as ReadinessReport).checks[0]).toMatchObject({ name: "redis", ok: false });
    expect((await fetch(`http://127.0.0.1:${workerPort}/healthz`)).status).toBe(200);

    await redis.start();
    for (const port of [bot.port, workerPort]) {
      await until(
        `readiness on port ${port}`,
        async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200,
      );
    }
    const second = simulationRequestOf(message("ev-after"), TYPICAL_PASTE);
    expect((await bot.producer.submit(second)).status).toBe("queued");
    await loopback.waitFor(2, 30_000);
    expect(loopback.countsById()).toEqual({ [first.requestId]: 1, [second.requestId]: 1 });
    // The first request's markers survived the restart (append-only file): a retry of its event is a duplicate.
    expect((await bot.producer.submit(first)).status).toBe("duplicate");
    expect(worker.child.exitCode).toBeNull();
  }, 90_000);
});
