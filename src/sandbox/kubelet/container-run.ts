/**
 * One container's life on the node: image pull (pkg/kubelet/images/image_manager.go
 * EnsureImageExists), create and start (kuberuntime_container.go startContainer), exit, restart
 * back-off (kuberuntime_manager.go doBackOff), OOM kill, probes (pkg/kubelet/prober/worker.go) and
 * kill on termination. Event texts are the kubelet's (pkg/kubelet/events/event.go reasons).
 */
import type { ScheduledTask } from "../engine/clock.js";
import { TaskGroup } from "../engine/task-group.js";
import { parseQuantity, toNumber } from "../model/quantity.js";
import { type BackoffEntry, goDuration, nextBackoff } from "./backoff.js";
import { assumptionMessage, type CommandProgram, containerProgram, type NetworkWait, storeNetwork } from "./command.js";
import { resolveEnv } from "./container-config.js";
import { defaultPullPolicy, type ImageRef, parseImageRef, unresolvableHost } from "./image-ref.js";
import {
  type ImageProfile,
  lookupImage,
  misspeltOfficialImage,
  pullSeconds,
  tagCertainlyMissing,
  UNKNOWN_IMAGE_SIZE,
} from "./images.js";
import { hex64, nodeHasImage } from "./node-state.js";
import type { ContainerView, Terminated } from "./pod-status.js";
import { backoffState, type PodWorker, SYNC_RETRY_SECONDS } from "./pod-worker.js";
import { type ProbeKind, type ProbeSettings, probeSettings, runProbe } from "./probes.js";
import type { Program } from "./program.js";
import { imageUid, verifyRunAsNonRoot } from "./run-as-non-root.js";

/** killContainer's minimumGracePeriodInSeconds: the least time between SIGTERM and SIGKILL. */
const MINIMUM_GRACE_SECONDS = 2;

interface ProbeCounters {
  failures: number;
  successes: number;
}

export class ContainerRun {
  readonly name: string;
  readonly view: ContainerView;
  program: Program | null = null;
  /** A pull or a stop is in progress. */
  busy = false;
  /** Waiting on configuration (CreateContainerConfigError) or an unusable image reference. */
  blocked = false;
  private starts = 0;
  private restartBackoff: BackoffEntry | null = null;
  private pullBackoff: BackoffEntry | null = null;
  private readonly tasks = new TaskGroup();
  private readonly probes = new Map<ProbeKind, ProbeCounters>();
  /** Each probe's settings with defaults filled in (the spec never changes while the pod runs). */
  private readonly probeSpecs = new Map<ProbeKind, ProbeSettings>();
  private readonly probers = new Map<ProbeKind, { label: string; run: () => void; task: ScheduledTask | null }>();
  /** Whether exec probe errors use busybox's wording (the image never changes either). */
  private readonly busybox: boolean;

  constructor(
    readonly pod: PodWorker,
    readonly spec: any,
    readonly kind: "init" | "sidecar" | "app",
  ) {
    this.name = String(spec.name ?? "");
    this.view = {
      name: this.name,
      image: String(spec.image ?? ""),
      imageID: null,
      containerID: null,
      kind,
      state: { kind: "waiting", reason: kind === "app" ? "ContainerCreating" : "PodInitializing" },
      lastState: null,
      ready: false,
      started: false,
      restartCount: 0,
    };
    this.busybox = /busybox|alpine/.test(this.view.image);
  }

  neverRan(): boolean {
    return this.starts === 0 && !this.blocked && this.view.state.kind === "waiting" && !this.waitingOnPull();
  }

  private waitingOnPull(): boolean {
    const s = this.view.state;
    return s.kind === "waiting" && ["ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull"].includes(s.reason);
  }

  private after(delay: number, label: string, fn: () => void): void {
    this.tasks.add(this.pod.after(delay, `${label} ${this.name}`, fn));
  }

  cancelTasks(): void {
    this.tasks.cancelAll();
  }

