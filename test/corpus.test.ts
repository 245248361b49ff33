/**
 * Every manifest of the shared corpus (real files nobody here wrote) goes through `simulate`: no
 * crash, no usage error, every rejection names its document and line, and none of the
 * microservices-demo manifests that a current cluster accepts is rejected.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { simulationResultSchema } from "../src/sandbox/result.js";
import { simulate, usageProblems } from "../src/sandbox/simulate.js";
import { corpusRoot, listManifestFiles } from "./support/paths.js";

const files = listManifestFiles(corpusRoot);

/** microservices-demo files a v1.34 cluster accepts (the Istio file needs Istio's CRDs; kustomization files are not API objects). */
const ACCEPTED_BY_A_REAL_CLUSTER =
  /^microservices-demo\/(kubernetes-manifests\/|release\/kubernetes-manifests\.yaml|kustomize\/components\/network-policies\/)/;

describe("the shared corpus", () => {
  it("holds the expected number of files", () => {
    expect(files.length).toBeGreaterThan(250);
  });

  it.each(files)("%s loads and gets an honest answer", (file) => {
    const bytes = readFileSync(join(corpusRoot, file));
    const input = { manifests: new Uint8Array(bytes) };
    expect(usageProblems(input)).toEqual([]);
    const result = simulationResultSchema.parse(simulate(input));
    for (const r of result.rejected) {
      expect(r.message.length).toBeGreaterThan(0);
      expect(r.document).toBeGreaterThanOrEqual(1);
      expect(r.line).toBeGreaterThanOrEqual(1);
    }
    const saidEmpty = result.findings.some((f) => f.message.startsWith("error: no objects passed to apply"));
    expect(result.objects.length + result.rejected.length > 0 || saidEmpty).toBe(true);
    if (ACCEPTED_BY_A_REAL_CLUSTER.test(file)) expect(result.rejected).toEqual([]);
  });
});
