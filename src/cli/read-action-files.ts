/**
 * Reads the files that `--then 'T: kubectl apply -f FILE'` actions name, so the sandbox (which
 * never touches the file system) finds them in `SimulationInput.files`. Paths are relative to the
 * working directory, as kubectl reads them; a directory contributes its `.json`, `.yaml` and
 * `.yml` files in name order, not recursing (cli-runtime pkg/resource/visitor.go,
 * ExpandPathsToFileVisitors with FileExtensions). Each file or directory is held to the paste
 * size limit. Errors use kubectl's words (cli-runtime pkg/resource/builder.go, Builder.Path).
 */
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describeLimit, LIMITS } from "../core/limits.js";
import { actionFile } from "../sandbox/actions/index.js";
import { readInput } from "./read-input.js";

const EXTENSIONS = [".json", ".yaml", ".yml"];

export type ActionFiles = { ok: true; files: Record<string, string> } | { ok: false; message: string };

/** Reads every file the actions name; the first problem is a usage error (exit 2). */
export function readActionFiles(actions: string[], cwd: string): ActionFiles {
  const files: Record<string, string> = {};
  for (const action of actions) {
    const path = actionFile(action);
    if (path === undefined || path in files) continue;
    const read = readPath(path, resolve(cwd, path));
    if (!read.ok) return { ok: false, message: `--then ${JSON.stringify(action)}: error: ${read.message}` };
    files[path] = read.text;
  }
  return { ok: true, files };
}

function readPath(shown: string, full: string): { ok: true; text: string } | { ok: false; message: string } {
  if (shown === "-") return { ok: false, message: "-f - (standard input) cannot be used in --then; name a file" };
  if (/^https?:\/\//.test(shown))
    return { ok: false, message: `${shown}: URLs are not fetched; download the file and name it` };
  let isDirectory: boolean;
  try {
    isDirectory = statSync(full).isDirectory();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR")
      return { ok: false, message: `the path ${JSON.stringify(shown)} does not exist` };
    return { ok: false, message: `the path ${JSON.stringify(shown)} cannot be accessed: ${(e as Error).message}` };
  }
  const paths = isDirectory
    ? readdirSync(full)
        .filter((name) => EXTENSIONS.some((ext) => name.endsWith(ext)) && !statSync(join(full, name)).isDirectory())
        .sort()
        .map((name) => join(full, name))
    : [full];
  const parts: Buffer[] = [];
  let total = 0;
  for (const p of paths) {
    const source = readInput(p);
    total += source.oversizeBytes ?? source.bytes.length;
    if (total > LIMITS.pasteBytes)
      return {
        ok: false,
        message: `${shown} is ${(total / (1024 * 1024)).toFixed(1)} MiB, over the ${describeLimit("pasteBytes")}`,
      };
    if (parts.length > 0) parts.push(Buffer.from("\n---\n"));
    parts.push(source.bytes);
  }
  return { ok: true, text: Buffer.concat(parts).toString("utf8") };
}