  private get now(): number {
    return this.pod.ctx.clock.now;
  }

  private waiting(reason: string, message?: string): void {
    this.view.state = message === undefined ? { kind: "waiting", reason } : { kind: "waiting", reason, message };
    this.pod.flush();
  }

  /** Starts the container now, or waits out the restart back-off first. */
  ensureStarted(): void {
    if (this.busy || this.view.state.kind === "running" || this.pod.terminating) return;
    const last = this.view.lastState;
    if (last && this.view.state.kind !== "terminated") {
      const { wait, entry } = backoffState(this.restartBackoff, last.finishedAt, this.now);
      if (wait > 0) {
        const delay = entry?.delay ?? 0;
        this.waiting(
          "CrashLoopBackOff",
          `back-off ${goDuration(delay)} restarting failed container=${this.name} pod=${this.pod.podRef}`,
        );
        this.pod.event(
          "Warning",
          "BackOff",
          `Back-off restarting failed container ${this.name} in pod ${this.pod.podRef}`,
        );
        this.after(wait, "backoff", () => this.ensureStarted());
        return;
      }
      this.restartBackoff = entry;
    }
    this.pull();
  }

  /**
   * kubelet_pods.go getPullSecretsForPod, run on every sync before images are pulled: pull secrets
   * the pod names that do not exist are reported, and the pull goes ahead without them.
   */
  private reportMissingPullSecrets(): void {
    const pod = this.pod.pod;
    const ns = pod.metadata.namespace ?? "default";
    const names: string[] = ((pod.spec?.imagePullSecrets ?? []) as { name?: string }[]).map((r) => r?.name ?? "");
    const missing = names.filter((n) => n !== "" && !this.pod.ctx.store.get("Secret", ns, n));
    if (missing.length === 0) return;
    this.pod.event(
      "Warning",
      "FailedToRetrieveImagePullSecret",
      `Unable to retrieve some image pull secrets (${missing.join(", ")}); attempting to pull the image may not succeed.`,
    );
  }

  /** A retry triggered by a ConfigMap or Secret change. */
  retryNow(): void {
    this.cancelTasks();
    this.blocked = false;
    this.pull();
  }

  private pull(): void {
    const image = this.view.image;
    this.reportMissingPullSecrets();
    const parsed = parseImageRef(image);
    if (!parsed.ok) {
      this.blocked = true;
      this.waiting("InvalidImageName", parsed.message);
      this.pod.event("Warning", "InspectFailed", parsed.message);
      this.pod.event("Warning", "Failed", "Error: InvalidImageName");
      this.after(SYNC_RETRY_SECONDS, "retry", () => this.retryNow());
      return;
    }
    const ref = parsed.ref;
    const profile = lookupImage(ref);
    const nodeObj = this.pod.ctx.store.get("Node", undefined, this.pod.nodeRuntime.name);
    const present = nodeObj !== undefined && nodeHasImage(nodeObj, ref.full);
    const policy = this.spec.imagePullPolicy ?? defaultPullPolicy(image);
    if (policy === "Never" && !present) {
      const msg = `Container image ${JSON.stringify(image)} is not present with pull policy of Never`;
      this.blocked = true;
      this.waiting("ErrImageNeverPull", msg);
      this.pod.event("Warning", "ErrImageNeverPull", msg);
      this.after(SYNC_RETRY_SECONDS, "retry", () => this.retryNow());
      return;
    }
    if (present && policy !== "Always") {
      this.pod.event("Normal", "Pulled", `Container image ${JSON.stringify(image)} already present on machine`);
      this.create(ref, profile);
      return;
    }
    const failure = pullFailure(ref, profile);
    const meant = profile ? undefined : misspeltOfficialImage(ref);
    if (meant) {
      this.pod.host.noteOnce(`misspelt:${ref.path}`, {
        severity: "error",
        layer: "runtime",
        object: null,
        message: `image ${JSON.stringify(image)} names Docker Hub's official repository "${ref.path.slice("library/".length)}", which does not exist: every pull fails (ErrImagePull, then ImagePullBackOff)`,
        hint: `did you mean ${meant}?`,
      });
    }
    this.pod.event("Normal", "Pulling", `Pulling image ${JSON.stringify(image)}`);
    this.busy = true;
    const node = this.pod.nodeRuntime;
    const inflight = node.pulling.get(ref.full);
    const size = profile?.sizeBytes ?? UNKNOWN_IMAGE_SIZE;
    const own = failure !== null ? 0.5 : present || inflight !== undefined ? 0.3 : pullSeconds(size);
    const begin = Math.max(this.now, inflight ?? node.pullFreeAt);
    const end = begin + own;
    if (failure === null && !present) node.pulling.set(ref.full, end);
    node.pullFreeAt = Math.max(node.pullFreeAt, end);
    const requested = this.now;
    this.after(end - this.now, "pull", () => {
      this.busy = false;
      if (node.pulling.get(ref.full) === end) node.pulling.delete(ref.full);
      if (failure !== null) {
        this.pullFailed(failure);
        return;
      }
      this.pod.event(
        "Normal",
        "Pulled",
        `Successfully pulled image ${JSON.stringify(image)} in ${goDuration(own)} (${goDuration(this.now - requested)} including waiting). Image size: ${size} bytes.`,
      );
      this.recordImage(ref, size);
      this.create(ref, profile);
    });
  }

