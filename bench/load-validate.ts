/**
 * Issue "Foundation": load + validate on the microservices-demo manifests (objects/s, MB/s)
 * against a bare js-yaml `loadAll` of the same bytes, in the same run, as a ratio. "Load +
 * validate" is what the goal (perf-anchors.md G3) measures: our safe parse, discovery, decoding
 * against the OpenAPI types with strict fields, defaulting and semantic validation. The whole API
 * server write path (adding admission and the store with its watch) is reported beside it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadAll } from "js-yaml";
import { decodeObject } from "../src/sandbox/api/decode.js";
import { applyDefaults } from "../src/sandbox/api/defaults/index.js";
import { Discovery } from "../src/sandbox/api/discovery.js";
import { ApiServer } from "../src/sandbox/api/server.js";
import { ObjectStore } from "../src/sandbox/api/store.js";
import { validateObject } from "../src/sandbox/api/validation/index.js";
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
  const discovery = new Discovery();
  let objects = 0;
  let invalid = 0;
  const bare = () => {
    for (const t of texts) loadAll(t);
  };
  const loadValidate = () => {
    objects = 0;
    invalid = 0;
    for (const t of texts) {
      for (const o of parseManifests(t).objects) {
        objects++;
        const v = o.value as { apiVersion: string; kind: string };
        const found = discovery.lookup(v.apiVersion, v.kind);
        if ("error" in found) continue;
        const decoded = decodeObject(o.value as Record<string, unknown>, found.info);
        if (!decoded.ok) continue;
        // As the API server does before defaulting: a namespaced object lands in `default`.
        if (found.info.namespaced) decoded.object.metadata.namespace ||= "default";
        applyDefaults(decoded.object, found.info);
        if (validateObject(decoded.object, found.info).length > 0) invalid++;
      }
    }
  };
  const apiPath = () => {
    for (const t of texts) {
      // A fresh API server per file, as each file is one learner's paste.
      const api = new ApiServer({ store: new ObjectStore(), random: new SeededRandom(1), now: () => 0 });
      for (const o of parseManifests(t).objects) api.create(o.value, { origin: "user" });
    }
  };
  for (let i = 0; i < 20; i++) {
    bare();
    loadValidate();
    apiPath();
  }
  const runs = 40;
  const bareMs: number[] = [];
  const lvMs: number[] = [];
  const apiMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    bareMs.push(...timeRuns(1, bare));
    lvMs.push(...timeRuns(1, loadValidate));
    apiMs.push(...timeRuns(1, apiPath));
  }
  const b = median(bareMs);
  const lv = median(lvMs);
  const api = median(apiMs);
  const mb = bytes / (1024 * 1024);
  const row = (name: string, ms: number) =>
    `| ${name} | ${fmt(ms, 3)} | ${fmt((objects / ms) * 1000, 0)} | ${fmt(mb / (ms / 1000), 1)} | ${fmt(ms / b, 2)}× |`;
  return {
    name: "Load + validate (issue 2)",
    lines: [
      `Input: ${texts.length} microservices-demo files, ${fmt(bytes / 1024, 1)} KiB, ${objects} objects (${invalid} invalid); median of ${runs} interleaved runs after warm-up.`,
      "",
      "| path | ms per pass | objects/s | MB/s | × bare parse |",
      "|---|---:|---:|---:|---:|",
      row("bare js-yaml `loadAll`", b),
      row(
        "load + validate: safe parse, discovery, OpenAPI decode with strict fields, defaulting, semantic validation",
        lv,
      ),
      row("whole API server write path: the above plus admission (7 plugins) and the store with its watch", api),
      "",
      `**Load + validate: ${fmt(lv / b, 2)}× the bare parse** (goal ≤ 1.5×).`,
    ],
  };
}
