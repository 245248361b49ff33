/**
 * Keeps `src/sandbox/api/schema/definitions.json` true to the installed `kubernetes-models`.
 *
 * Why a generated table: the JSON schemas that `kubernetes-models` ships are ajv "standalone"
 * code, which can validate but not be walked, and they do not reject unknown properties. The
 * package's `.d.ts` files, generated from the same Kubernetes OpenAPI document, do name every
 * property and its type, so this test reads them with the TypeScript compiler and asks the ajv
 * validators only what the `.d.ts` cannot say: whether a number is int32, int64 or a float, and
 * whether a string is base64 bytes. The result is a plain walkable table; it is compared with
 * the committed file, and rewritten when the test runs with `PODSENSEI_REGENERATE_SCHEMAS=1`
 * (then `npx biome format --write src/sandbox/api/schema/definitions.json`).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import definitions from "../../../src/sandbox/api/schema/definitions.json" with { type: "json" };
import { SERVED_KINDS } from "../../../src/sandbox/api/schema/served-kinds.js";

const require = createRequire(import.meta.url);
const ROOTS = [
  { pkg: "kubernetes-models", dir: dirname(require.resolve("kubernetes-models/package.json")) },
  {
    pkg: "@kubernetes-models/apimachinery",
    dir: dirname(require.resolve("@kubernetes-models/apimachinery/package.json")),
  },
];
const OUTPUT = new URL("../../../src/sandbox/api/schema/definitions.json", import.meta.url);

interface Declaration {
  global: string;
  pkg: string;
  goPackage: string;
  goName: string;
  node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration;
  /** Local interface names of this file → global names. */
  locals: Map<string, string>;
}

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; keyword: string; params: any }[] };

function dtsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (entry !== "_schemas" && entry !== "node_modules") out.push(...dtsFiles(path));
    } else if (entry.endsWith(".d.ts") && entry !== "index.d.ts") out.push(path);
  }
  return out;
}

function indexDeclarations(): Map<string, Declaration> {
  const index = new Map<string, Declaration>();
  for (const root of ROOTS) {
    for (const file of dtsFiles(root.dir)) {
      const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
      const locals = new Map<string, string>();
      const nodes = new Map<string, ts.InterfaceDeclaration | ts.TypeAliasDeclaration>();
      for (const st of source.statements) {
        if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) nodes.set(st.name.text, st);
        if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
          for (const el of st.exportClause.elements) {
            if (el.propertyName && el.name.text.startsWith("IIoK8s")) locals.set(el.propertyName.text, el.name.text);
          }
        }
      }
      const parts = relative(root.dir, file).split(sep);
      for (const [local, global] of locals) {
        const node = nodes.get(local);
        if (!node) continue;
        index.set(global, {
          global,
          pkg: root.pkg,
          goPackage: parts[parts.length - 2] ?? "",
          goName: local.slice(1),
          node,
          locals,
        });
      }
    }
  }
  return index;
}

/** Definition key: the global name without the `IIoK8s` prefix. */
function keyOf(global: string): string {
  return global.replace(/^IIoK8s/, "");
}

const SPECIAL: Record<string, string> = {
  IIoK8sApimachineryPkgApiResourceQuantity: "quantity",
  IIoK8sApimachineryPkgUtilIntstrIntOrString: "intstr",
  IIoK8sApimachineryPkgApisMetaV1Time: "time",
  IIoK8sApimachineryPkgApisMetaV1MicroTime: "time",
};

class Generator {
  readonly definitions: Record<string, { go: string; fields: Record<string, string> }> = {};
  private readonly queue: string[] = [];

  constructor(private readonly index: Map<string, Declaration>) {}

  async add(global: string): Promise<string> {
    if (!this.definitions[keyOf(global)]) {
      this.definitions[keyOf(global)] = { go: "", fields: {} };
      this.queue.push(global);
    }
    return keyOf(global);
  }

  async run(): Promise<void> {
    for (let global = this.queue.shift(); global; global = this.queue.shift()) await this.build(global);
  }

  private async build(global: string): Promise<void> {
    const decl = this.index.get(global);
    if (!decl || !ts.isInterfaceDeclaration(decl.node)) throw new Error(`no interface for ${global}`);
    const mod = (await import(`${decl.pkg}/_schemas/${global.slice(1)}`)) as { validate: Validate };
    const fields: Record<string, string> = {};
    for (const member of decl.node.members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const name = ts.isStringLiteral(member.name) ? member.name.text : member.name.getText();
      fields[name] = await this.typeOf(member.type, decl, (wrap, probe) =>
        probeErrors(mod.validate, name, wrap, probe),
      );
    }
    this.definitions[keyOf(global)] = { go: `${decl.goPackage}.${decl.goName}`, fields };
  }

