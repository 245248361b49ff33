/**
 * Container commands the simulator understands: `sleep N`, `exit N`, `true`, `false`,
 * `tail -f /dev/null`, `stress --vm-bytes 250M`, servers started by hand, and `sh -c '…'` scripts
 * made of those joined with `;`, `&&`, `||`, newlines and `while`/`until` loops. Anything else is
 * assumed to run until stopped, and the program records it so the explanation can say so.
 * Container start semantics: `command` replaces the image ENTRYPOINT and `args` its CMD
 * (pkg/kubelet/kuberuntime/kuberuntime_container.go, ExpandContainerCommandAndArgs).
 */
import { parseQuantity, toNumber } from "../model/quantity.js";
import type { ImageProfile } from "./images.js";
import { foreverProgram, type Program } from "./program.js";

const MI = 1024 * 1024;
const SHELLS = new Set(["sh", "bash", "ash", "dash", "zsh"]);
const INSTANT = new Set([
  "echo",
  "printf",
  "date",
  "hostname",
  "env",
  "printenv",
  "ls",
  "mkdir",
  "cd",
  "export",
  "set",
  "wait",
  "id",
  "whoami",
  "uname",
  "pwd",
  "chmod",
  "chown",
  "cp",
  "mv",
  "ln",
  "sync",
  "unset",
  "trap",
  "read",
]);
/** Commands whose outcome depends on the network; assumed to succeed quickly. */
const NETWORK = new Set([
  "nslookup",
  "wget",
  "curl",
  "dig",
  "host",
  "nc",
  "ncat",
  "telnet",
  "getent",
  "pg_isready",
  "redis-cli",
  "mysqladmin",
]);

type Token = { op: string } | { word: string };

/** Splits shell text into words and operators, honouring quotes and backslashes. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let word = "";
  let inWord = false;
  const flush = () => {
    if (inWord) out.push({ word });
    word = "";
    inWord = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      word += text.slice(i + 1, end < 0 ? text.length : end);
      inWord = true;
      i = end < 0 ? text.length : end;
    } else if (c === "\\" && i + 1 < text.length) {
      if (text[i + 1] !== "\n") word += text[i + 1];
      inWord = true;
      i++;
    } else if (c === "#" && !inWord) {
      while (i < text.length && text[i] !== "\n") i++;
      i--;
    } else if (c === ";" || c === "\n" || c === "&" || c === "|") {
      flush();
      const two = text.slice(i, i + 2);
      if (two === "&&" || two === "||" || two === ";;") {
        out.push({ op: two });
        i++;
      } else out.push({ op: c === "\n" ? ";" : c });
    } else if (c === " " || c === "\t" || c === "\r") flush();
    else {
      word += c;
      inWord = true;
    }
  }
  flush();
  return out;
}

/** Seconds of a `sleep`/`timeout` argument (`10`, `1.5`, `2m`, `1h`, `infinity`); null when unreadable. */
export function durationArg(s: string): number | null {
  if (s === "infinity" || s === "inf") return Number.POSITIVE_INFINITY;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(s);
  if (!m) return null;
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as "" | "s" | "m" | "h" | "d"];
  return Number(m[1]) * unit;
}

/** Bytes of a `stress --vm-bytes` argument (`150M`, `1G`, `256m`), read as binary units as stress does. */
function sizeArg(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([bkmgBKMG]?)$/.exec(s);
  if (!m) return toNumber(parseQuantity(s) ?? { nano: 0n, format: "DecimalSI" });
  const mult = { "": 1, b: 1, k: 1024, m: MI, g: 1024 * MI }[(m[2] ?? "").toLowerCase() as "" | "b" | "k" | "m" | "g"];
  return Number(m[1]) * mult;
}

interface State {
  t: number;
  status: number;
  p: Program;
  done: boolean;
}

function flagValue(words: string[], names: string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    for (const n of names) {
      if (w === n) return words[i + 1];
      if (w.startsWith(`${n}=`)) return w.slice(n.length + 1);
    }
  }
  return undefined;
}

function runForever(st: State): void {
  st.p.exitAfter = null;
  st.done = true;
}

