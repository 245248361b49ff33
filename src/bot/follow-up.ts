/**
 * Typed "what if" follow-ups: what a learner writes in the thread of a simulated paste (or in a DM
 * after one) to re-simulate it with one more step. Three shapes:
 *
 * - a `--then` command as typed (CONTRACT.md): `kubectl drain node-b --ignore-daemonsets`,
 *   `node-down node-b`, `load deployment/web cpu=180%`, checked by the sandbox's own parser, so
 *   what is accepted here is exactly what the simulation runs;
 * - a few plain-language forms that map to one command without guessing ("what if node-b goes
 *   down", "what if I drain node-b", "scale web to 5", "set image of web to nginx:1.28");
 * - "then apply" with YAML: `kubectl apply -f` of that YAML;
 *
 * each optionally timed (`follow-up-time.ts`), one per line. Pure: text in, intents out; the
 * workload kinds and container names the plain forms leave open are resolved against the stored
 * paste (`scenario.ts`).
 */
import { parseAction } from "../sandbox/actions/index.js";
import { DURATION, durationSeconds, type Timing, takeTiming, timing as timingOf } from "./follow-up-time.js";

/** Workload kinds a plain-language form may name (kubectl's words for them). */
export type WorkloadKind = "deployment" | "statefulset" | "daemonset" | "replicaset";

/** What a follow-up does. Plain forms carry the kind only when the learner named it. */
export type Intent =
  | { verb: "command"; command: string }
  | { verb: "drain" | "node-down" | "cordon" | "uncordon"; node: string }
  | { verb: "scale"; kind?: WorkloadKind; name: string; replicas: number }
  | { verb: "image"; kind?: WorkloadKind; name: string; image: string }
  | { verb: "rollback"; kind?: WorkloadKind; name: string }
  | { verb: "load"; kind?: WorkloadKind; name: string; cpu: number }
  | { verb: "apply"; manifests: string }
  | { verb: "reset" };

/** One follow-up step. */
export interface Step {
  intent: Intent;
  timing: Timing;
}

/** The result of {@link parseFollowUp}. */
export type FollowUpParse = { ok: true; steps: Step[] } | { ok: false; text: string; problem: string };

/** What a learner may type, for the answer to a follow-up that could not be used. */
export const UNDERSTOOD = [
  "`kubectl drain|cordon|uncordon NODE`, `kubectl scale KIND/NAME --replicas=N`, `kubectl set image KIND/NAME CONTAINER=IMAGE`, `kubectl rollout undo|restart KIND/NAME`, `kubectl delete KIND/NAME`, `kubectl label …`, `kubectl taint …`",
  "`node-down NODE`, `load KIND/NAME cpu=PERCENT`",
  '"what if node-b goes down", "what if I drain node-b", "scale web to 5", "set image of web to nginx:1.28", "roll back web", "what if web hits 180% cpu"',
  '"then apply" followed by YAML (a code block or a file)',
  "a time before or after any of them: `at 2m: …`, `after 90s …`, `… in 5m` (default: a minute after the previous step)",
  '"reset scenario" to go back to the paste alone',
];

/** Longest command kept (an action is at most 1,000 characters in the paste store and the job). */
const MAX_COMMAND = 900;

const NAME = "([a-z0-9](?:[-a-z0-9.]*[a-z0-9])?)";
const KIND = "(?:(deployments?|deploy|statefulsets?|sts|daemonsets?|ds|replicasets?|rs)[/ ])?";
const IMAGE = String.raw`(\S*[:@/]\S*)`;
const KINDS: Record<string, WorkloadKind> = {
  deploy: "deployment",
  sts: "statefulset",
  ds: "daemonset",
  rs: "replicaset",
};

function kindOf(word: string | undefined): { kind?: WorkloadKind } {
  if (!word) return {};
  const w = word.toLowerCase();
  return { kind: KINDS[w] ?? (w.replace(/s$/, "") as WorkloadKind) };
}