  private pullFailed(error: string): void {
    const image = this.view.image;
    this.pod.event("Warning", "Failed", `Failed to pull image ${JSON.stringify(image)}: ${error}`);
    this.pod.event("Warning", "Failed", "Error: ErrImagePull");
    this.waiting("ErrImagePull", error);
    this.pullBackoff = nextBackoff(this.pullBackoff, this.now);
    const delay = this.pullBackoff.delay;
    this.after(1, "pull-backoff", () => {
      this.waiting("ImagePullBackOff", `Back-off pulling image ${JSON.stringify(image)}: ErrImagePull: ${error}`);
      this.pod.event("Normal", "BackOff", `Back-off pulling image ${JSON.stringify(image)}`);
      this.pod.event("Warning", "Failed", "Error: ImagePullBackOff");
    });
    this.after(delay, "pull-retry", () => this.pull());
  }

  private recordImage(ref: ImageRef, size: number): void {
    const nodeName = this.pod.nodeRuntime.name;
    const node = this.pod.ctx.store.get("Node", undefined, nodeName);
    if (!node || nodeHasImage(node, ref.full)) return;
    const tagged = `${ref.domain}/${ref.path}`;
    // A status write that shares the rest of the Node (copy-on-write) rather than a deep copy.
    const images = [
      ...(node.status?.images ?? []),
      { names: [`${tagged}@sha256:${hex64(ref.full)}`, ref.full], sizeBytes: size },
    ];
    this.pod.ctx.store.replaceStatus("Node", undefined, nodeName, { ...node.status, images });
  }

