/**
 * Container commands the simulator understands: `sleep N`, `exit N`, `true`, `false`,
 * `tail -f /dev/null`, `stress --vm-bytes 250M`, servers started by hand, and `sh -c '…'` scripts
 * made of those joined with `;`, `&&`, `||`, newlines and `while`/`until` loops. Anything else is
 * assumed to run until stopped, and the program records it so the explanation can say so.
 * Given the cluster's network (`ClusterNetwork`), DNS and connection commands (`nslookup`, `wget`,
 * `nc -z` …) resolve Service names as the pod's resolver does; without it, or for names outside
 * the cluster, they are assumed to succeed.
 * Container start semantics: `command` replaces the image ENTRYPOINT and `args` its CMD
 * (pkg/kubelet/kuberuntime/kuberuntime_container.go, ExpandContainerCommandAndArgs).
 */
import type { ObjectStore } from "../api/store.js";
import { parseQuantity, toNumber } from "../model/quantity.js";
import { resolveDns } from "../network/dns.js";
import { serviceEndpoints } from "../network/endpoints.js";
import { CLUSTER_DOMAIN, isHeadless, servicePorts, serviceSelector, serviceType } from "../network/service.js";
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
/**
 * Commands whose outcome depends on the network. Each knows where its host (and port) is and
 * what it exits with when the name does not resolve or the connection fails (their manuals:
 * nslookup and host 1, getent 2 "key not found", dig 0 with the status in its output, curl 6/7,
 * busybox wget 1, nc 1, pg_isready 2 "no response"). `port: null`: a DNS query only.
 */
interface NetworkCommand {
  host: (args: string[]) => string | undefined;
  port: ((args: string[]) => number | undefined) | null;
  nxdomainExit: number;
  refusedExit: number;
  /** When the connection times out, if not `refusedExit` (curl: 28 "operation timed out"). */
  timeoutExit?: number;
}

const positional = (args: string[], skipValueOf: string[] = []): string[] => {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i] as string;
    if (skipValueOf.includes(w)) i++;
    else if (!w.startsWith("-") && !w.startsWith("+") && !w.startsWith("@")) out.push(w);
  }
  return out;
};

/** `scheme://host[:port]/path` → host and port (default by scheme). */
function urlParts(args: string[], skip: string[]): { host: string; port: number } | undefined {
  const url = positional(args, skip)[0];
  if (url === undefined) return undefined;
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?/.exec(url);
  if (!m?.[2]) return undefined;
  return { host: m[2], port: m[3] ? Number(m[3]) : m[1] === "https" ? 443 : 80 };
}

const CURL_SKIP = ["-o", "-H", "-X", "-d", "-u", "-m", "-w", "--max-time", "--connect-timeout", "--output"];
const WGET_SKIP = ["-O", "-T", "--timeout", "-U", "--header"];
const dnsOnly = (exit: number, skip: string[] = []): NetworkCommand => ({
  host: (a) => positional(a, skip)[0],
  port: null,
  nxdomainExit: exit,
  refusedExit: exit,
});
const hostPortFlags = (h: string[], p: string[], def: number, nx: number, refused: number): NetworkCommand => ({
  host: (a) => flagValue(a, h),
  port: (a) => Number(flagValue(a, p) ?? def),
  nxdomainExit: nx,
  refusedExit: refused,
});
const hostThenPort: NetworkCommand = {
  host: (a) => positional(a, ["-w", "-p", "-s"])[0],
  port: (a) => Number(positional(a, ["-w", "-p", "-s"])[1]),
  nxdomainExit: 1,
  refusedExit: 1,
};

const NETWORK: ReadonlyMap<string, NetworkCommand> = new Map([
  ["nslookup", dnsOnly(1)],
  ["host", dnsOnly(1, ["-t", "-W"])],
  ["dig", dnsOnly(0, ["-t", "-p"])],
  ["getent", { ...dnsOnly(2), host: (a: string[]) => positional(a)[1] }],
  [
    "curl",
    {
      host: (a) => urlParts(a, CURL_SKIP)?.host,
      port: (a) => urlParts(a, CURL_SKIP)?.port,
      nxdomainExit: 6,
      refusedExit: 7,
      timeoutExit: 28,
    },
  ],
  [
    "wget",
    {
      host: (a) => urlParts(a, WGET_SKIP)?.host,
      port: (a) => urlParts(a, WGET_SKIP)?.port,
      nxdomainExit: 1,
      refusedExit: 1,
    },
  ],
  ["nc", hostThenPort],
  ["ncat", hostThenPort],
  ["telnet", hostThenPort],
  ["pg_isready", hostPortFlags(["-h", "--host"], ["-p", "--port"], 5432, 2, 2)],
  ["redis-cli", hostPortFlags(["-h"], ["-p"], 6379, 1, 1)],
  ["mysqladmin", hostPortFlags(["-h", "--host"], ["-P", "--port"], 3306, 1, 1)],
] as [string, NetworkCommand][]);

