/**
 * A thread's scenario grows by typed follow-ups: each step becomes one `--then` action after the
 * ones already there (follow-ups accumulate until "reset scenario" or a new paste). The plain
 * forms' open ends are filled from the paste: the kind and namespace of the workload named, its
 * only container for a new image. A name the paste does not hold is passed on as a Deployment,
 * and the simulation answers it the way kubectl would (`deployments.apps "x" not found`).
 */
import { describeLimit, LIMITS } from "../core/limits.js";
import { parseAction } from "../sandbox/actions/index.js";
import { parseManifests } from "../sandbox/parse/index.js";
import type { Intent, Step, WorkloadKind } from "./follow-up.js";
import type { Scenario } from "./paste-store.js";
import { appendAction, drainCommand, lastActionSeconds, nextActionSeconds } from "./what-if.js";

/** The result of {@link withSteps}: the grown scenario and the actions added, or why not. */
export type StepsResult = { ok: true; scenario: Scenario; added: string[] } | { ok: false; message: string };

interface Workload {
  kind: WorkloadKind;
  namespace: string;
  containers: string[];
}

/** The workloads of the paste and of the YAML applied since, by name. */
function findWorkload(s: Scenario, name: string, kinds: WorkloadKind[]): Workload | undefined {
  for (const text of [s.manifests, ...Object.values(s.files ?? {})]) {
    for (const o of parseManifests(text).objects) {
      const v = o.value as {
        kind?: unknown;
        metadata?: { name?: unknown; namespace?: unknown };
        spec?: { template?: { spec?: { containers?: { name?: unknown }[] } } };
      };
      const kind = String(v.kind).toLowerCase() as WorkloadKind;
      if (v.metadata?.name !== name || !kinds.includes(kind)) continue;
      const containers = (v.spec?.template?.spec?.containers ?? []).map((c) => String(c?.name));
      const namespace = typeof v.metadata.namespace === "string" ? v.metadata.namespace : "default";
      return { kind, namespace, containers };
    }
  }
  return undefined;
}

function target(s: Scenario, kind: WorkloadKind | undefined, name: string, kinds: WorkloadKind[]) {
  const found = findWorkload(s, name, kind ? [kind] : kinds);
  const ns = found && found.namespace !== "default" ? ` -n ${found.namespace}` : "";
  return { ref: `${found?.kind ?? kind ?? "deployment"}/${name}`, ns, containers: found?.containers };
}

/** The `--then` command of one plain or typed step; `file` names YAML applied by this step. */
function commandOf(
  s: Scenario,
  intent: Exclude<Intent, { verb: "reset" }>,
): { command: string; file?: [string, string] } | { message: string } {
  switch (intent.verb) {
    case "command":
      return { command: intent.command };
    case "drain":
      return { command: drainCommand(intent.node) };
    case "node-down":
      return { command: `node-down ${intent.node}` };
    case "cordon":
    case "uncordon":
      return { command: `kubectl ${intent.verb} ${intent.node}` };
    case "scale": {
      const t = target(s, intent.kind, intent.name, ["deployment", "statefulset", "replicaset"]);
      return { command: `kubectl scale ${t.ref} --replicas=${intent.replicas}${t.ns}` };
    }
    case "rollback": {
      const t = target(s, intent.kind, intent.name, ["deployment", "statefulset", "daemonset"]);
      return { command: `kubectl rollout undo ${t.ref}${t.ns}` };
    }
    case "load": {
      const t = target(s, intent.kind, intent.name, ["deployment", "statefulset", "replicaset", "daemonset"]);
      return { command: `load ${t.ref} cpu=${intent.cpu}%${t.ns}` };
    }
    case "image": {
      const t = target(s, intent.kind, intent.name, ["deployment", "statefulset", "daemonset", "replicaset"]);
      const containers = t.containers ?? [intent.name];
      if (containers.length !== 1)
        return {
          message: `${t.ref} has the containers ${containers.join(", ")}: say which one with \`kubectl set image ${t.ref} CONTAINER=${intent.image}\`.`,
        };
      return { command: `kubectl set image ${t.ref} ${containers[0]}=${intent.image}${t.ns}` };
    }
    case "apply": {
      const name = `then-apply-${Object.keys(s.files ?? {}).length + 1}.yaml`;
      return { command: `kubectl apply -f ${name}`, file: [name, intent.manifests] };
    }
  }
}

function bytes(s: Scenario): number {
  let n = Buffer.byteLength(s.manifests, "utf8");
  for (const text of Object.values(s.files ?? {})) n += Buffer.byteLength(text, "utf8");
  return n;
}

/** `scenario` with every step appended in order, or the first step's problem. */
export function withSteps(scenario: Scenario, steps: Step[]): StepsResult {
  let s = scenario;
  const added: string[] = [];
  for (const step of steps) {
    if (step.intent.verb === "reset") return { ok: false, message: '"reset scenario" goes on a line of its own.' };
    const c = commandOf(s, step.intent);
    if ("message" in c) return { ok: false, message: c.message };
    const files = c.file ? { ...s.files, [c.file[0]]: c.file[1] } : s.files;
    const t = step.timing;
    const at = Math.round(
      t.mode === "next"
        ? nextActionSeconds(s)
        : t.mode === "at"
          ? t.seconds
          : lastActionSeconds(s.actions ?? []) + t.seconds,
    );
    const next = appendAction({ ...s, ...(files ? { files } : {}) }, at, c.command);
    if (!next.ok) return next;
    // The sandbox's parser has the last word on every action, with the files it may apply.
    const parsed = parseAction(next.action, files);
    if (!parsed.ok)
      return { ok: false, message: parsed.message.replace(`--then ${JSON.stringify(next.action)}: `, "") };
    if (bytes(next.request) > LIMITS.pasteBytes)
      return {
        ok: false,
        message: `The paste and the YAML applied after it are over the ${describeLimit("pasteBytes")}.`,
      };
    s = next.request;
    added.push(next.action);
  }
  return { ok: true, scenario: grownFrom(scenario, s), added };
}

/** `next`, grown from `previous` by follow-ups, remembering the paste's own horizon and actions. */
export function grownFrom(previous: Scenario, next: Scenario): Scenario {
  const base = previous.base ?? {
    ...(previous.atSeconds !== undefined ? { atSeconds: previous.atSeconds } : {}),
    ...(previous.actions !== undefined ? { actions: previous.actions } : {}),
  };
  return { ...next, base };
}

/** The paste alone again, as it was first simulated. */
export function resetScenario(s: Scenario): Scenario {
  return {
    manifests: s.manifests,
    ...(s.cluster !== undefined ? { cluster: s.cluster } : {}),
    ...(s.base?.atSeconds !== undefined ? { atSeconds: s.base.atSeconds } : {}),
    ...(s.base?.actions !== undefined ? { actions: s.base.actions } : {}),
  };
}

/** The follow-ups since the paste (the actions after its own), in the order they were added. */
export function followUps(s: Scenario): string[] {
  return (s.actions ?? []).slice(s.base?.actions?.length ?? 0);
}