  private create(ref: ImageRef, profile: ImageProfile | undefined): void {
    // kuberuntime_container.go generateContainerConfig: the image user is checked against
    // runAsNonRoot before the environment is resolved.
    const nonRoot = verifyRunAsNonRoot(this.pod.pod, this.spec, imageUid(ref, profile), this.pod.podRef);
    const env = resolveEnv(this.spec, this.pod.pod, this.pod.ctx.store, this.pod.podIP, this.pod.hostIP);
    const configError = nonRoot ?? (env.ok ? null : env.message);
    if (configError !== null || !env.ok) {
      this.blocked = true;
      this.waiting("CreateContainerConfigError", configError ?? "");
      this.pod.event("Warning", "Failed", `Error: ${configError}`);
      this.after(SYNC_RETRY_SECONDS, "retry", () => this.retryNow());
      return;
    }
    this.blocked = false;
    // The container's commands see the cluster's Services as they are when it starts (and when it polls).
    const programNow = () =>
      containerProgram(
        profile,
        this.view.image,
        this.spec.command,
        this.spec.args,
        env.env,
        storeNetwork(this.pod.ctx.store, this.pod.pod.metadata.namespace ?? "default"),
      );
    const program = programNow();
    for (const what of program.assumed) {
      this.pod.host.noteOnce(`assumed:${what}`, {
        severity: "info",
        layer: "runtime",
        object: `Pod/${this.pod.name}`,
        message: assumptionMessage(what, this.name),
        hint: null,
      });
    }
    this.program = program;
    this.starts++;
    if (this.starts > 1) this.view.restartCount++;
    this.view.imageID = `${ref.domain}/${ref.path}@sha256:${hex64(ref.full)}`;
    this.view.containerID = `containerd://${hex64(`${this.pod.uid}/${this.name}/${this.starts}`)}`;
    this.pod.event("Normal", "Created", `Created container: ${this.name}`);
    this.pod.event("Normal", "Started", `Started container ${this.name}`);
    const startedAt = this.now;
    this.view.state = { kind: "running", startedAt };
    this.view.started = !this.spec.startupProbe;
    this.view.ready = this.view.started && !this.spec.readinessProbe && this.kind !== "init";
    const limit = memoryLimit(this.spec);
    const oom = limit !== null && program.memoryBytes > limit ? program.memoryAfter : null;
    if (oom !== null && (program.exitAfter === null || oom <= program.exitAfter)) {
      this.after(oom, "oom", () => this.exit(137, "OOMKilled"));
    } else if (program.exitAfter !== null) {
      const code = program.exitCode;
      this.after(program.exitAfter, "exit", () => this.exit(code, code === 0 ? "Completed" : "Error"));
    } else if (program.waitsFor) this.awaitNetwork(program.waitsFor, programNow);
    if (this.spec.startupProbe)
      this.scheduleProbe("Startup", probeSettings(this.spec.startupProbe).initialDelaySeconds);
    else this.startMainProbes(startedAt);
    this.pod.flush();
    this.pod.advance();
  }

  /** An `until <network check>` loop polls; once its names answer, the rest of the script runs from then. */
  private awaitNetwork(wait: NetworkWait, programNow: () => CommandProgram): void {
    this.after(wait.everySeconds, "poll", () => {
      const next = programNow();
      if (next.waitsFor) {
        this.awaitNetwork(next.waitsFor, programNow);
        return;
      }
      this.program = next;
      if (next.exitAfter === null) return;
      const code = next.exitCode;
      this.after(next.exitAfter, "exit", () => this.exit(code, code === 0 ? "Completed" : "Error"));
    });
  }

  private startMainProbes(startedAt: number): void {
    for (const kind of ["Liveness", "Readiness"] as const) {
      const probe = kind === "Liveness" ? this.spec.livenessProbe : this.spec.readinessProbe;
      if (!probe) continue;
      const s = probeSettings(probe);
      this.scheduleProbe(kind, Math.max(0, startedAt + s.initialDelaySeconds - this.now));
    }
  }

  private scheduleProbe(kind: ProbeKind, delay: number): void {
    this.probes.set(kind, this.probes.get(kind) ?? { failures: 0, successes: 0 });
    this.scheduleProbeRun(kind, delay);
  }

  /** Schedules one probe; its task and label are made once per kind, as probes repeat every period. */
  private scheduleProbeRun(kind: ProbeKind, delay: number): void {
    let prober = this.probers.get(kind);
    if (!prober) {
      const run = () => {
        if (!this.pod.frozen) this.probe(kind);
      };
      prober = { label: this.pod.taskLabel(`probe-${kind} ${this.name}`), run, task: null };
      this.probers.set(kind, prober);
    }
    // The previous run's task goes back on the clock unless it was cancelled (or is still pending).
    if (prober.task && this.pod.repeat(prober.task, delay)) {
      this.tasks.keep(prober.task);
      return;
    }
    prober.task = this.pod.scheduleChecked(delay, prober.label, prober.run);
    this.tasks.add(prober.task);
  }

