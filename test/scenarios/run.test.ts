/**
 * Runs every scenario in this folder through the CLI's JSON output (`podsensei simulate --json`,
 * in-process) and checks its expectations. Scenario files are named by area: `sched-*`, `ctrl-*`,
 * `kubelet-*`, `api-*`.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { load } from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { simulateCommand } from "../../src/cli/simulate-command.js";
import type { SimulationResult } from "../../src/sandbox/result.js";
import { simulationResultSchema } from "../../src/sandbox/result.js";
import { type Scenario, scenarioSchema } from "./scenario-schema.js";

const dir = new URL(".", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "podsensei-scenarios-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function globToRegex(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
}

function runScenario(s: Scenario, file: string): { code: number; result: SimulationResult; stderr: string } {
  const base = join(work, file);
  const cwd = `${base}.d`;
  for (const [name, text] of Object.entries(s.files ?? {})) {
    mkdirSync(dirname(join(cwd, name)), { recursive: true });
    writeFileSync(join(cwd, name), text);
  }
  writeFileSync(`${base}.manifests.yaml`, s.manifests);
  const args = [`${base}.manifests.yaml`, "--json"];
  if (s.cluster) {
    writeFileSync(`${base}.cluster.yaml`, s.cluster);
    args.push("--cluster", `${base}.cluster.yaml`);
  }
  if (s.at) args.push("--at", s.at);
  for (const t of s.then ?? []) args.push("--then", t);
  if (s.seed !== undefined) args.push("--seed", String(s.seed));
  let out = "";
  let err = "";
  const code = simulateCommand(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) }, { cwd });
  if (code === 2) throw new Error(`usage error: ${err}`);
  return { code, result: simulationResultSchema.parse(JSON.parse(out)), stderr: err };
}

const files = readdirSync(dir)
  .filter((f) => f.endsWith(".yaml"))
  .sort();

describe("scenarios", () => {
  it("has scenario files", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const scenario = scenarioSchema.parse(load(readFileSync(join(dir, file), "utf8")));
    it(`${file}: ${scenario.name}`, () => {
      const { code, result } = runScenario(scenario, file);
      const e = scenario.expect;
      const summary = () =>
        JSON.stringify(
          {
            rejected: result.rejected,
            pods: result.pods.map((p) => [p.name, p.phase, p.status, p.node, p.restarts, p.message]),
            events: result.events.map((x) => [x.time, x.reason, x.object, x.message, x.count]),
          },
          null,
          1,
        );
      if (scenario.exitCode !== undefined) expect(code, summary()).toBe(scenario.exitCode);
      if (e.rejectedCount !== undefined) expect(result.rejected.length, summary()).toBe(e.rejectedCount);
      for (const r of e.rejected ?? []) {
        const hit = result.rejected.find(
          (x) =>
            (r.document === undefined || x.document === r.document) &&
            (r.kind === undefined || x.kind === r.kind) &&
            (r.message === undefined || x.message === r.message) &&
            (r.messageIncludes === undefined || x.message.includes(r.messageIncludes)),
        );
        expect(hit, `rejection ${JSON.stringify(r)}\n${summary()}`).toBeDefined();
      }
      for (const p of e.pods ?? []) {
        const matching = result.pods.filter(
          (x) =>
            (p.namePattern === undefined || globToRegex(p.namePattern).test(x.name)) &&
            (p.owner === undefined || x.owner === p.owner) &&
            (p.phase === undefined || x.phase === p.phase) &&
            (p.node === undefined || x.node === p.node) &&
            (p.ready === undefined || x.ready === p.ready) &&
            (p.reason === undefined || x.reason === p.reason) &&
            (p.restartsAtLeast === undefined || x.restarts >= p.restartsAtLeast) &&
            (p.restartsAtMost === undefined || x.restarts <= p.restartsAtMost) &&
            (p.messageIncludes === undefined || (x.message ?? "").includes(p.messageIncludes)) &&
            (p.lastTerminationReason === undefined || x.lastTerminationReason === p.lastTerminationReason) &&
            x.deleted === (p.deleted ?? false),
        );
        if (p.count !== undefined) expect(matching.length, `pods ${JSON.stringify(p)}\n${summary()}`).toBe(p.count);
        else expect(matching.length, `pods ${JSON.stringify(p)}\n${summary()}`).toBeGreaterThan(0);
      }
      for (const ev of e.events ?? []) {
        const matching = result.events.filter(
          (x) =>
            x.reason === ev.reason &&
            (ev.object === undefined || globToRegex(ev.object).test(x.object)) &&
            (ev.type === undefined || x.type === ev.type) &&
            (ev.source === undefined || x.source === ev.source) &&
            (ev.message === undefined || x.message === ev.message) &&
            (ev.messageIncludes === undefined || x.message.includes(ev.messageIncludes)) &&
            (ev.countAtLeast === undefined || x.count >= ev.countAtLeast) &&
            (ev.timeAtLeast === undefined || x.time >= ev.timeAtLeast) &&
            (ev.timeAtMost === undefined || x.time <= ev.timeAtMost),
        );
        if (ev.absent) expect(matching, `event must be absent ${JSON.stringify(ev)}`).toEqual([]);
        else expect(matching.length, `event ${JSON.stringify(ev)}\n${summary()}`).toBeGreaterThan(0);
      }
      for (const f of e.findings ?? []) {
        const matching = result.findings.filter(
          (x) =>
            (f.layer === undefined || x.layer === f.layer) &&
            (f.severity === undefined || x.severity === f.severity) &&
            (f.object === undefined || x.object === f.object) &&
            (f.messageIncludes === undefined || x.message.includes(f.messageIncludes)),
        );
        if (f.absent) expect(matching, `finding must be absent ${JSON.stringify(f)}`).toEqual([]);
        else
          expect(
            matching.length,
            `finding ${JSON.stringify(f)}\n${JSON.stringify(result.findings, null, 1)}`,
          ).toBeGreaterThan(0);
      }
      for (const o of e.objects ?? []) {
        const matching = result.objects.filter(
          (x) => x.kind === o.kind && (o.namePattern === undefined || globToRegex(o.namePattern).test(x.name)),
        );
        if (o.count !== undefined) expect(matching.length).toBe(o.count);
        else expect(matching.length).toBeGreaterThan(0);
      }
    });
  }
});
