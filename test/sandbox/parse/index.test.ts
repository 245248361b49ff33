import { describe, expect, it } from "vitest";
import { describeLimit, LIMITS } from "../../../src/core/limits.js";
import { type ParseResult, parseManifests } from "../../../src/sandbox/parse/index.js";

const NOT_AN_OBJECT_STRUCT =
  'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

/** `[document, line]` of every object, the shape most cases assert. */
function placements(result: ParseResult): Array<[number, number]> {
  return result.objects.map((o) => [o.document, o.line]);
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

describe("parseManifests: documents, lines and values", () => {
  const cases: Array<{ name: string; input: string; want: Array<[number, number]>; values?: unknown[] }> = [
    {
      name: "several documents keep their 1-based index and first-key line",
      input: "apiVersion: v1\nkind: Pod\n---\n# a comment\n\nkind: Service\n---\nkind: ConfigMap\n",
      want: [
        [1, 1],
        [2, 6],
        [3, 8],
      ],
    },
    {
      name: "comment-only documents are skipped but numbered; blank sections and repeated --- are not documents",
      input: "---\nkind: A\n---\n---\n# only a comment\n---\n\n---\nkind: B\n",
      want: [
        [1, 2],
        [3, 9],
      ],
    },
    {
      name: "a leading --- opens the first document; a trailing one adds nothing",
      input: "---\nkind: A\n---\n",
      want: [[1, 2]],
    },
    {
      name: "a List expands into its items, each with its own line",
      input:
        "apiVersion: v1\nkind: List\nitems:\n- kind: Pod\n  metadata: {name: a}\n-   kind: Service\n    x: 1\n---\nkind: Pod\n",
      want: [
        [1, 4],
        [1, 6],
        [2, 9],
      ],
      values: [{ kind: "Pod", metadata: { name: "a" } }, { kind: "Service", x: 1 }, { kind: "Pod" }],
    },
    {
      name: "any *List kind expands; a non-List kind with items does not",
      input: "kind: PodList\nitems:\n  - kind: Pod\n---\nkind: Thing\nitems: [1]\n",
      want: [
        [1, 3],
        [2, 5],
      ],
    },
    {
      name: "only the first document of a section is read, as go-yaml reads one (after `...`)",
      input: "kind: A\n...\nkind: Ignored\n---\nkind: B\n",
      want: [
        [1, 1],
        [2, 5],
      ],
      values: [{ kind: "A" }, { kind: "B" }],
    },
    {
      name: "JSON object",
      input: '{\n\t"apiVersion": "v1",\n\t"kind": "Pod"\n}\n',
      want: [[1, 2]],
      values: [{ apiVersion: "v1", kind: "Pod" }],
    },
    {
      name: "JSON List with item lines; duplicate keys take the last value as Go's encoding/json does",
      input: '{"kind": "List", "items": [\n  {"kind": "Pod", "kind": "Service"},\n  {"kind": "Pod"}\n]}',
      want: [
        [1, 2],
        [1, 3],
      ],
      values: [{ kind: "Service" }, { kind: "Pod" }],
    },
    {
      name: "CRLF line ends count as one line each",
      input: "kind: A\r\n---\r\n\r\nkind: B\r\nspec:\r\n  x: 1\r\n",
      want: [
        [1, 1],
        [2, 4],
      ],
      values: [{ kind: "A" }, { kind: "B", spec: { x: 1 } }],
    },
    {
      name: "a UTF-8 BOM is stripped",
      input: "\uFEFFkind: Pod\n",
      want: [[1, 1]],
      values: [{ kind: "Pod" }],
    },
    {
      name: "scalars resolve as go-yaml v2 does (YAML 1.1 booleans and octals, timestamps stay strings)",
      input: "a: yes\nb: 0644\nc: off\nd: 2024-01-01\ne: 1e3\nf: ~\ng: '0644'\n",
      want: [[1, 1]],
      values: [{ a: true, b: 420, c: false, d: "2024-01-01", e: 1000, f: null, g: "0644" }],
    },
    {
      name: "merge keys merge, as in go-yaml",
      input: "base: &b {cpu: 1, memory: 2}\nlimits:\n  <<: *b\n  cpu: 3\n",
      want: [[1, 1]],
      values: [{ base: { cpu: 1, memory: 2 }, limits: { cpu: 3, memory: 2 } }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = parseManifests(c.input);
      expect(result.problems).toEqual([]);
      expect(result.fatal).toBeNull();
      expect(placements(result)).toEqual(c.want);
      if (c.values) expect(result.objects.map((o) => o.value)).toEqual(c.values);
    });
  }

  it("bytes and strings give the same result, BOM included", () => {
    const text = "kind: A\n---\nkind: B\n";
    expect(parseManifests(utf8(`\uFEFF${text}`))).toEqual(parseManifests(text));
  });

  it("aliased values become independent copies", () => {
    const result = parseManifests("a: &r {cpu: 1}\nb: *r\n");
    const value = result.objects[0]?.value as { a: { cpu: number }; b: { cpu: number } };
    expect(value.b).toEqual({ cpu: 1 });
    value.a.cpu = 2;
    expect(value.b.cpu).toBe(1);
  });
});

describe("parseManifests: kubectl's texts for documents it cannot read", () => {
  const cases: Array<{ name: string; input: string | Uint8Array; document: number; line: number; message: string }> = [
    {
      name: "a duplicate key (line counted within the document, as kubectl does)",
      input: "kind: A\n---\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x\n    image: y\n",
      document: 2,
      line: 9,
      message:
        'error parsing STDIN: error converting YAML to JSON: yaml: unmarshal errors:\n  line 7: key "image" already set in map',
    },
    {
      name: "a duplicate boolean key is printed bare, as Go's %#v prints it",
      input: "a:\n  true: 1\n  yes: 2\n",
      document: 1,
      line: 3,
      message:
        "error parsing STDIN: error converting YAML to JSON: yaml: unmarshal errors:\n  line 3: key true already set in map",
    },
    {
      name: "a tab used for indentation",
      input: "kind: Pod\nspec:\n\tcontainers: []\n",
      document: 1,
      line: 3,
      message:
        "error parsing STDIN: error converting YAML to JSON: yaml: line 3: found character that cannot start any token",
    },
    {
      name: "a syntax error keeps js-yaml's reason after kubectl's prefix",
      input: "kind: A\n---\nkind: B\nmetadata:\n  name: x\n   labels: {}\n",
      document: 2,
      line: 6,
      message: "error parsing STDIN: error converting YAML to JSON: yaml: line 4: bad indentation of a mapping entry",
    },
    {
      name: "invalid UTF-8",
      input: new Uint8Array([...utf8("kind: A\n---\nkind: B\nname: "), 0xff, ...utf8("\n")]),
      document: 2,
      line: 4,
      message: "error parsing STDIN: error converting YAML to JSON: yaml: invalid leading UTF-8 octet",
    },
    {
      name: "a truncated UTF-8 sequence at the end",
      input: new Uint8Array([...utf8("name: "), 0xe2, 0x82]),
      document: 1,
      line: 1,
      message: "error parsing STDIN: error converting YAML to JSON: yaml: incomplete UTF-8 octet sequence",
    },
    {
      name: "a bad continuation byte",
      input: new Uint8Array([...utf8("a: 1\nname: "), 0xc3, 0x28]),
      document: 1,
      line: 2,
      message: "error parsing STDIN: error converting YAML to JSON: yaml: invalid trailing UTF-8 octet",
    },
    {
      name: "a null byte",
      input: "kind: A\nname: a\u0000b\n",
      document: 1,
      line: 2,
      message: "error parsing STDIN: error converting YAML to JSON: yaml: line 2: control characters are not allowed",
    },
    {
      name: "a scalar document",
      input: "kind: A\n---\nhello world\n",
      document: 2,
      line: 3,
      message: `unable to decode "STDIN": json: cannot unmarshal string into Go value of type ${NOT_AN_OBJECT_STRUCT}`,
    },
    {
      name: "a list document",
      input: "- kind: Pod\n",
      document: 1,
      line: 1,
      message: `unable to decode "STDIN": json: cannot unmarshal array into Go value of type ${NOT_AN_OBJECT_STRUCT}`,
    },
    {
      name: "a List item that is not a mapping",
      input: "kind: List\nitems:\n- kind: Pod\n- 42\n",
      document: 1,
      line: 4,
      message: 'unable to decode "STDIN": json: cannot unmarshal number into Go value of type map[string]interface {}',
    },
    {
      name: "text after --- on a separator line",
      input: "kind: A\n--- kind: B\nkind: C\n",
      document: 2,
      line: 2,
      message: "error parsing STDIN: invalid Yaml document separator: kind: B",
    },
    {
      name: "an alias to an anchor that does not exist",
      input: "a: 1\nb: *nowhere\n",
      document: 1,
      line: 2,
      message: "error parsing STDIN: error converting YAML to JSON: yaml: unknown anchor 'nowhere' referenced",
    },
    {
      name: "an anchor that contains itself",
      input: "a: &loop\n  - *loop\n",
      document: 1,
      line: 2,
      message: "error parsing STDIN: error converting YAML to JSON: yaml: anchor 'loop' value contains itself",
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = parseManifests(c.input);
      expect(result.fatal).toBeNull();
      expect(result.problems).toEqual([{ document: c.document, line: c.line, message: c.message }]);
    });
  }

  it("names the file when given one", () => {
    const result = parseManifests("- a\n", { filename: "web.yaml" });
    expect(result.problems[0]?.message).toMatch(/^unable to decode "web\.yaml": /);
  });

  it("a bad document does not stop the others", () => {
    const result = parseManifests("kind: A\n---\na: [\n---\nkind: C\n");
    expect(result.problems.map((p) => p.document)).toEqual([2]);
    expect(placements(result)).toEqual([
      [1, 1],
      [3, 5],
    ]);
  });
});