  private probe(kind: ProbeKind): void {
    const state = this.view.state;
    if (state.kind !== "running" || this.program === null || this.busy) return;
    const raw =
      kind === "Liveness"
        ? this.spec.livenessProbe
        : kind === "Readiness"
          ? this.spec.readinessProbe
          : this.spec.startupProbe;
    let s = this.probeSpecs.get(kind);
    if (!s) {
      s = probeSettings(raw);
      this.probeSpecs.set(kind, s);
    }
    const counters = this.probes.get(kind) as ProbeCounters;
    const result = runProbe(s, this.spec, this.program, this.now - state.startedAt, this.pod.podIP, this.busybox);
    if (result.ok) {
      counters.failures = 0;
      counters.successes++;
      if (kind === "Startup") {
        this.view.started = true;
        this.view.ready = !this.spec.readinessProbe && this.kind !== "init";
        this.probes.delete("Startup");
        this.startMainProbes(state.startedAt);
        this.pod.flush();
        this.pod.advance();
        return;
      }
      if (kind === "Readiness" && counters.successes >= s.successThreshold && !this.view.ready) {
        this.view.ready = true;
        this.pod.flush();
      }
    } else {
      counters.successes = 0;
      counters.failures++;
      // pkg/kubelet/prober/prober.go: "%s probe failed: %s".
      this.pod.event("Warning", "Unhealthy", `${kind} probe failed: ${result.output}`);
      if (counters.failures >= s.failureThreshold) {
        if (kind === "Readiness") {
          if (this.view.ready) {
            this.view.ready = false;
            this.pod.flush();
          }
        } else {
          // kuberuntime_manager.go computePodActions: "Container %s failed %s probe, will be restarted".
          const grace = raw.terminationGracePeriodSeconds ?? this.pod.gracePeriod;
          this.kill(`Container ${this.name} failed ${kind.toLowerCase()} probe, will be restarted`, grace, false);
          return;
        }
      }
    }
    this.scheduleProbeRun(kind, s.periodSeconds);
  }

  /**
   * Stops a running container as kuberuntime_container.go killContainer does: `Killing` event with
   * `message`, the preStop hook for at most `grace`, then (with a termination ordering) a wait until
   * `turnAfter` seconds from now, when the containers it waits on have stopped, for at most the
   * grace left; then SIGTERM, and SIGKILL once the grace left, but never less than
   * `MINIMUM_GRACE_SECONDS`, runs out. Returns the seconds it takes. When `final`, the container is
   * not restarted.
   */
  kill(message: string, grace: number, final: boolean, turnAfter = 0): number {
    this.cancelTasks();
    const state = this.view.state;
    if (state.kind !== "running" || this.program === null) {
      if (final && state.kind === "waiting") this.view.ready = false;
      return 0;
    }
    const text = message === "Stopping container" ? `Stopping container ${this.name}` : message;
    this.pod.event("Normal", "Killing", text);
    const preStop = preStopSeconds(this.spec);
    // executePreStopHook gives up waiting at the grace period; the kubelet counts whole seconds.
    const hook = grace > 0 ? Math.min(preStop, grace) : 0;
    let left = grace - Math.trunc(hook);
    let sigterm = hook;
    if (left > 0 && turnAfter > hook) {
      // terminationOrdering.waitForTurn, truncated to whole seconds too.
      const waited = Math.min(turnAfter - hook, left);
      left -= Math.trunc(waited);
      sigterm += waited;
    }
    const window = Math.max(left, MINIMUM_GRACE_SECONDS);
    const stop = this.program.stopSeconds;
    const sigkilled = stop === null || stop > window;
    const took = sigterm + (sigkilled ? window : stop);
    const code = sigkilled ? 137 : this.program.sigtermExitCode;
    this.view.ready = false;
    this.busy = true;
    const finish = () => {
      this.busy = false;
      // A hook still running dies with the container: its exec returns 137 and the hook's goroutine
      // records FailedPreStopHook, without the error text (executePreStopHook).
      if (preStop > took) this.pod.event("Warning", "FailedPreStopHook", "PreStopHook failed");
      this.exit(code, code === 0 ? "Completed" : "Error", final);
    };
    if (final) this.pod.after(took, `stopped ${this.name}`, finish);
    else this.after(took, "stopped", finish);
    return took;
  }

