/**
 * Parsing `--then 'DURATION: COMMAND'` (CONTRACT.md): a Go duration (`90s`, `5m`, `1h30m`;
 * time.ParseDuration's grammar) and a kubectl command line. Errors are values with the message
 * the CLI prints before exiting 2.
 */

import { tokenize } from "../kubelet/command.js";
import { parseGoDuration } from "../model/duration.js";
import { parseManifests } from "../parse/index.js";
import { resolveKind } from "./kubectl.js";
import type { ActionBody, ParseActionResult, TaintSpec, Target } from "./types.js";

interface Flags {
  positional: string[];
  flags: Map<string, string>;
}

const VALUE_FLAGS = new Set([
  "-n",
  "--namespace",
  "--replicas",
  "--to-revision",
  "--grace-period",
  "-f",
  "--filename",
  "--timeout",
]);

function splitFlags(words: string[]): Flags {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w.startsWith("-") && w.length > 1 && !/^-\d/.test(w)) {
      const eq = w.indexOf("=");
      if (eq > 0) flags.set(w.slice(0, eq), w.slice(eq + 1));
      else if (VALUE_FLAGS.has(w)) flags.set(w, words[++i] ?? "");
      else flags.set(w, "true");
    } else positional.push(w);
  }
  return { positional, flags };
}

function flag(f: Flags, ...names: string[]): string | undefined {
  for (const n of names) if (f.flags.has(n)) return f.flags.get(n);
  return undefined;
}

function bool(f: Flags, name: string): boolean {
  const v = f.flags.get(name);
  return v !== undefined && v !== "false";
}

type Body = { ok: true; body: ActionBody } | { ok: false; message: string };

/** `TYPE NAME`, `TYPE/NAME` or (for node commands) `NAME`. */
function target(f: Flags, from: number, ns: string): { target: Target; next: number } | { error: string } {
  const first = f.positional[from];
  if (first === undefined) return { error: "error: you must specify the type of resource and its name" };
  let kindWord = first;
  let name = f.positional[from + 1];
  let next = from + 2;
  if (first.includes("/")) {
    [kindWord, name] = first.split("/", 2) as [string, string];
    next = from + 1;
  }
  const kind = resolveKind(kindWord);
  if (!kind) return { error: `error: the server doesn't have a resource type "${kindWord}"` };
  if (!name) return { error: `error: resource name may not be empty` };
  return { target: { kind, name, namespace: ns }, next };
}

function nodeName(f: Flags, from: number): string | undefined {
  const w = f.positional[from];
  if (w === undefined) return undefined;
  if (w.includes("/")) return w.split("/")[1];
  return ["node", "nodes", "no"].includes(w) ? f.positional[from + 1] : w;
}

function percent(v: string | undefined): number | null {
  if (v === undefined) return null;
  const n = Number(v.replace(/%$/, ""));
  return Number.isFinite(n) && n >= 0 ? n : Number.NaN;
}

function parseTaint(text: string): TaintSpec | null {
  const m = /^([A-Za-z0-9./_-]+)(?:=([A-Za-z0-9._-]*))?(?::(NoSchedule|PreferNoSchedule|NoExecute))?$/.exec(text);
  if (!m) return null;
  return { key: m[1] as string, ...(m[2] !== undefined ? { value: m[2] } : {}), ...(m[3] ? { effect: m[3] } : {}) };
}

