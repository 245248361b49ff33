/** `--then 'T: kubectl apply -f FILE'`: the CLI reads FILE relative to the working directory. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readActionFiles } from "../../src/cli/read-action-files.js";
import { simulateCommand } from "../../src/cli/simulate-command.js";
import { LIMITS } from "../../src/core/limits.js";
import { simulationResultSchema } from "../../src/sandbox/result.js";

const dir = mkdtempSync(join(tmpdir(), "podsensei-action-files-"));
const POD = (name: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n`;
writeFileSync(join(dir, "base.yaml"), POD("base"));
writeFileSync(join(dir, "later.yaml"), POD("later"));
mkdirSync(join(dir, "k8s/nested"), { recursive: true });
writeFileSync(join(dir, "k8s/b.yml"), POD("b"));
writeFileSync(join(dir, "k8s/a.yaml"), POD("a"));
writeFileSync(join(dir, "k8s/notes.txt"), "not a manifest");
writeFileSync(join(dir, "k8s/nested/c.yaml"), POD("c"));
writeFileSync(join(dir, "big.yaml"), `# ${"x".repeat(LIMITS.pasteBytes)}\n`);

function run(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = simulateCommand(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, { cwd: dir });
  return { code, stdout, stderr };
}

describe("--then 'T: kubectl apply -f FILE'", () => {
  it("applies a file named relative to the working directory at its time", () => {
    const r = run(["base.yaml", "--json", "--at", "2m", "--then", "1m: kubectl apply -f later.yaml"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const result = simulationResultSchema.parse(JSON.parse(r.stdout));
    const created = result.events.find((e) => e.reason === "Kubectl" && e.object === "Pod/later");
    expect(created).toMatchObject({ time: 60, message: "pod/later created" });
    expect(result.pods.find((p) => p.name === "later")?.phase).toBe("Running");
  });

  it("exits 2 with kubectl's words for a missing file", () => {
    const r = run(["base.yaml", "--then", "1m: kubectl apply -f missing.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `--then "1m: kubectl apply -f missing.yaml": error: the path "missing.yaml" does not exist`,
    );
  });

  it("reads a directory's .json/.yaml/.yml files in name order, not recursing", () => {
    const r = readActionFiles(["1m: kubectl apply -f k8s"], dir);
    expect(r.ok).toBe(true);
    const text = r.ok ? (r.files.k8s ?? "") : "";
    expect([...text.matchAll(/name: (\w+)/g)].map((m) => m[1])).toEqual(["a", "app", "b", "app"]);
  });

  it("holds each file to the paste size limit", () => {
    const r = readActionFiles(["1m: kubectl apply --filename=big.yaml"], dir);
    expect(r).toEqual({
      ok: false,
      message:
        '--then "1m: kubectl apply --filename=big.yaml": error: big.yaml is 1.0 MiB, over the paste size limit (1 MiB)',
    });
  });

  it("reads nothing for actions that name no file", () => {
    expect(readActionFiles(["1m: kubectl cordon node-a", "2m: node-down node-b"], dir)).toEqual({
      ok: true,
      files: {},
    });
  });
});
