/** Sandbox threads run below the main thread's priority; the main thread keeps its own. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SandboxPool } from "../../worker/sandbox-pool.js";
import { SANDBOX_NICE_OFFSET } from "../../worker/thread-priority.js";

const niceOf = (stat: string) => Number(stat.split(") ")[1]?.split(" ")[16]);

describe("sandbox thread priority", () => {
  it("lowers only the sandbox thread", async () => {
    const main = niceOf(readFileSync("/proc/thread-self/stat", "utf8"));
    const pool = new SandboxPool<null, { lowered: boolean; nice: number }>({
      script: new URL("./fixtures/priority-thread.ts", import.meta.url),
      size: 1,
      memoryMb: 64,
      timeoutMs: 10_000,
    });
    await pool.start();
    try {
      const r = await pool.run(null);
      expect(r.ok && r.value).toEqual({ lowered: true, nice: Math.min(19, main + SANDBOX_NICE_OFFSET) });
      expect(niceOf(readFileSync("/proc/thread-self/stat", "utf8"))).toBe(main);
    } finally {
      await pool.close();
    }
  }, 30_000);
});
