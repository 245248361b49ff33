/**
 * Issue "Foundation": load + validate on the microservices-demo manifests (objects/s, MB/s)
 * against a bare js-yaml `loadAll` of the same bytes, in the same run, as a ratio. "Validate"
 * is the whole API server write path: discovery, decoding against the OpenAPI schemas, strict
 * fields, defaulting, admission and semantic validation.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadAll } from "js-yaml";
import { ApiServer } from "../src/sandbox/api/server.js";
import { ObjectStore } from "../src/sandbox/api/store.js";
import { SeededRandom } from "../src/sandbox/model/random.js";
import { parseManifests } from "../src/sandbox/parse/index.js";
import { corpusRoot, listManifestFiles } from "../test/support/paths.js";
import { type BenchSection, fmt, median, timeRuns } from "./stats.js";

export async function benchLoadValidate(): Promise<BenchSection> {
  const root = join(corpusRoot, "microservices-demo");
  const texts = listManifestFiles(root)
    .filter((f) => !f.includes("istio"))
    .map((f) => readFileSync(join(root, f), "utf8"));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  let objects = 0;
  const bare = () => {
    for (const t of texts) loadAll(t);
  };
  const full = () => {
    objects = 0;
    for (const t of texts) {
      // A fresh API server per file, as each file is one learner's paste.
      const api = new ApiServer({ store: new ObjectStore(), random: new SeededRandom(1), now: () => 0 });
      for (const o of parseManifests(t).objects) {
        api.create(o.value, { origin: "user" });
        objects++;
      }
    }
  };
  for (let i = 0; i < 20; i++) {
    bare();
    full();
  }
  const runs = 40;
  const bareMs: number[] = [];
  const fullMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    bareMs.push(...timeRuns(1, bare));
    fullMs.push(...timeRuns(1, full));
  }
  const b = median(bareMs);
  const f = median(fullMs);
  const mb = bytes / (1024 * 1024);
  return {
    name: "Load + validate (issue 2)",
    lines: [
      `Input: ${texts.length} microservices-demo files, ${fmt(bytes / 1024, 1)} KiB, ${objects} objects; median of ${runs} interleaved runs after warm-up.`,
      "",
      "| path | ms per pass | objects/s | MB/s |",
      "|---|---:|---:|---:|",
      `| bare js-yaml \`loadAll\` | ${fmt(b, 3)} | ${fmt((objects / b) * 1000, 0)} | ${fmt(mb / (b / 1000), 1)} |`,
      `| parse + API server (decode, schema, defaults, admission, validation, store) | ${fmt(f, 3)} | ${fmt((objects / f) * 1000, 0)} | ${fmt(mb / (f / 1000), 1)} |`,
      "",
      `**Ratio: ${fmt(f / b, 2)}× the bare parse** (goal ≤ 1.5×).`,
    ],
  };
}
