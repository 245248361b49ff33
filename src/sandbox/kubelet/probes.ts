/**
 * Liveness, readiness and startup probes: the API defaults (pkg/apis/core/v1/defaults.go
 * SetDefaults_Probe) and each probe's outcome, judged against what the container's process
 * listens on and the files it has created (pkg/probe/http, pkg/probe/tcp, pkg/probe/exec for the
 * output texts).
 */
import { argvProgram } from "./command.js";
import { fileExists, foreverProgram, type Program } from "./program.js";

export type ProbeKind = "Liveness" | "Readiness" | "Startup";

/** A probe with its defaults filled in. */
export interface ProbeSettings {
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  successThreshold: number;
  failureThreshold: number;
  handler: any;
}

/** Fills the defaults: initialDelaySeconds 0, periodSeconds 10, timeoutSeconds 1, successThreshold 1, failureThreshold 3. */
export function probeSettings(probe: any): ProbeSettings {
  return {
    initialDelaySeconds: probe.initialDelaySeconds ?? 0,
    periodSeconds: probe.periodSeconds || 10,
    timeoutSeconds: probe.timeoutSeconds || 1,
    successThreshold: probe.successThreshold || 1,
    failureThreshold: probe.failureThreshold || 3,
    handler: probe,
  };
}

export interface ProbeResult {
  readonly ok: boolean;
  /** The probe output as the `Unhealthy` event prints it after `<Kind> probe failed: `. */
  readonly output: string;
}

/** A probe that succeeded (shared: results are never changed). */
const PROBE_OK: ProbeResult = { ok: true, output: "" };

function resolvePort(port: unknown, container: any): number | null {
  if (typeof port === "number") return port;
  if (typeof port === "string" && /^\d+$/.test(port)) return Number(port);
  const named = (container.ports ?? []).find((p: { name?: string }) => p.name === port);
  return named ? Number(named.containerPort) : null;
}

function withoutQuery(path: string): string {
  const q = path.indexOf("?");
  return q < 0 ? path : path.slice(0, q);
}

function listening(program: Program, port: number, age: number): boolean {
  // An image the simulator does not model is given the benefit of the doubt.
  if (program.assumed.length > 0 && program.ports.length === 0) return true;
  return age >= program.listenAfter && program.ports.includes(port);
}

/**
 * The outcome of one probe of a container `age` seconds after it started. `busybox` selects
 * busybox's wording of `cat` errors over GNU coreutils'.
 */
export function runProbe(
  settings: ProbeSettings,
  container: any,
  program: Program,
  age: number,
  podIP: string,
  busybox: boolean,
): ProbeResult {
  const h = settings.handler;
  if (h.httpGet) {
    const port = resolvePort(h.httpGet.port, container);
    if (port === null)
      return { ok: false, output: `strconv.Atoi: parsing ${JSON.stringify(String(h.httpGet.port))}: invalid syntax` };
    const path = h.httpGet.path || "/";
    // pkg/probe/http/http.go: the client error is the output; a non-2xx/3xx status gives the code.
    if (!listening(program, port, age)) {
      const scheme = (h.httpGet.scheme ?? "HTTP").toLowerCase();
      const addr = `${h.httpGet.host || podIP}:${port}`;
      return { ok: false, output: `Get "${scheme}://${addr}${path}": dial tcp ${addr}: connect: connection refused` };
    }
    if (program.httpPaths !== null && !program.httpPaths.includes(withoutQuery(path))) {
      return { ok: false, output: "HTTP probe failed with statuscode: 404" };
    }
    return PROBE_OK;
  }
  if (h.tcpSocket || h.grpc) {
    const raw = h.tcpSocket ? h.tcpSocket.port : h.grpc.port;
    const port = resolvePort(raw, container);
    const addr = `${h.tcpSocket?.host || podIP}:${port ?? raw}`;
    if (port === null || !listening(program, port, age)) {
      // pkg/probe/tcp/tcp.go returns the dial error; pkg/probe/grpc/grpc.go its own text.
      return h.tcpSocket
        ? { ok: false, output: `dial tcp ${addr}: connect: connection refused` }
        : { ok: false, output: `timeout: failed to connect service "${addr}" within ${settings.timeoutSeconds}s` };
    }
    return { ok: true, output: "" };
  }
  if (h.exec) return execProbe(h.exec.command ?? [], program, age, busybox);
  return { ok: true, output: "" };
}

function execProbe(command: string[], program: Program, age: number, busybox: boolean): ProbeResult {
  const argv = command.map(String);
  const words = argv[0] === "sh" || argv[0] === "/bin/sh" || argv[0] === "bash" ? (argv[2] ?? "").split(/\s+/) : argv;
  const cmd = (words[0] ?? "").split("/").pop();
  const file = words.slice(1).find((w) => !w.startsWith("-") && w !== "]");
  if (
    (cmd === "cat" || cmd === "test" || cmd === "[" || cmd === "ls") &&
    file !== undefined &&
    program.files.some((f) => f.path === file)
  ) {
    if (fileExists(program, file, age)) return { ok: true, output: "" };
    if (cmd === "cat") {
      return {
        ok: false,
        output: busybox
          ? `cat: can't open '${file}': No such file or directory`
          : `cat: ${file}: No such file or directory`,
      };
    }
    if (cmd === "ls") return { ok: false, output: `ls: ${file}: No such file or directory` };
    return { ok: false, output: "" };
  }
  const p = argvProgram(argv, foreverProgram());
  if (p.exitAfter !== null && p.exitCode !== 0) return { ok: false, output: "" };
  return { ok: true, output: "" };
}
