/**
 * Hostile pastes through the real CLI process: each ends quickly with exit status 1 and a message
 * naming the limit it hit, with peak memory under 300 MB. The time bound is a denial-of-service
 * guard (generous, on purpose), not a speed measurement: speed lives in `npm run bench`.
 */
import { describe, expect, it } from "vitest";
import { SeededRandom } from "../../src/sandbox/model/random.js";
import { simulationResultSchema } from "../../src/sandbox/result.js";
import { simulate } from "../../src/sandbox/simulate.js";
import { runCli } from "../support/run-cli.js";

function aliasBomb(): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(",")}]`,
    );
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n  x: y\nextra:\n${lines.map((l) => `  ${l}`).join("\n")}\n`;
}

function noise(bytes: number): Buffer {
  const r = new SeededRandom(42);
  const b = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) b[i] = r.int(256);
  return b;
}

const CASES: { name: string; input: () => string | Buffer; limit: RegExp }[] = [
  { name: "an alias bomb (billion laughs)", input: aliasBomb, limit: /alias/i },
  {
    name: "a 20 MB paste",
    input: () => `# ${"x".repeat(20 * 1024 * 1024)}\n`,
    limit: /paste size limit|over the .*1 MiB/,
  },
  {
    name: "50,000-deep flow nesting",
    input: () => `${"[".repeat(50_000)}${"]".repeat(50_000)}\n`,
    limit: /nesting depth/,
  },
  {
    name: "50,000-deep block nesting",
    input: () => {
      // Indentation grows with depth, so a 1 MiB paste holds about 1,400 levels: far past the limit.
      const lines: string[] = [];
      let size = 0;
      for (let i = 0; size < 1000 * 1024; i++) {
        lines.push(`${" ".repeat(i)}a:`);
        size += i + 3;
      }
      return lines.join("\n");
    },
    limit: /nesting depth/,
  },
  {
    name: "10,000 documents",
    input: () =>
      Array.from({ length: 10_000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`).join(
        "---\n",
      ),
    limit: /documents per paste limit/,
  },
  { name: "binary noise", input: () => noise(64 * 1024), limit: /UTF-8|yaml|not a Kubernetes object|document/i },
];

describe("hostile input through the CLI", () => {
  it.each(CASES)("$name ends with exit 1 and names the limit", ({ input, limit }) => {
    const r = runCli(["simulate", "--json"], input());
    expect(r.status, r.stderr).toBe(1);
    const result = simulationResultSchema.parse(JSON.parse(r.stdout));
    expect(result.rejected.length).toBeGreaterThan(0);
    expect(result.rejected.map((x) => x.message).join("\n")).toMatch(limit);
    expect(r.maxRssMb).toBeLessThan(300);
    // The time bound is held in-process, on the work itself: a subprocess's wall time also
    // counts Node and TypeScript start-up, which depends on how busy the machine is.
    const text = input();
    const start = performance.now();
    const inProcess = simulate({ manifests: typeof text === "string" ? text : new Uint8Array(text) });
    expect(performance.now() - start).toBeLessThan(2_000);
    expect(inProcess.rejected.map((x) => x.message).join("\n")).toMatch(limit);
  });

  it("answers a billion replicas (valid Kubernetes) in time, with a finding that names the simulator's own limit", () => {
    const yaml =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: big}\nspec:\n  replicas: 1000000000\n  selector: {matchLabels: {app: big}}\n  template:\n    metadata: {labels: {app: big}}\n    spec:\n      containers: [{name: c, image: 'nginx:1.27'}]\n";
    const start = performance.now();
    const result = simulate({ manifests: yaml });
    // A denial-of-service guard, generous on purpose (speed itself is in npm run bench).
    expect(performance.now() - start).toBeLessThan(20_000);
    expect(result.rejected).toEqual([]);
    expect(result.pods.filter((p) => p.phase === "Running")).toHaveLength(330);
    const note = result.findings.find((f) => f.message.includes("wants more pods than the simulator runs"));
    expect(note?.message).toContain("pods beyond the cluster's capacity limit (1,000)");
  }, 30_000);

  it("keeps __proto__ and constructor keys as inert data that validation then judges", () => {
    const yaml =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: proto\n  labels:\n    __proto__: "x"\ndata:\n  constructor: "y"\n  __proto__: "z"\n';
    const r = runCli(["simulate", "--json"], yaml);
    expect(r.status).toBe(1);
    const result = simulationResultSchema.parse(JSON.parse(r.stdout));
    // The key reached the API server as a plain label key, and got the label-key rule's verdict.
    expect(result.rejected[0]?.message).toContain('metadata.labels: Invalid value: "__proto__"');
  });
});