/** Runs one simple command (words after redirections are stripped) at the state's time. */
function simple(words: string[], st: State): void {
  const redirect = words.findIndex((w) => w === ">" || w === ">>" || /^\d?>>?/.test(w));
  const target =
    redirect >= 0
      ? words[redirect] === ">" || words[redirect] === ">>"
        ? words[redirect + 1]
        : words[redirect]?.replace(/^\d?>>?/, "")
      : undefined;
  const argv = redirect >= 0 ? words.slice(0, redirect) : words;
  if (target && target !== "/dev/null" && !target.startsWith("&"))
    st.p.files.push({ path: target, from: st.t, until: null });
  const cmd = (argv[0] ?? "").split("/").pop() ?? "";
  const rest = argv.slice(1);
  st.status = 0;
  if (cmd === "" || cmd === "true" || cmd === ":" || INSTANT.has(cmd)) return;
  if (cmd === "false") st.status = 1;
  else if (cmd === "exit") {
    st.status = Number(rest[0] ?? 0) & 255;
    st.p.exitAfter = st.t;
    st.p.exitCode = st.status;
    st.done = true;
  } else if (cmd === "sleep") {
    const d = durationArg(rest[0] ?? "");
    if (d === null) st.status = 1;
    else if (d === Number.POSITIVE_INFINITY) runForever(st);
    else st.t += d;
  } else if (cmd === "touch")
    for (const f of rest.filter((w) => !w.startsWith("-"))) st.p.files.push({ path: f, from: st.t, until: null });
  else if (cmd === "rm") {
    for (const f of rest.filter((w) => !w.startsWith("-"))) {
      for (const span of st.p.files) if (span.path === f && span.until === null) span.until = st.t;
    }
  } else if (cmd === "cat" || cmd === "test" || cmd === "[") {
    const f = rest.find((w) => !w.startsWith("-") && w !== "]");
    st.status =
      f === undefined ||
      st.p.files.some((s) => s.path === f && s.until === null) ||
      f.startsWith("/proc") ||
      f.startsWith("/etc")
        ? 0
        : 1;
  } else if (cmd === "tail") {
    if (rest.includes("-f") || rest.includes("-F")) runForever(st);
  } else if (cmd === "ping") {
    const count = flagValue(rest, ["-c"]);
    if (count === undefined) runForever(st);
    else st.t += Number(count) || 1;
  } else if (cmd === "stress" || cmd === "stress-ng") {
    const workers = Number(flagValue(rest, ["--vm", "-m"]) ?? 1) || 1;
    const bytes = sizeArg(flagValue(rest, ["--vm-bytes"]) ?? "256M");
    st.p.memoryBytes = Math.max(st.p.memoryBytes, workers * bytes);
    st.p.memoryAfter = st.t + 1;
    const timeout = durationArg(flagValue(rest, ["--timeout", "-t"]) ?? "");
    if (timeout === null || timeout === Number.POSITIVE_INFINITY) runForever(st);
    else st.t += timeout;
  } else if (cmd === "nginx" || cmd === "httpd" || cmd === "httpd-foreground") {
    st.p.ports.push(80);
    st.p.httpPaths = ["/", "/index.html"];
    runForever(st);
  } else if (
    (cmd.startsWith("python") && rest[0] === "-m" && rest[1] === "http.server") ||
    (cmd === "nc" && rest.some((w) => /^-\w*l/.test(w)))
  ) {
    const port =
      cmd === "nc" ? Number(flagValue(rest, ["-p"]) ?? rest.find((w) => /^\d+$/.test(w))) : Number(rest[2] ?? 8000);
    if (Number.isFinite(port)) st.p.ports.push(port);
    runForever(st);
  } else if (cmd === "redis-server") {
    st.p.ports.push(6379);
    runForever(st);
  } else if (NETWORK.has(cmd)) {
    st.t += 0.2;
    st.p.assumed.push(`${cmd} (assumed to succeed)`);
  } else {
    st.p.assumed.push(argv.join(" "));
    runForever(st);
  }
}

/** Evaluates a script's tokens sequentially; `&&`/`||` skip as a shell does. */
function script(tokens: Token[], st: State): void {
  let i = 0;
  let skip = false;
  while (i < tokens.length && !st.done) {
    const tok = tokens[i] as Token;
    if ("op" in tok) {
      if (tok.op === "&&") skip = st.status !== 0;
      else if (tok.op === "||") skip = st.status === 0;
      else skip = false;
      i++;
      continue;
    }
    if (tok.word === "while" || tok.word === "until") {
      const doAt = tokens.findIndex((t, k) => k > i && "word" in t && t.word === "do");
      const doneAt = lastIndex(tokens, "done");
      if (doAt < 0 || doneAt < 0) {
        assume(st, "unparsed loop");
        return;
      }
      const cond = tokens.slice(i + 1, doAt);
      const body = tokens.slice(doAt + 1, doneAt);
      if (!skip) loop(tok.word, cond, body, st);
      i = doneAt + 1;
      continue;
    }
    if (tok.word === "if" || tok.word === "for" || tok.word === "case") {
      assume(st, `${tok.word} statement`);
      return;
    }
    const words: string[] = [];
    while (i < tokens.length && "word" in (tokens[i] as Token)) words.push((tokens[i++] as { word: string }).word);
    if (tokens[i] && "op" in (tokens[i] as Token) && (tokens[i] as { op: string }).op === "|") {
      // A pipeline is modelled by its first command; the rest of it is skipped.
      while (i < tokens.length && !("op" in (tokens[i] as Token) && (tokens[i] as { op: string }).op !== "|")) i++;
    }
    if (!skip) simple(words, st);
  }
}

