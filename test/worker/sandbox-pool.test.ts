import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxFailure, SandboxPool } from "../../worker/sandbox-pool.js";

type Task = { op: "echo"; value: string } | { op: "spin" } | { op: "hog" } | { op: "throw"; message: string };

describe("SandboxPool", () => {
  const respawns: SandboxFailure[] = [];
  const pool = new SandboxPool<Task, string>({
    script: new URL("./fixtures/behave-thread.ts", import.meta.url),
    size: 2,
    memoryMb: 32,
    timeoutMs: 1500,
    onRespawn: (r) => respawns.push(r),
  });
  beforeAll(() => pool.start(), 30_000);
  afterAll(() => pool.close());

  it("runs tasks on warm threads and reports compute time and overhead", async () => {
    const outcomes = await Promise.all(["a", "b", "c", "d", "e"].map((value) => pool.run({ op: "echo", value })));
    expect(outcomes.map((o) => (o.ok ? o.value : o.reason))).toEqual(["a", "b", "c", "d", "e"]);
    for (const o of outcomes) {
      if (!o.ok) throw new Error("unexpected failure");
      expect(o.computeMs).toBeGreaterThanOrEqual(0);
      expect(o.overheadMs).toBeGreaterThanOrEqual(0);
    }
    expect(pool.stats()).toEqual({ size: 2, busy: 0, queued: 0 });
  });

  it("answers a task that throws with its message and keeps the thread", async () => {
    const before = respawns.length;
    expect(await pool.run({ op: "throw", message: "bad input" })).toEqual({
      ok: false,
      reason: "error",
      message: "bad input",
    });
    expect(respawns.length).toBe(before);
  });

  const failures: { name: string; task: Task; timeoutMs?: number; reason: SandboxFailure; message: RegExp }[] = [
    {
      name: "a task past its deadline is terminated",
      task: { op: "spin" },
      timeoutMs: 300,
      reason: "timeout",
      message: /longer than 300 ms/,
    },
    {
      name: "a task over the heap cap dies without harming the process",
      task: { op: "hog" },
      reason: "memory",
      message: /more than 32 MiB/,
    },
  ];
  it.each(failures)(
    "$name, and a fresh thread takes its slot",
    async ({ task, timeoutMs, reason, message }) => {
      const before = respawns.length;
      const outcome = await pool.run(task, timeoutMs);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.reason).toBe(reason);
      expect(outcome.message).toMatch(message);
      expect(respawns.slice(before)).toEqual([reason]);
      const next = await pool.run({ op: "echo", value: "still alive" });
      expect(next.ok && next.value).toBe("still alive");
      expect(pool.stats().size).toBe(2);
    },
    30_000,
  );

  it("fails tasks clearly when the thread entry cannot load", async () => {
    const broken = new SandboxPool<Task, string>({
      script: new URL("./fixtures/does-not-exist.ts", import.meta.url),
      size: 1,
      memoryMb: 32,
      timeoutMs: 1000,
    });
    await expect(broken.start()).rejects.toThrow(/cannot start/);
    expect(await broken.run({ op: "echo", value: "x" })).toMatchObject({ ok: false, reason: "crash" });
    await broken.close();
  }, 60_000);
});
