import { describe, expect, it } from "vitest";
import { describeLimit, type LimitName } from "../../../src/core/limits.js";
import { SeededRandom } from "../../../src/sandbox/model/random.js";
import { type ParseResult, parseManifests } from "../../../src/sandbox/parse/index.js";

/** A generous bound: these are safety tests, not benchmarks. */
const MAX_MS = 2000;
const MAX_HEAP_GROWTH = 300 * 1024 * 1024;

/** Parses `input`, failing if it throws, takes too long, or grows the heap too much. */
function parseHostile(input: string | Uint8Array): ParseResult {
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const result = parseManifests(input);
  const elapsed = performance.now() - started;
  expect(elapsed).toBeLessThan(MAX_MS);
  expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(MAX_HEAP_GROWTH);
  return result;
}

/** Asserts that the paste was refused with a problem naming `limit`. */
function expectLimit(result: ParseResult, limit: LimitName): void {
  const named = [result.fatal, ...result.problems].filter((p) => p?.limit === limit);
  expect(named.length).toBeGreaterThan(0);
  expect(named[0]?.message).toContain(describeLimit(limit));
}

function billionLaughs(levels: number, fanOut: number): string {
  const lines = [`l0: &l0 [${Array(fanOut).fill('"lol"').join(", ")}]`];
  for (let i = 1; i < levels; i++)
    lines.push(
      `l${i}: &l${i} [${Array(fanOut)
        .fill(`*l${i - 1}`)
        .join(", ")}]`,
    );
  return `${lines.join("\n")}\n`;
}

describe("hostile input: every paste finishes quickly with a problem naming the limit", () => {
  it("billion laughs (9 levels of 9 aliases) is refused by the alias expansion limit", () => {
    const result = parseHostile(billionLaughs(9, 9));
    expect(result.fatal?.limit).toBe("aliasExpansionNodes");
    expectLimit(result, "aliasExpansionNodes");
    expect(result.objects).toEqual([]);
  });

  it("an alias flood is refused by the aliases-per-document limit", () => {
    const result = parseHostile(`a: &a lol\nb: [${Array(50_000).fill("*a").join(", ")}]\n`);
    expectLimit(result, "aliasesPerDocument");
    expect(result.objects).toEqual([]);
  });

  it("a 20 MB paste is refused on its size before parsing", () => {
    const text = `a: ${"x".repeat(20 * 1024 * 1024)}\n`;
    const result = parseHostile(text);
    expect(result.fatal?.message).toBe("the paste is 20.0 MiB, over the paste size limit (1 MiB)");
    expect(result.fatal?.limit).toBe("pasteBytes");
    expectLimit(parseHostile(new Uint8Array(20 * 1024 * 1024).fill(0x41)), "pasteBytes");
  });

  const deep = 50_000;
  const nestings: Array<{ name: string; input: string }> = [
    { name: "[[[[ closed", input: `${"[".repeat(deep)}${"]".repeat(deep)}` },
    { name: "[[[[ never closed", input: "[".repeat(deep) },
    { name: "{a: {a: flow mappings", input: `${"{a: ".repeat(deep)}1${"}".repeat(deep)}` },
    { name: "- - - compact block sequences", input: `${"- ".repeat(deep)}x\n` },
    { name: "a:\\n a:\\n  a: block mappings (1,000 deep, as deep as fits the paste)", input: blockMappings(1000) },
  ];
  for (const { name, input } of nestings) {
    it(`deep nesting: ${name}`, () => {
      const result = parseHostile(input);
      expectLimit(result, "nestingDepth");
      expect(result.objects).toEqual([]);
    });
  }

  it("10,000 documents are refused by the documents limit", () => {
    const result = parseHostile("kind: Pod\n---\n".repeat(10_000));
    expect(result.fatal?.message).toBe("the paste has 10,000 documents, over the documents per paste limit (500)");
    expectLimit(result, "documents");
  });

  it("10,000 bare separators are refused too", () => {
    expectLimit(parseHostile("---\n".repeat(10_000)), "documents");
  });

  it("seeded binary noise becomes problems, never an exception", () => {
    for (const seed of [1, 2, 3]) {
      const random = new SeededRandom(seed);
      const bytes = new Uint8Array(256 * 1024);
      for (let i = 0; i < bytes.length; i++) bytes[i] = random.int(256);
      const result = parseHostile(bytes);
      expect(result.problems.length + (result.fatal === null ? 0 : 1)).toBeGreaterThan(0);
      for (const problem of result.problems) {
        expect(problem.document).toBeGreaterThanOrEqual(1);
        expect(problem.line).toBeGreaterThanOrEqual(1);
        expect(problem.message.length).toBeGreaterThan(0);
      }
    }
  });

  it("seeded YAML-punctuation noise never throws", () => {
    const alphabet = "ab:-&*!|>'\"%@`#[]{},?\t\n \n  \n---\n...\n<<\\";
    for (const seed of [11, 12, 13, 14, 15]) {
      const random = new SeededRandom(seed);
      let text = "";
      for (let i = 0; i < 64 * 1024; i++) text += alphabet[random.int(alphabet.length)];
      const result = parseHostile(text);
      for (const problem of result.problems) expect(problem.line).toBeGreaterThanOrEqual(1);
    }
  });

  it("a very long string is refused by the string length limit, wherever it sits", () => {
    const long = "x".repeat(1000 * 1000);
    for (const input of [`a: ${long}\n`, `${long}: 1\n`, `a: |\n  ${long}\n`, `a: "${long}"\n`]) {
      const result = parseHostile(input);
      expectLimit(result, "stringLength");
      expect(result.objects).toEqual([]);
    }
  });
});

describe("hostile input: prototype keys stay inert data", () => {
  const inputs: Array<{ name: string; input: string; path: string[] }> = [
    { name: "block mapping", input: "__proto__:\n  polluted: yes\n", path: ["__proto__"] },
    { name: "JSON", input: '{"__proto__": {"polluted": true}}', path: ["__proto__"] },
    {
      name: "constructor.prototype",
      input: "constructor:\n  prototype:\n    polluted: yes\n",
      path: ["constructor", "prototype"],
    },
    { name: "through an alias", input: "x: &p {polluted: yes}\n__proto__: *p\n", path: ["__proto__"] },
    {
      name: "through a merge key",
      input: "x: &p {__proto__: {polluted: yes}}\nmerged: {<<: *p}\n",
      path: ["merged", "__proto__"],
    },
    {
      name: "through an inline merge",
      input: "merged:\n  <<: [{__proto__: {polluted: yes}}]\n",
      path: ["merged", "__proto__"],
    },
    { name: "a List item", input: "kind: List\nitems:\n- __proto__: {polluted: yes}\n", path: ["__proto__"] },
  ];
  for (const { name, input, path } of inputs) {
    it(`${name}: no pollution and the key survives as data`, () => {
      const result = parseHostile(input);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty("polluted");
      let node: unknown = result.objects[0]?.value;
      for (const key of path) {
        expect(Object.hasOwn(node as object, key)).toBe(true);
        node = Object.getOwnPropertyDescriptor(node, key)?.value;
      }
      expect(node).toEqual({ polluted: true });
    });
  }
});

function blockMappings(depth: number): string {
  let text = "";
  for (let i = 0; i < depth; i++) text += `${" ".repeat(i)}a:\n`;
  return text;
}
