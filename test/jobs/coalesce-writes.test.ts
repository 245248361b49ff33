/**
 * Commands issued in one tick leave in one corked batch, on the real test Redis: every reply
 * still answers its own command, in order, and the socket is uncorked again on the next tick
 * (also after a reconnect, which opens a new socket).
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createRedis } from "../../src/jobs/connection.js";

describe("coalesced writes", () => {
  const redis = createRedis(inject("redisUrl"));
  afterAll(() => redis.quit());
  const prefix = `t-coalesce-${randomUUID()}`;

  const burst = async (n: number) => {
    const sets = Array.from({ length: n }, (_, i) => redis.set(`${prefix}:${i}`, `v${i}`));
    const gets = Array.from({ length: n }, (_, i) => redis.get(`${prefix}:${i}`));
    // Same tick as the commands: they wait in the corked socket.
    const corked = redis.stream.writableCorked;
    const lengthInTick = redis.stream.writableLength;
    return { sets: await Promise.all(sets), gets: await Promise.all(gets), corked, lengthInTick };
  };

  it("answers every command of a one-tick burst in order, corked until the next tick", async () => {
    await redis.ping();
    const r = await burst(50);
    expect(r.corked).toBe(1);
    expect(r.lengthInTick).toBeGreaterThan(0);
    expect(r.sets).toEqual(Array(50).fill("OK"));
    expect(r.gets).toEqual(Array.from({ length: 50 }, (_, i) => `v${i}`));
    expect(redis.stream.writableCorked).toBe(0);
    expect(redis.stream.writableLength).toBe(0);
  });

  it("corks the new socket after a reconnect", async () => {
    const before = redis.stream;
    const reconnected = new Promise((resolve) => redis.once("ready", resolve));
    redis.disconnect(true);
    await reconnected;
    expect(redis.stream).not.toBe(before);
    const r = await burst(10);
    expect(r.corked).toBe(1);
    expect(r.gets).toEqual(Array.from({ length: 10 }, (_, i) => `v${i}`));
  });
});