function lastIndex(tokens: Token[], word: string): number {
  for (let k = tokens.length - 1; k >= 0; k--) {
    const t = tokens[k] as Token;
    if ("word" in t && t.word === word) return k;
  }
  return -1;
}

function assume(st: State, what: string): void {
  st.p.assumed.push(what);
  runForever(st);
}

function loop(kind: "while" | "until", cond: Token[], body: Token[], st: State): void {
  const condWords = cond.filter((t): t is { word: string } => "word" in t).map((t) => t.word);
  const forever = condWords.length === 1 && ["true", ":"].includes(condWords[0] as string);
  if (kind === "while" && forever) {
    const probe: State = { t: st.t, status: 0, p: st.p, done: false };
    script(body, probe);
    if (!probe.done) runForever(st);
    return;
  }
  // Other conditions: evaluate once; `until <network check>` is assumed to succeed at once.
  script(cond, st);
  const enter = kind === "while" ? st.status === 0 : st.status !== 0;
  if (enter && !st.done) assume(st, `${kind} loop`);
}

/** The program of a simple argv (command + args). */
export function argvProgram(argv: string[], base: Program): Program {
  const p: Program = {
    ...base,
    files: [],
    assumed: [],
    ports: [...base.ports],
    exitAfter: 0,
    exitCode: 0,
    output: null,
  };
  const st: State = { t: 0, status: 0, p, done: false };
  const cmd = (argv[0] ?? "").split("/").pop() ?? "";
  // PID 1 gets no default signal action: a shell, `sleep` or `tail` without a handler ignores
  // SIGTERM and is SIGKILLed at the end of the grace period (exit 137).
  p.stopSeconds = null;
  p.sigtermExitCode = 143;
  if (SHELLS.has(cmd)) {
    const cIndex = argv.findIndex((w, k) => k > 0 && /^-\w*c\w*$/.test(w));
    if (cIndex < 0) {
      if (argv.length > 1 && !(argv[1] as string).startsWith("-")) assume(st, argv.join(" "));
    } else {
      const text = argv[cIndex + 1] ?? "";
      script(tokenize(text), st);
      const trap = /\btrap\s+['"]?(?:exit\s*(\d+))?[^\n]*\b(?:TERM|SIGTERM|15)\b/.exec(text);
      if (trap) {
        p.stopSeconds = 0.1;
        p.sigtermExitCode = Number(trap[1] ?? 143);
      }
    }
  } else {
    simple(argv, st);
    if (["nginx", "httpd", "httpd-foreground", "redis-server"].includes(cmd)) {
      p.stopSeconds = 0.3;
      p.sigtermExitCode = 0;
    } else if (p.assumed.length > 0) p.stopSeconds = 0.2;
  }
  if (!st.done) {
    p.exitAfter = st.t;
    p.exitCode = st.status;
  }
  if (p.ports.length > 0) p.listenAfter = Math.max(p.listenAfter, 0.3);
  return p;
}

/**
 * The process a container runs: the image's own with no command or args; `command` (plus args)
 * interpreted; args alone passed to images whose entrypoint takes flags, or run as the command in
 * shell images (busybox, ubuntu, python …).
 */
export function containerProgram(
  profile: ImageProfile | undefined,
  image: string,
  command: string[] | undefined,
  args: string[] | undefined,
  env: Record<string, string>,
): Program {
  const base = profile?.program ?? foreverProgram({ memoryBytes: 20 * MI, assumed: [`image ${image}`] });
  const hasCommand = (command?.length ?? 0) > 0;
  const hasArgs = (args?.length ?? 0) > 0;
  if (
    !hasCommand &&
    (!hasArgs || profile === undefined || profile.argsMode === "flags" || (args?.[0] ?? "").startsWith("-"))
  ) {
    const p: Program = { ...base, files: [], ports: [...base.ports], assumed: [...base.assumed] };
    if (hasArgs && p.exitAfter !== null && profile?.argsMode === "flags") {
      p.exitAfter = 1;
      p.exitCode = 0;
      p.output = null;
    }
    for (const rule of profile?.requiredEnv ?? []) {
      if (
        !rule.anyOf.some((name) => (env[name] ?? "") !== "" || (name.endsWith("ALLOW_EMPTY_PASSWORD") && name in env))
      ) {
        return { ...p, exitAfter: 0.5, exitCode: rule.exitCode, output: rule.output, ports: [], memoryBytes: 2 * MI };
      }
    }
    return p;
  }
  const argv = [...(command ?? []), ...(args ?? [])];
  const small = foreverProgram({ memoryBytes: Math.min(base.memoryBytes, 2 * MI) });
  return argvProgram(argv, small);
}
