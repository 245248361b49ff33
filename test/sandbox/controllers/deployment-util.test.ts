import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  equalIgnoreHash,
  templateWithoutHash,
} from "../../../src/sandbox/controllers/deployment-util.js";

/** The definition equalIgnoreHash must agree with: canonical JSON of both templates without the hash. */
const byJson = (a: unknown, b: unknown) =>
  canonicalJson(templateWithoutHash(a)) === canonicalJson(templateWithoutHash(b));

const templates: unknown[] = [
  undefined,
  {},
  { metadata: {} },
  { metadata: { labels: {} } },
  { metadata: { labels: { "pod-template-hash": "abc" } } },
  { metadata: { labels: { app: "web" } } },
  { metadata: { labels: { app: "web", "pod-template-hash": "abc" } } },
  { metadata: { labels: { "pod-template-hash": "xyz", app: "web" } }, spec: { containers: [{ name: "a" }] } },
  { spec: { containers: [{ name: "a" }] }, metadata: { labels: { app: "web" } } },
  { spec: { containers: [{ name: "b" }] }, metadata: { labels: { app: "web" } } },
  { spec: { containers: [{ name: "a", image: undefined }] }, metadata: { labels: { app: "web" } } },
  { spec: { containers: [{ name: "a" }, { name: "b" }] } },
  { spec: { containers: [{ name: "b" }, { name: "a" }] } },
  { spec: { replicas: 1 } },
  { spec: { replicas: "1" } },
  { spec: { list: [] } },
  { spec: { list: {} } },
  { spec: { list: [null] } },
  { spec: { list: [undefined] } },
  JSON.parse('{"metadata":{"labels":{"__proto__":"x"}}}'),
];

describe("equalIgnoreHash (deployment_util.go EqualIgnoreHash)", () => {
  it("agrees with comparing canonical JSON for every pair of templates", () => {
    const disagreements: string[] = [];
    for (const a of templates) {
      for (const b of templates) {
        if (equalIgnoreHash(a, b) !== byJson(a, b)) disagreements.push(`${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it.each([
    [{ metadata: { labels: { app: "w", "pod-template-hash": "1" } } }, { metadata: { labels: { app: "w" } } }, true],
    [{ metadata: { labels: { "pod-template-hash": "1" } } }, { metadata: {} }, true],
    [{ metadata: { labels: { "pod-template-hash": "1" } } }, {}, false],
    [{ metadata: { labels: { app: "w" } } }, { metadata: { labels: { app: "x" } } }, false],
    [{ spec: { a: 1, b: 2 } }, { spec: { b: 2, a: 1 } }, true],
  ])("compares %j and %j: %s", (a, b, want) => {
    expect(equalIgnoreHash(a, b)).toBe(want);
  });
});
