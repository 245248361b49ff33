/**
 * The claim language: small, machine-checkable predicates over a `SimulationResult`. Every drill
 * choice carries one, so the content check can re-derive a drill's answer from the simulator: the
 * answer's claim must hold and every other choice's claim must not.
 */
import { z } from "zod";
import { LAYERS, type PodSummary, type SimulationResult } from "../sandbox/result.js";

const phaseSchema = z.enum(["Pending", "Running", "Succeeded", "Failed", "Unknown"]);

/** Filters selecting live (not deleted) pods; every field given must match. */
export const podFilterSchema = z
  .object({
    /** Top-most controller, e.g. `Deployment/web`; `null` for bare pods. */
    owner: z.string().nullable().optional(),
    phase: phaseSchema.optional(),
    /** The pod's reason, e.g. `Unschedulable`, `CrashLoopBackOff`, `OOMKilled`. */
    reason: z.string().nullable().optional(),
    ready: z.boolean().optional(),
    /** kubectl's STATUS column, e.g. `Running`, `Completed`, `CrashLoopBackOff`, `ImagePullBackOff`. */
    status: z.string().optional(),
    /** Reason of the last termination, e.g. `OOMKilled`, `Error`, `Completed`. */
    lastTerminationReason: z.string().optional(),
    /** Whether the pod is bound to a node. */
    scheduled: z.boolean().optional(),
    /** Bound to exactly this node. */
    node: z.string().optional(),
    /** Substring of the pod's message (e.g. part of the FailedScheduling text). */
    messageIncludes: z.string().optional(),
    /** Pod name starts with this prefix. */
    namePrefix: z.string().optional(),
  })
  .strict();

const countSchema = z.union([
  z.number().int().min(0),
  z.object({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() }).strict(),
]);

/** A claim about a simulation result. Exactly one key per object; combine with `allOf`/`anyOf`/`not`. */
export type Claim =
  | { rejected: number }
  | { rejectionIncludes: string }
  | { pods: z.infer<typeof podFilterSchema> & { count: z.infer<typeof countSchema> } }
  | { distinctNodes: { owner?: string | null | undefined; count: number } }
  | { eventReason: string; messageIncludes?: string | undefined; object?: string | undefined }
  | { podReason: string }
  | { restartsAtLeast: number }
  | {
      finding: {
        layer?: (typeof LAYERS)[number] | undefined;
        severity?: "error" | "warning" | "info" | undefined;
        messageIncludes?: string | undefined;
      };
    }
  | { object: { kind: string; name?: string | undefined } }
  | { allOf: Claim[] }
  | { anyOf: Claim[] }
  | { not: Claim };

/** zod schema of {@link Claim}. */
export const claimSchema: z.ZodType<Claim> = z.lazy(() =>
  z.union([
    z.object({ rejected: z.number().int().min(0) }).strict(),
    z.object({ rejectionIncludes: z.string().min(1) }).strict(),
    z.object({ pods: podFilterSchema.extend({ count: countSchema }).strict() }).strict(),
    z
      .object({
        distinctNodes: z.object({ owner: z.string().nullable().optional(), count: z.number().int().min(0) }).strict(),
      })
      .strict(),
    z
      .object({
        eventReason: z.string().min(1),
        messageIncludes: z.string().optional(),
        object: z.string().optional(),
      })
      .strict(),
    z.object({ podReason: z.string().min(1) }).strict(),
    z.object({ restartsAtLeast: z.number().int().min(1) }).strict(),
    z
      .object({
        finding: z
          .object({
            layer: z.enum(LAYERS).optional(),
            severity: z.enum(["error", "warning", "info"]).optional(),
            messageIncludes: z.string().optional(),
          })
          .strict(),
      })
      .strict(),
    z.object({ object: z.object({ kind: z.string().min(1), name: z.string().optional() }).strict() }).strict(),
    z.object({ allOf: z.array(claimSchema).min(1) }).strict(),
    z.object({ anyOf: z.array(claimSchema).min(1) }).strict(),
    z.object({ not: claimSchema }).strict(),
  ]),
);

function livePods(result: SimulationResult): PodSummary[] {
  return result.pods.filter((p) => !p.deleted);
}

function matchesPod(p: PodSummary, f: z.infer<typeof podFilterSchema>): boolean {
  if (f.owner !== undefined && p.owner !== f.owner) return false;
  if (f.phase !== undefined && p.phase !== f.phase) return false;
  if (f.reason !== undefined && p.reason !== f.reason) return false;
  if (f.ready !== undefined && p.ready !== f.ready) return false;
  if (f.status !== undefined && p.status !== f.status) return false;
  if (f.lastTerminationReason !== undefined && p.lastTerminationReason !== f.lastTerminationReason) return false;
  if (f.scheduled !== undefined && (p.node !== null) !== f.scheduled) return false;
  if (f.node !== undefined && p.node !== f.node) return false;
  if (f.messageIncludes !== undefined && !(p.message ?? "").includes(f.messageIncludes)) return false;
  if (f.namePrefix !== undefined && !p.name.startsWith(f.namePrefix)) return false;
  return true;
}

function countOk(n: number, want: z.infer<typeof countSchema>): boolean {
  if (typeof want === "number") return n === want;
  return (want.min === undefined || n >= want.min) && (want.max === undefined || n <= want.max);
}

/** Whether `claim` holds for `result`. Pure; never throws for a schema-valid claim. */
export function holds(claim: Claim, result: SimulationResult): boolean {
  if ("allOf" in claim) return claim.allOf.every((c) => holds(c, result));
  if ("anyOf" in claim) return claim.anyOf.some((c) => holds(c, result));
  if ("not" in claim) return !holds(claim.not, result);
  if ("rejected" in claim) return result.rejected.length === claim.rejected;
  if ("rejectionIncludes" in claim) return result.rejected.some((r) => r.message.includes(claim.rejectionIncludes));
  if ("pods" in claim) {
    const { count, ...filter } = claim.pods;
    return countOk(livePods(result).filter((p) => matchesPod(p, filter)).length, count);
  }
  if ("distinctNodes" in claim) {
    const { owner, count } = claim.distinctNodes;
    const nodes = new Set(
      livePods(result)
        .filter((p) => owner === undefined || p.owner === owner)
        .flatMap((p) => (p.node === null ? [] : [p.node])),
    );
    return nodes.size === count;
  }
  if ("eventReason" in claim) {
    return result.events.some(
      (e) =>
        e.reason === claim.eventReason &&
        (claim.messageIncludes === undefined || e.message.includes(claim.messageIncludes)) &&
        (claim.object === undefined || e.object === claim.object),
    );
  }
  if ("podReason" in claim) return livePods(result).some((p) => p.reason === claim.podReason);
  if ("restartsAtLeast" in claim) return livePods(result).some((p) => p.restarts >= claim.restartsAtLeast);
  if ("finding" in claim) {
    const f = claim.finding;
    return result.findings.some(
      (x) =>
        (f.layer === undefined || x.layer === f.layer) &&
        (f.severity === undefined || x.severity === f.severity) &&
        (f.messageIncludes === undefined || x.message.includes(f.messageIncludes)),
    );
  }
  return result.objects.some(
    (o) => o.kind === claim.object.kind && (claim.object.name === undefined || o.name === claim.object.name),
  );
}