describe("parseManifests: limits", () => {
  it("paste size is checked on bytes before parsing", () => {
    const size = LIMITS.pasteBytes + 1;
    for (const input of ["a".repeat(size), new Uint8Array(size).fill(0x61)]) {
      const result = parseManifests(input);
      expect(result.fatal).toEqual({
        document: 1,
        line: 1,
        message: `the paste is 1,048,577 bytes, over the ${describeLimit("pasteBytes")}`,
        limit: "pasteBytes",
      });
    }
    // Multi-byte characters count as bytes, not as string length.
    const euros = "€".repeat(Math.ceil(LIMITS.pasteBytes / 3) + 1);
    expect(parseManifests(`a: ${euros}`).fatal?.limit).toBe("pasteBytes");
    expect(parseManifests("a: 1\n").fatal).toBeNull();
  });

  it("documents: the limit passes, one more is fatal", () => {
    const docs = (n: number) => Array.from({ length: n }, (_, i) => `kind: K${i}\n`).join("---\n");
    expect(parseManifests(docs(LIMITS.documents)).objects).toHaveLength(LIMITS.documents);
    const over = parseManifests(docs(LIMITS.documents + 1));
    expect(over.fatal).toEqual({
      document: 1,
      line: 1,
      message: `the paste has 501 documents, over the ${describeLimit("documents")}`,
      limit: "documents",
    });
    expect(over.objects).toEqual([]);
  });

  it("aliases per document: the limit passes, one more is a problem for that document only", () => {
    const doc = (n: number) => `a: &x 1\nrefs: [${Array.from({ length: n }, () => "*x").join(", ")}]\n`;
    expect(parseManifests(doc(LIMITS.aliasesPerDocument)).problems).toEqual([]);
    const result = parseManifests(`${doc(LIMITS.aliasesPerDocument + 1)}---\nkind: B\n`);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ document: 1, line: 2, limit: "aliasesPerDocument" });
    expect(result.problems[0]?.message).toContain(describeLimit("aliasesPerDocument"));
    expect(placements(result)).toEqual([[2, 4]]);
  });

  it("alias expansion across the paste is fatal past the limit", () => {
    // 90 aliases of a 1,001-value list expand to 90,090 values: fine once, over the limit twice.
    const doc = `big: &big [${Array.from({ length: 1000 }, (_, i) => i).join(",")}]\nrefs: [${Array(90).fill("*big").join(",")}]\n`;
    expect(parseManifests(doc).fatal).toBeNull();
    const result = parseManifests(`${doc}---\n${doc}`);
    expect(result.fatal).toMatchObject({ document: 2, limit: "aliasExpansionNodes" });
    expect(result.fatal?.message).toContain(describeLimit("aliasExpansionNodes"));
  });

  it("nesting depth: the limit passes, one more level is a problem", () => {
    const nest = (n: number) => `a: ${"[".repeat(n - 1)}${"]".repeat(n - 1)}\n`;
    expect(parseManifests(nest(LIMITS.nestingDepth)).problems).toEqual([]);
    const result = parseManifests(nest(LIMITS.nestingDepth + 1));
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ document: 1, line: 1, limit: "nestingDepth" });
    expect(result.problems[0]?.message).toContain(describeLimit("nestingDepth"));
  });

  it("nesting depth counts depth reached through aliases", () => {
    const deep = `${"[".repeat(40)}${"]".repeat(40)}`;
    const result = parseManifests(`a: &d ${deep}\nb: [[[[[[[[[[[[[[[[[[[[[[[[[[[[*d]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n`);
    expect(result.problems[0]).toMatchObject({ line: 2, limit: "nestingDepth" });
  });

  it("string length: the limit passes, one more character is a problem", () => {
    const at = (n: number) => `kind: A\nspec: ${"x".repeat(n)}\n`;
    expect(parseManifests(at(LIMITS.stringLength)).problems).toEqual([]);
    const result = parseManifests(at(LIMITS.stringLength + 1));
    expect(result.problems).toEqual([
      {
        document: 1,
        line: 2,
        message: `a string of 262,145 characters is over the ${describeLimit("stringLength")}`,
        limit: "stringLength",
      },
    ]);
  });

  it("objects: the limit passes, one more List item is fatal", () => {
    const list = (n: number) => `kind: List\nitems:\n${"- {kind: Pod}\n".repeat(n)}`;
    expect(parseManifests(list(LIMITS.objects)).objects).toHaveLength(LIMITS.objects);
    const result = parseManifests(list(LIMITS.objects + 1));
    expect(result.fatal).toEqual({
      document: 1,
      line: LIMITS.objects + 3,
      message: `the paste has more than 2,000 objects, over the ${describeLimit("objects")}`,
      limit: "objects",
    });
    expect(result.objects).toEqual([]);
  });
});

describe("parseManifests: prototype keys stay data", () => {
  it("__proto__, constructor and prototype are own data properties and pollute nothing", () => {
    const input =
      "__proto__: {polluted: yes}\nconstructor: {prototype: {polluted: yes}}\nprototype: {polluted: yes}\nmeta: &m {__proto__: {polluted: yes}}\ncopy: *m\nmerged: {<<: *m}\n";
    const [object] = parseManifests(input).objects;
    const value = object?.value as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    for (const key of ["__proto__", "constructor", "prototype"]) {
      expect(Object.hasOwn(value, key)).toBe(true);
    }
    expect(Object.getOwnPropertyDescriptor(value, "__proto__")?.value).toEqual({ polluted: true });
    const copy = value.copy as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(copy, "__proto__")?.value).toEqual({ polluted: true });
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });
});