  private exit(exitCode: number, reason: string, final = false): void {
    const state = this.view.state;
    if (state.kind !== "running") return;
    this.cancelTasks();
    this.probes.clear();
    const terminated: Terminated = {
      exitCode,
      reason,
      startedAt: state.startedAt,
      finishedAt: this.now,
      containerID: this.view.containerID ?? "",
    };
    this.view.state = { kind: "terminated", terminated };
    this.view.ready = false;
    this.view.started = false;
    this.pod.flush();
    if (final || this.pod.terminating) return;
    if (this.shouldRestart(exitCode)) {
      this.view.lastState = terminated;
      this.view.state = { kind: "waiting", reason: "CrashLoopBackOff" };
      this.ensureStarted();
    }
    this.pod.advance();
  }

  private shouldRestart(exitCode: number): boolean {
    if (this.kind === "sidecar") return true;
    const policy = this.pod.restartPolicy;
    if (this.kind === "init") return exitCode !== 0 && policy !== "Never";
    return policy === "Always" || (policy === "OnFailure" && exitCode !== 0);
  }
}

/** Why a pull certainly fails (the runtime's error), or null when it succeeds. */
export function pullFailure(ref: ImageRef, profile: ImageProfile | undefined): string | null {
  const shown = `${ref.domain}/${ref.path}${ref.tag ? `:${ref.tag}` : ""}${ref.digest ? `@${ref.digest}` : ""}`;
  if (unresolvableHost(ref.domain)) {
    const host = ref.domain.replace(/:\d+$/, "");
    // containerd's resolver error for a registry host DNS cannot resolve.
    return `rpc error: code = Unknown desc = failed to pull and unpack image ${JSON.stringify(shown)}: failed to resolve reference ${JSON.stringify(shown)}: failed to do request: Head "https://${ref.domain}/v2/${ref.path}/manifests/${ref.tag ?? ref.digest}": dial tcp: lookup ${host}: no such host`;
  }
  if (!profile && misspeltOfficialImage(ref)) {
    // Docker Hub's answer (through containerd) for a repository that does not exist.
    return `rpc error: code = Unknown desc = failed to pull and unpack image ${JSON.stringify(shown)}: failed to resolve reference ${JSON.stringify(shown)}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
  }
  if (profile && tagCertainlyMissing(profile, ref.tag)) {
    // containerd's NotFound for a tag the registry does not have.
    return `rpc error: code = NotFound desc = failed to pull and unpack image ${JSON.stringify(shown)}: failed to resolve reference ${JSON.stringify(shown)}: ${shown}: not found`;
  }
  return null;
}

function memoryLimit(spec: any): number | null {
  const raw = spec.resources?.limits?.memory;
  if (raw === undefined) return null;
  const q = parseQuantity(String(raw));
  return q ? toNumber(q) : null;
}

/** Seconds a preStop hook takes: `sleep` action or an exec `sleep N`; other hooks are instant. */
function preStopSeconds(spec: any): number {
  const hook = spec.lifecycle?.preStop;
  if (!hook) return 0;
  if (hook.sleep?.seconds !== undefined) return Number(hook.sleep.seconds) || 0;
  const text = (hook.exec?.command ?? []).join(" ");
  const m = /\bsleep\s+(\d+(?:\.\d+)?)/.exec(text);
  return m ? Number(m[1]) : 0;
}
