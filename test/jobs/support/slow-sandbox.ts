// Preloaded (`--import`) into worker child processes by the crash tests: every sandbox run
// waits SLOW_SANDBOX_MS first, so a job is reliably in flight when the test kills its worker.
import { SandboxPool } from "../../../worker/sandbox-pool.js";

const delay = Number(process.env.SLOW_SANDBOX_MS ?? "0");
const run = SandboxPool.prototype.run;
SandboxPool.prototype.run = async function (this: SandboxPool<unknown, unknown>, ...args: Parameters<typeof run>) {
  await new Promise((r) => setTimeout(r, delay));
  return run.apply(this, args);
};