/** What a name or a connection gives from inside the pod, now. */
export type NetworkAnswer = "reachable" | "nxdomain" | "refused" | "timeout" | "external";

/**
 * The cluster as a container's commands see it when they run: its namespace (first DNS search
 * domain, and the service account's `namespace` file) and how a host name resolves and a
 * connection to it fares.
 */
export interface ClusterNetwork {
  namespace: string;
  /** `port` undefined: a DNS query only. */
  answer(host: string, port?: number): NetworkAnswer;
}

/** Services every cluster has though no paste creates them (kube-apiserver's and kubeadm's CoreDNS). */
const BUILT_IN_SERVICES: Record<string, number[]> = {
  "default/kubernetes": [443],
  "kube-system/kube-dns": [53, 9153],
};

/**
 * The names a pod's resolver asks for `host`, in order: the search list
 * `<ns>.svc.<domain> svc.<domain> <domain>` first, since ndots:5 makes every shorter name relative,
 * then the name itself (pkg/kubelet/network/dns/dns.go, GetPodDNS; resolv.conf(5)).
 */
export function dnsCandidates(host: string, namespace: string): string[] {
  if (host.endsWith(".")) return [host.slice(0, -1)];
  const dots = host.split(".").length - 1;
  const searched = [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN].map(
    (d) => `${host}.${d}`,
  );
  return dots >= 5 ? [host, ...searched] : [...searched, host];
}

/** The cluster network from the API objects: Services, their ready endpoints, namespaces. */
export function storeNetwork(store: ObjectStore, namespace: string): ClusterNetwork {
  return {
    namespace,
    answer(host, port) {
      if (host === "localhost" || /^[\d.]+$/.test(host) || host.includes(":")) return "external";
      for (const name of dnsCandidates(host, namespace)) {
        if (!name.endsWith(`.svc.${CLUSTER_DOMAIN}`)) continue;
        const parts = name.slice(0, -`.svc.${CLUSTER_DOMAIN}`.length).split(".");
        const builtIn = parts.length === 2 ? BUILT_IN_SERVICES[`${parts[1]}/${parts[0]}`] : undefined;
        if (builtIn) return port === undefined || builtIn.includes(port) ? "reachable" : "timeout";
        const dns = resolveDns(name, store);
        if (dns.type === "CNAME") return "external";
        if (dns.type === "A") return port === undefined ? "reachable" : connect(store, parts, port);
      }
      // Outside cluster.local the answer comes from the upstream resolver: a dotted name is taken as
      // real unless it is one of this cluster's (`svc`, `local`, or `<name>.<existing namespace>`).
      const labels = host.replace(/\.$/, "").split(".");
      const last = labels[labels.length - 1] as string;
      const clusterLike =
        labels.length === 1 ||
        last === "svc" ||
        last === "local" ||
        (labels.length === 2 && store.get("Namespace", undefined, last) !== undefined);
      return clusterLike ? "nxdomain" : "external";
    },
  };
}

/**
 * A TCP connection to a resolved Service name: a port the Service does not define leads nowhere
 * (the SYN times out); a defined port with no ready endpoint is rejected at once (kube-proxy's
 * REJECT rule, pkg/proxy/iptables/proxier.go "has no endpoints"). Pod names and Services without
 * a selector (hand-made endpoints) are taken as reachable.
 */
function connect(store: ObjectStore, parts: string[], port: number): NetworkAnswer {
  const [svcName, ns] = parts.length === 3 ? [parts[1], parts[2]] : [parts[0], parts[1]];
  const svc = store.get("Service", ns, svcName ?? "");
  if (!svc || parts.length === 3 || serviceSelector(svc) === undefined) return "reachable";
  const ready = serviceEndpoints(svc, store.list("Pod", ns)).filter((e) => e.ready);
  if (isHeadless(svc) || serviceType(svc) === "ExternalName") return ready.length > 0 ? "reachable" : "refused";
  const defined = servicePorts(svc).find((p) => p.port === port);
  if (!defined) return "timeout";
  return ready.some((e) => e.ports.some((p) => p.name === defined.name)) ? "reachable" : "refused";
}

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
  /** The cluster the commands run in; undefined: network commands are assumed to succeed. */
  net?: ClusterNetwork | undefined;
  /** The host of the last network command that failed against the cluster (reset by any other command). */
  failedHost?: string | undefined;
}

/**
 * A container held by an `until <network check>` loop: it polls every `everySeconds` and goes on
 * once every host answers (e.g. a Service created later). The kubelet re-evaluates the program then.
 */
export interface NetworkWait {
  hosts: string[];
  everySeconds: number;
}

/** A program, plus the network wait that keeps it from exiting when there is one. */
export type CommandProgram = Program & { waitsFor?: NetworkWait };

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
  st.failedHost = undefined;
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
    networkCommand(cmd, NETWORK.get(cmd) as NetworkCommand, rest, st);
    return;
  } else {
    st.p.assumed.push(argv.join(" "));
    runForever(st);
  }
}

