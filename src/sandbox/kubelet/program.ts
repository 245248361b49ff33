/**
 * What a container's main process does over time, as far as the simulator can tell: when it
 * exits and with which code, how much memory it reaches, which ports it listens on, which files
 * it creates (for `cat /tmp/healthy` exec probes) and how it reacts to SIGTERM. Built from the
 * image catalogue (`images.ts`) and the container's command (`command.ts`).
 */

/** A file the process creates (`touch`, `echo > f`) and possibly removes later. */
export interface FileSpan {
  path: string;
  /** Seconds after start when the file appears. */
  from: number;
  /** Seconds after start when it is removed; null when it stays. */
  until: number | null;
}

export interface Program {
  /** Seconds after start when the process exits; null when it runs until stopped. */
  exitAfter: number | null;
  /** Exit code when it exits by itself. */
  exitCode: number;
  /** Peak resident memory in bytes. */
  memoryBytes: number;
  /** Seconds after start when the peak is reached (an over-limit container is OOM-killed then). */
  memoryAfter: number;
  /** TCP ports the process listens on. */
  ports: number[];
  /** HTTP paths that answer 200; other paths answer 404. null: every path answers 200. */
  httpPaths: string[] | null;
  /** Seconds after start before the ports accept connections. */
  listenAfter: number;
  /**
   * Seconds the process needs to exit after SIGTERM; null when PID 1 ignores SIGTERM (a shell or
   * `sleep` has no handler, and PID 1 gets no default action) so SIGKILL ends it at the deadline.
   */
  stopSeconds: number | null;
  /** Exit code after SIGTERM (0 for servers that shut down cleanly, 143 for the default action). */
  sigtermExitCode: number;
  files: FileSpan[];
  /** Commands or images the simulator does not model (assumed to run until stopped). */
  assumed: string[];
  /** What the process prints before it exits on its own (e.g. a missing required variable). */
  output: string | null;
}

/** A process that serves forever with nothing known about it. */
export function foreverProgram(overrides: Partial<Program> = {}): Program {
  return {
    exitAfter: null,
    exitCode: 0,
    memoryBytes: 0,
    memoryAfter: 0,
    ports: [],
    httpPaths: null,
    listenAfter: 0,
    stopSeconds: 0.2,
    sigtermExitCode: 143,
    files: [],
    assumed: [],
    output: null,
    ...overrides,
  };
}

/** Whether `path` exists at `t` seconds after start. */
export function fileExists(program: Program, path: string, t: number): boolean {
  return program.files.some((f) => f.path === path && f.from <= t && (f.until === null || t < f.until));
}