/** Words around a follow-up that say nothing ("then", "what if I", "and"). */
const LEAD =
  /^(?:(?:and\s+)?then|and|now|so|ok(?:ay)?|what\s+if|what\s+happens\s+if|what\s+would\s+happen\s+if|i|we|you)\b[\s,]*/i;
const TIME = String.raw`(at|after|in)\s+(${DURATION})`;
/** "then apply", "what if I apply", "at 5m then kubectl apply this:", "then apply after 90s": a lead word is required, so a first paste that says "kubectl apply this" stays a paste. */
const APPLY_LEAD = new RegExp(
  String.raw`^\s*(?:${TIME}[\s,:]+)?(?:(?:and\s+)?then|what\s+if\s+(?:i|we)|now)\s+(?:kubectl\s+)?(?:apply|create)\b(?:\s+(?:this|these|it|that|the\s+following))?(?:\s+(?:yaml|manifests?|files?))?(?:\s+${TIME})?[ \t]*[:,]?[ \t]*(?=\n|\x60|$)`,
  "i",
);

function stripLead(text: string): { rest: string; asked: boolean } {
  let rest = text;
  let asked = false;
  for (let m = LEAD.exec(rest); m && m[0] !== ""; m = LEAD.exec(rest)) {
    asked ||= /^what/i.test(m[0]);
    rest = rest.slice(m[0].length);
  }
  return { rest, asked };
}

type Plain = [RegExp, (m: RegExpExecArray) => Intent];

const PLAIN: Plain[] = [
  [new RegExp(`^(drain|cordon|uncordon) (?:node )?${NAME}$`, "i"), (m) => nodeIntent(m[1], m[2])],
  [
    new RegExp(
      `^(?:node )?${NAME} (?:goes|went|is|was|were|gets|got) (?:down|offline|unreachable|lost|dead)$|^(?:node )?${NAME} (?:dies|died|fails|failed|crashes|crashed)$|^(?:take|bring|shut|turn) (?:node )?${NAME} (?:down|off)$|^(?:lose|lost) (?:node )?${NAME}$`,
      "i",
    ),
    (m) => nodeIntent("node-down", m[1] ?? m[2] ?? m[3] ?? m[4]),
  ],
  [
    new RegExp(`^scale (?:up |down )?(?:the )?${KIND}${NAME} (?:up |down )?to (\\d+)(?: replicas?| pods?)?$`, "i"),
    (m) => ({ verb: "scale", ...kindOf(m[1]), name: lower(m[2]), replicas: Number(m[3]) }),
  ],
  [
    new RegExp(
      `^(?:set|change|update|bump|upgrade) (?:the )?image (?:of |for |on )?(?:the )?${KIND}${NAME} to ${IMAGE}$|^(?:update|upgrade|bump|roll out|move) (?:the )?${KIND}${NAME} to ${IMAGE}$|^${KIND}${NAME} (?:uses|runs|gets|moves to) (?:image )?${IMAGE}$`,
      "i",
    ),
    (m) => ({
      verb: "image",
      ...kindOf(m[1] ?? m[4] ?? m[7]),
      name: lower(m[2] ?? m[5] ?? m[8]),
      image: m[3] ?? m[6] ?? m[9] ?? "",
    }),
  ],
  [
    new RegExp(`^(?:roll ?back|undo (?:the )?(?:rollout|roll-out)(?: of)?|revert) (?:the )?${KIND}${NAME}$`, "i"),
    (m) => ({ verb: "rollback", ...kindOf(m[1]), name: lower(m[2]) }),
  ],
  [
    new RegExp(`^${KIND}${NAME} (?:hits|reaches|is at|runs at|uses|gets|goes to) (\\d+(?:\\.\\d+)?)% cpu$`, "i"),
    (m) => ({ verb: "load", ...kindOf(m[1]), name: lower(m[2]), cpu: Number(m[3]) }),
  ],
  [
    /^(?:reset|clear)(?: the)? (?:scenario|what-?ifs?|follow-?ups?)$|^(?:start over|go back) (?:from|to) the paste$/i,
    () => ({ verb: "reset" }),
  ],
];

