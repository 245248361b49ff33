/**
 * Decode throughput: objects per second through `decodeObject` (schema walk, strict fields,
 * quantities) over the built-in objects of the microservices-demo corpus.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { loadAll } from "js-yaml";
import { decodeObject } from "../src/sandbox/api/decode.js";
import { Discovery } from "../src/sandbox/api/discovery.js";
import type { KindInfo } from "../src/sandbox/api/types.js";

const CORPUS = "/work/shared/corpus/microservices-demo";
const MIN_SECONDS = 1;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return entry.endsWith(".yaml") || entry.endsWith(".yml") ? [path] : [];
  });
}

/** The corpus objects of served kinds, each with its discovery entry. */
function corpusObjects(): { input: Record<string, unknown>; info: KindInfo }[] {
  const discovery = new Discovery();
  const out: { input: Record<string, unknown>; info: KindInfo }[] = [];
  for (const file of yamlFiles(CORPUS)) {
    for (const doc of loadAll(readFileSync(file, "utf8"))) {
      if (typeof doc !== "object" || doc === null || Array.isArray(doc)) continue;
      const o = doc as Record<string, unknown>;
      if (typeof o.apiVersion !== "string" || typeof o.kind !== "string") continue;
      const found = discovery.lookup(o.apiVersion, o.kind);
      if ("info" in found) out.push({ input: o, info: found.info });
    }
  }
  return out;
}

/** Runs decode over the corpus for at least a second; reports objects/s and rejections. */
export async function benchValidate(): Promise<{ name: string; lines: string[] }> {
  const objects = corpusObjects();
  if (objects.length === 0) return { name: "validate", lines: [`no objects found under ${CORPUS}`] };
  let decoded = 0;
  let rejected = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MIN_SECONDS * 1000) {
    for (const { input, info } of objects) {
      if (!decodeObject(input, info).ok) rejected++;
      decoded++;
    }
    elapsed = performance.now() - start;
  }
  const perSecond = Math.round(decoded / (elapsed / 1000));
  return {
    name: "validate",
    lines: [
      `decode: ${perSecond.toLocaleString("en-US")} objects/s (${objects.length} corpus objects, ${decoded.toLocaleString("en-US")} decodes in ${(elapsed / 1000).toFixed(2)}s)`,
      `rejected: ${rejected} (expected 0: the corpus is valid Kubernetes)`,
    ],
  };
}