/** The learner-facing note for one of `Program.assumed`. */
export function assumptionMessage(what: string, container: string): string {
  const network = / \(assumed to succeed\)$/.exec(what);
  if (network)
    return `not modelled: container ${container} runs ${what.slice(0, network.index)} against a name outside the simulated cluster; it is assumed to succeed`;
  return `not modelled: the simulator does not know what ${what} does, so container ${container} is assumed to run until stopped`;
}

/** Seconds a connection attempt waits for an answer: the command's timeout flag, else Linux's SYN retries (127 s). */
function connectTimeout(args: string[]): number {
  const v = flagValue(args, ["--connect-timeout", "-m", "--max-time", "-T", "--timeout", "-w", "-t"]);
  const n = v === undefined ? Number.NaN : Number(v);
  return Number.isFinite(n) && n > 0 ? n : 127;
}

/** A DNS or connection command against the cluster; outside it (or without one) it is assumed to succeed. */
function networkCommand(cmd: string, spec: NetworkCommand, args: string[], st: State): void {
  const host = spec.host(args);
  const port = spec.port?.(args);
  const answer =
    st.net === undefined || host === undefined || (port !== undefined && !Number.isFinite(port))
      ? "external"
      : st.net.answer(host, port);
  st.t += answer === "timeout" ? connectTimeout(args) : 0.2;
  if (answer === "external") st.p.assumed.push(`${cmd} (assumed to succeed)`);
  else if (answer !== "reachable") {
    st.status =
      answer === "nxdomain"
        ? spec.nxdomainExit
        : answer === "timeout"
          ? (spec.timeoutExit ?? spec.refusedExit)
          : spec.refusedExit;
    if (st.status !== 0) st.failedHost = host;
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
    const probe: State = { t: st.t, status: 0, p: st.p, done: false, net: st.net };
    script(body, probe);
    if (!probe.done) runForever(st);
    return;
  }
  // Other conditions: evaluate once. `until <network check>` against a name the cluster cannot
  // answer yet polls, once per pass of its body, until it can; an external name is assumed to answer.
  script(cond, st);
  const enter = kind === "while" ? st.status === 0 : st.status !== 0;
  if (!enter || st.done) return;
  if (kind === "until" && st.failedHost !== undefined) {
    const pass: State = {
      t: 0,
      status: 0,
      p: { ...st.p, files: [], assumed: [], ports: [] },
      done: false,
      net: st.net,
    };
    script(body, pass);
    (st.p as CommandProgram).waitsFor = { hosts: [st.failedHost], everySeconds: Math.max(pass.t, 1) };
    runForever(st);
    return;
  }
  assume(st, `${kind} loop`);
}

/** The service account's namespace file, read by `$(cat …)` or backticks (the docs' init-container example). */
const NAMESPACE_FILE =
  /\$\(\s*cat\s+\/var\/run\/secrets\/kubernetes\.io\/serviceaccount\/namespace\s*\)|`\s*cat\s+\/var\/run\/secrets\/kubernetes\.io\/serviceaccount\/namespace\s*`/g;

/** The program of a simple argv (command + args); `net` is the cluster its network commands query. */
export function argvProgram(argv: string[], base: Program, net?: ClusterNetwork): CommandProgram {
  const p: CommandProgram = {
    ...base,
    files: [],
    assumed: [],
    ports: [...base.ports],
    exitAfter: 0,
    exitCode: 0,
    output: null,
  };
  const st: State = { t: 0, status: 0, p, done: false, net };
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
      const raw = argv[cIndex + 1] ?? "";
      const text = net === undefined ? raw : raw.replace(NAMESPACE_FILE, net.namespace);
      script(tokenize(text), st);
      // `trap ACTION ... TERM`: an empty action ignores the signal and `-` restores the default
      // (which PID 1 ignores too), so only a real handler ends the process on SIGTERM.
      const trap = /\btrap\s+(?:'([^']*)'|"([^"]*)"|(\S+))[^\n]*?\b(?:TERM|SIGTERM|15)\b/.exec(text);
      const action = trap ? (trap[1] ?? trap[2] ?? trap[3] ?? "").trim() : "";
      if (trap && action !== "" && action !== "-") {
        p.stopSeconds = 0.1;
        p.sigtermExitCode = Number(/^exit\s*(\d+)/.exec(action)?.[1] ?? 143);
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
 * shell images (busybox, ubuntu, python …). `net`: the cluster as it is when the container starts.
 */
export function containerProgram(
  profile: ImageProfile | undefined,
  image: string,
  command: string[] | undefined,
  args: string[] | undefined,
  env: Record<string, string>,
  net?: ClusterNetwork,
): CommandProgram {
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
  return argvProgram(argv, small, net);
}