function parseKubectl(words: string[], files: Record<string, string>): Body {
  const f = splitFlags(words);
  const ns = flag(f, "-n", "--namespace") ?? "default";
  const verb = f.positional[0];
  const fail = (message: string): Body => ({ ok: false, message });
  switch (verb) {
    case "scale": {
      const t = target(f, 1, ns);
      if ("error" in t) return fail(t.error);
      const replicas = Number(flag(f, "--replicas"));
      if (!Number.isInteger(replicas) || replicas < 0)
        return fail("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
      return { ok: true, body: { verb: "scale", replicas, ...t.target } };
    }
    case "cordon":
    case "uncordon":
    case "drain": {
      const node = nodeName(f, 1);
      if (!node) return fail(`error: USAGE: ${verb} NODE [flags]`);
      if (verb !== "drain") return { ok: true, body: { verb, node } };
      const grace = flag(f, "--grace-period");
      return {
        ok: true,
        body: {
          verb,
          node,
          ignoreDaemonsets: bool(f, "--ignore-daemonsets"),
          deleteEmptydirData: bool(f, "--delete-emptydir-data") || bool(f, "--delete-local-data"),
          force: bool(f, "--force"),
          gracePeriod: grace === undefined || Number(grace) < 0 ? null : Number(grace),
        },
      };
    }
    case "set": {
      if (f.positional[1] !== "image")
        return fail(`error: unknown command "set ${f.positional[1] ?? ""}": only "set image" is simulated`);
      const t = target(f, 2, ns);
      if ("error" in t) return fail(t.error);
      const images: Record<string, string> = {};
      for (const pair of f.positional.slice(t.next)) {
        const eq = pair.indexOf("=");
        if (eq <= 0 || eq === pair.length - 1)
          return fail(`error: invalid image argument "${pair}": expected CONTAINER=IMAGE`);
        images[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
      if (Object.keys(images).length === 0) return fail("error: at least one image update is required");
      return { ok: true, body: { verb: "set-image", images, ...t.target } };
    }
    case "delete": {
      const t = target(f, 1, ns);
      if ("error" in t) return fail(t.error);
      const targets = [t.target];
      for (const extra of f.positional.slice(t.next))
        targets.push({ ...t.target, name: extra.includes("/") ? (extra.split("/")[1] ?? extra) : extra });
      const grace = flag(f, "--grace-period");
      const gracePeriod = bool(f, "--now") ? 1 : grace === undefined || Number(grace) < 0 ? null : Number(grace);
      return { ok: true, body: { verb: "delete", targets, gracePeriod } };
    }
    case "rollout": {
      const sub = f.positional[1];
      if (sub !== "undo" && sub !== "restart")
        return fail(
          `error: unknown command "rollout ${sub ?? ""}": only "rollout undo" and "rollout restart" are simulated`,
        );
      const t = target(f, 2, ns);
      if ("error" in t) return fail(t.error);
      if (sub === "restart") return { ok: true, body: { verb: "rollout-restart", ...t.target } };
      const to = Number(flag(f, "--to-revision") ?? 0);
      if (!Number.isInteger(to) || to < 0) return fail("error: revision must be a non-negative integer");
      return { ok: true, body: { verb: "rollout-undo", toRevision: to, ...t.target } };
    }
    case "apply":
    case "create": {
      const file = flag(f, "-f", "--filename");
      if (!file) return fail("error: must specify one of -f and -k");
      const text = files[file];
      if (text === undefined) return fail(`error: the path "${file}" does not exist`);
      const parsed = parseManifests(text, { filename: file });
      const problem = parsed.fatal ?? parsed.problems[0];
      if (problem) return fail(`error: ${file}: ${problem.message}`);
      return {
        ok: true,
        body: {
          verb: "apply",
          file,
          objects: parsed.objects.map((o) => o.value),
          namespace: flag(f, "-n", "--namespace") ?? null,
        },
      };
    }
    case "label": {
      const t = target(f, 1, ns);
      if ("error" in t) return fail(t.error);
      const set: Record<string, string> = {};
      const remove: string[] = [];
      for (const w of f.positional.slice(t.next)) {
        if (w.endsWith("-")) remove.push(w.slice(0, -1));
        else if (w.includes("=")) set[w.slice(0, w.indexOf("="))] = w.slice(w.indexOf("=") + 1);
        else return fail(`error: invalid label spec: ${w}`);
      }
      if (remove.length === 0 && Object.keys(set).length === 0)
        return fail("error: at least one label update is required");
      return { ok: true, body: { verb: "label", set, remove, overwrite: bool(f, "--overwrite"), ...t.target } };
    }
    case "taint": {
      const node = nodeName(f, 1);
      if (!node) return fail("error: at least one taint update is required");
      const start = f.positional[1]?.includes("/") ? 2 : 3;
      const add: TaintSpec[] = [];
      const remove: TaintSpec[] = [];
      for (const w of f.positional.slice(start)) {
        const removing = w.endsWith("-");
        const spec = parseTaint(removing ? w.slice(0, -1) : w);
        if (!spec || (!removing && !spec.effect)) return fail(`error: invalid taint spec: ${w}`);
        (removing ? remove : add).push(spec);
      }
      if (add.length + remove.length === 0) return fail("error: at least one taint update is required");
      return { ok: true, body: { verb: "taint", node, add, remove, overwrite: bool(f, "--overwrite") } };
    }
    default:
      return fail(
        `error: unsupported action "kubectl ${verb ?? ""}": use scale, cordon, uncordon, drain, set image, delete, rollout undo, rollout restart, apply, label or taint`,
      );
  }
}

/** The command words of a `--then` value, without the leading `kubectl`. */
function commandWords(command: string): string[] {
  const words = tokenize(command).flatMap((t) => ("word" in t ? [t.word] : []));
  if (words[0] === "kubectl") words.shift();
  return words;
}

/**
 * The path an `apply -f FILE` / `create -f FILE` action names, for the caller to read into
 * `files` before parsing (the sandbox never touches the file system); undefined for other actions.
 */
export function actionFile(text: string): string | undefined {
  const colon = text.indexOf(":");
  if (colon < 0) return undefined;
  const f = splitFlags(commandWords(text.slice(colon + 1).trim()));
  if (f.positional[0] !== "apply" && f.positional[0] !== "create") return undefined;
  return flag(f, "-f", "--filename") || undefined;
}

/** Parses one `--then` value. `files` holds the files that `apply -f FILE` may name. */
export function parseActionText(text: string, files: Record<string, string> = {}): ParseActionResult {
  const colon = text.indexOf(":");
  if (colon < 0)
    return {
      ok: false,
      message: `--then ${JSON.stringify(text)}: expected 'DURATION: COMMAND', e.g. '2m: kubectl cordon node-b'`,
    };
  const at = parseGoDuration(text.slice(0, colon));
  if (at === null)
    return {
      ok: false,
      message: `--then ${JSON.stringify(text)}: time: invalid duration ${JSON.stringify(text.slice(0, colon).trim())}`,
    };
  const command = text.slice(colon + 1).trim();
  const words = commandWords(command);
  let body: Body;
  if (words[0] === "node-down") {
    body = words[1]
      ? { ok: true, body: { verb: "node-down", node: words[1] } }
      : { ok: false, message: "error: USAGE: node-down NODE" };
  } else if (words[0] === "load") {
    const f = splitFlags(words.slice(1));
    const t = target(f, 0, flag(f, "-n", "--namespace") ?? "default");
    const spec = Object.fromEntries(
      (f.positional[t && "next" in t ? t.next : 1] ?? "").split(",").map((kv) => kv.split("=", 2) as [string, string]),
    );
    const cpu = percent(spec.cpu);
    const memory = percent(spec.memory);
    if ("error" in t) body = { ok: false, message: t.error };
    else if ((cpu === null && memory === null) || Number.isNaN(cpu) || Number.isNaN(memory)) {
      body = { ok: false, message: "error: USAGE: load KIND/NAME cpu=PERCENT[,memory=PERCENT]" };
    } else body = { ok: true, body: { verb: "load", cpu, memory, ...t.target } };
  } else if (words.length === 0) body = { ok: false, message: "error: empty command" };
  else body = parseKubectl(words, files);
  if (!body.ok) return { ok: false, message: `--then ${JSON.stringify(text)}: ${body.message}` };
  return { ok: true, action: { ...body.body, at, command } };
}
