/** Paths tests share: the repository root and the shared corpus beside it. */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

export const repoRoot = resolve(new URL("../..", import.meta.url).pathname);
export const corpusRoot = resolve(repoRoot, "../shared/corpus");

/** Every YAML/JSON file under a folder, relative paths sorted. */
export function listManifestFiles(root: string): string[] {
  if (!existsSync(root)) {
    throw new Error(
      `the shared corpus is missing at ${root} (it is expected beside the repository, as ../shared/corpus)`,
    );
  }
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/.test(name)) out.push(relative(root, p));
    }
  };
  walk(root);
  return out.sort();
}