function lower(s: string | undefined): string {
  return (s ?? "").toLowerCase();
}

function nodeIntent(verb: string | undefined, node: string | undefined): Intent {
  return { verb: lower(verb) as "drain" | "node-down" | "cordon" | "uncordon", node: lower(node) };
}

/** A `--then` command as typed, checked by the sandbox's parser; the problem without its `--then` frame. */
function commandIntent(command: string): { intent: Intent } | { problem: string } {
  if (command.length > MAX_COMMAND) return { problem: `the command is over ${MAX_COMMAND} characters` };
  if (/^kubectl\s+(?:apply|create)\b/i.test(command))
    return { problem: 'to apply YAML here, write "then apply" followed by the YAML, as a code block or a file' };
  const frame = `0s: ${command}`;
  const parsed = parseAction(frame);
  if (parsed.ok) return { intent: { verb: "command", command } };
  return { problem: parsed.message.replace(`--then ${JSON.stringify(frame)}: `, "") };
}

type LineParse = { step: Step } | { problem: string } | undefined;

function parseLine(raw: string): LineParse {
  const line = raw
    .trim()
    .replace(/^`+|`+$/g, "")
    .replace(/[\s?!.]+$/, "")
    .replace(/\s+/g, " ");
  const first = stripLead(line);
  const timed = takeTiming(first.rest);
  const second = stripLead(timed.rest);
  const rest = second.rest;
  const asked = first.asked || second.asked || timed.timing.mode !== "next";
  if (/^(?:kubectl|node-down|load)\b/i.test(rest)) {
    const c = commandIntent(rest.replace(/^kubectl\b/i, "kubectl").replace(/^(node-down|load)\b/i, lower));
    return "problem" in c ? c : { step: { intent: c.intent, timing: timed.timing } };
  }
  for (const [re, intent] of PLAIN) {
    const m = re.exec(rest);
    if (m) return { step: { intent: intent(m), timing: timed.timing } };
  }
  return asked ? { problem: "I don't know this what-if" } : undefined;
}

/**
 * The follow-up a message asks for; undefined when it is not one (it goes to the tutor then).
 * `attached` is the YAML of the message's files, for "then apply" with a file.
 */
export function parseFollowUp(text: string, attached = ""): FollowUpParse | undefined {
  const apply = APPLY_LEAD.exec(text);
  if (apply) {
    const yaml = [fencedYaml(text.slice(apply[0].length)), attached.trim()].filter((y) => y !== "").join("\n---\n");
    if (yaml === "") return { ok: false, text: apply[0].trim(), problem: "there is no YAML after it to apply" };
    const word = apply[1] ?? apply[3];
    const duration = durationSeconds(apply[2] ?? apply[4] ?? "");
    const timing: Timing = duration === null ? { mode: "next" } : timingOf(word, duration);
    return { ok: true, steps: [{ intent: { verb: "apply", manifests: yaml }, timing }] };
  }
  // YAML without "then apply" in front is a paste: it starts over.
  if (attached.trim() !== "" || text.includes("```") || /^\s*kind\s*:/m.test(text)) return undefined;
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  if (lines.length === 0) return undefined;
  const steps: Step[] = [];
  for (const l of lines) {
    const r = parseLine(l);
    // A message whose first line is no follow-up is something else (a question, a command).
    if (r === undefined && steps.length === 0) return undefined;
    if (r === undefined || "problem" in r)
      return { ok: false, text: l.trim(), problem: r ? r.problem : "I don't know this what-if" };
    steps.push(r.step);
  }
  return { ok: true, steps };
}

/** The YAML of a message's code blocks, or of its text when it has none. */
function fencedYaml(text: string): string {
  const blocks = [...text.matchAll(/```(?:[A-Za-z]*[ \t]*\n)?([\s\S]*?)```/g)].map((m) => (m[1] ?? "").trim());
  return (blocks.length > 0 ? blocks.join("\n---\n") : text).trim();
}
