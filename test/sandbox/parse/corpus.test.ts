import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseManifests } from "../../../src/sandbox/parse/index.js";

const CORPUS = "/work/shared/corpus";

function* manifests(dir: string): Generator<string> {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* manifests(path);
    else if (/\.(ya?ml|json)$/.test(entry)) yield path;
  }
}

const files = [...manifests(CORPUS)];
const DUPLICATE = /line \d+: key "([^"]+)" already set in map$/;

describe("the shared corpus", () => {
  it("has files to read", () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(files.map((f) => [f.slice(CORPUS.length + 1), f]))("%s parses without throwing", (_, path) => {
    const bytes = new Uint8Array(readFileSync(path));
    const text = new TextDecoder().decode(bytes);
    const result = parseManifests(bytes, { filename: path });
    expect(result.fatal).toBeNull();
    for (const object of result.objects) {
      expect(object.line).toBeGreaterThanOrEqual(1);
      expect(typeof object.value).toBe("object");
    }
    if (text.includes("{{")) return; // templates are not manifests until rendered: problems allowed
    for (const problem of result.problems) {
      // The only faults in real files are keys set twice; check the key really is there twice.
      const key = DUPLICATE.exec(problem.message)?.[1];
      expect(key, problem.message).toBeDefined();
      expect(text.split(`${key}:`).length - 1).toBeGreaterThanOrEqual(2);
    }
  });

  it("the one-parse path and the document-by-document path agree on every file", () => {
    // A broken last document sends the whole paste down the per-document path.
    const broken = "\n---\nkind: Broken\nspec: [\n";
    for (const path of files) {
      const text = readFileSync(path, "utf8");
      const fast = parseManifests(text);
      const slow = parseManifests(text + broken);
      if (fast.fatal !== null) continue;
      expect(slow.objects).toEqual(fast.objects);
      expect(slow.problems.slice(0, fast.problems.length)).toEqual(fast.problems);
      expect(slow.problems.at(-1)?.message).toContain("error converting YAML to JSON: yaml: line ");
    }
  });

  it("strings and bytes agree on every file", () => {
    for (const path of files) {
      const bytes = new Uint8Array(readFileSync(path));
      expect(parseManifests(new TextDecoder().decode(bytes))).toEqual(parseManifests(bytes));
    }
  });
});