  /**
   * An object type written inline (an embedded resource such as a StatefulSet's
   * volumeClaimTemplates) is the definition with the same properties and property types.
   */
  private inlined(node: ts.TypeLiteralNode, decl: Declaration): string {
    const shape = (members: ts.NodeArray<ts.TypeElement>, locals: Map<string, string>) =>
      members
        .filter(ts.isPropertySignature)
        .map((m) => {
          const name = m.name.getText();
          const type = name === '"apiVersion"' || name === '"kind"' ? "" : (m.type?.getText() ?? "");
          return `${name}:${locals.get(type) ?? type}`;
        })
        .sort()
        .join(",");
    const want = shape(node.members, decl.locals);
    for (const candidate of this.index.values()) {
      if (ts.isInterfaceDeclaration(candidate.node) && shape(candidate.node.members, candidate.locals) === want) {
        return candidate.global;
      }
    }
    throw new Error(`no definition matches an inline type in ${decl.global}`);
  }

  /** Encodes a property type; `probe` asks the ajv validator about a value at this position. */
  private async typeOf(node: ts.TypeNode, decl: Declaration, probe: Prober): Promise<string> {
    if (node.kind === ts.SyntaxKind.StringKeyword) {
      return (await probe((v) => v, "!!!")).some((e) => e.keyword === "format" && e.params.format === "byte")
        ? "bytes"
        : "string";
    }
    if (node.kind === ts.SyntaxKind.BooleanKeyword) return "bool";
    if (node.kind === ts.SyntaxKind.NumberKeyword) {
      const fraction = await probe((v) => v, 0.5);
      if (!fraction.some((e) => e.keyword === "type" && e.params.type === "integer")) return "float64";
      const big = await probe((v) => v, 2 ** 40);
      return big.some((e) => e.keyword === "format" && e.params.format === "int32") ? "int32" : "int64";
    }
    if (ts.isUnionTypeNode(node) && node.types.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
      return "string";
    }
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return "string";
    if (ts.isArrayTypeNode(node)) return `[]${await this.typeOf(node.elementType, decl, nest(probe, "array"))}`;
    if (ts.isTypeLiteralNode(node)) {
      const index = node.members.find(ts.isIndexSignatureDeclaration);
      if (index) return `map[string]${await this.typeOf(index.type, decl, nest(probe, "map"))}`;
      return `@${await this.add(this.inlined(node, decl))}`;
    }
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText();
      if (name === "Array" && node.typeArguments?.[0]) {
        return `[]${await this.typeOf(node.typeArguments[0], decl, nest(probe, "array"))}`;
      }
      const global = decl.locals.get(name) ?? name;
      const special = SPECIAL[global];
      if (special) return special;
      const target = this.index.get(global);
      if (!target) throw new Error(`unresolved ${name} in ${decl.global}`);
      if (ts.isInterfaceDeclaration(target.node) && target.node.members.length === 0) return "any";
      return `@${await this.add(global)}`;
    }
    throw new Error(`unsupported type ${ts.SyntaxKind[node.kind]} in ${decl.global}`);
  }
}

type ProbeError = { keyword: string; params: any };
type Prober = (wrap: (v: unknown) => unknown, value: unknown) => Promise<ProbeError[]>;

function nest(probe: Prober, as: "array" | "map"): Prober {
  return (wrap, value) => probe((v) => (as === "array" ? [wrap(v)] : { k: wrap(v) }), value);
}

/** Errors the validator reports exactly at the probed value (`/<field>[/0|/k]...`). */
async function probeErrors(
  validate: Validate,
  field: string,
  wrap: (v: unknown) => unknown,
  value: unknown,
): Promise<ProbeError[]> {
  const marker = Symbol("path");
  let path = "";
  const located = wrap(marker);
  const walk = (v: unknown, at: string): void => {
    if (v === marker) path = at;
    else if (Array.isArray(v)) walk(v[0], `${at}/0`);
    else if (v && typeof v === "object") walk((v as Record<string, unknown>).k, `${at}/k`);
  };
  walk(located, `/${field.replace(/~/g, "~0").replace(/\//g, "~1")}`);
  validate({ [field]: wrap(value) });
  return (validate.errors ?? []).filter((e) => e.instancePath === path);
}

async function generate(): Promise<unknown> {
  const index = indexDeclarations();
  const gen = new Generator(index);
  const kinds: Record<string, string> = {};
  for (const k of SERVED_KINDS) {
    const dir = k.group ? `${k.group}/${k.version}` : k.version;
    const file = join(ROOTS[0]!.dir, dir, `${k.kind}.d.ts`);
    const global = readFileSync(file, "utf8").match(/ as (IIoK8s\w+)/)?.[1];
    if (!global) throw new Error(`no model for ${dir} ${k.kind}`);
    kinds[`${dir}|${k.kind}`] = await gen.add(global);
  }
  await gen.run();
  const sorted = Object.fromEntries(Object.entries(gen.definitions).sort(([a], [b]) => (a < b ? -1 : 1)));
  const version = (require("kubernetes-models/package.json") as { version: string }).version;
  return { source: `kubernetes-models ${version}`, kinds, definitions: sorted };
}

describe("schema definitions table", () => {
  it("matches the .d.ts files and validators of the installed kubernetes-models", async () => {
    const generated = await generate();
    if (process.env.PODSENSEI_REGENERATE_SCHEMAS === "1") {
      writeFileSync(OUTPUT, `${JSON.stringify(generated, null, 2)}\n`);
    }
    expect(definitions).toEqual(generated);
  }, 60_000);
});
