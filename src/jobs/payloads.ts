/**
 * Job payloads, as zod schemas shared by producer and consumer: the producer validates before it
 * adds a job, the consumer validates again before it trusts one (the queue is a boundary; an old
 * producer or a hand-made job must not crash a worker). Each payload carries its version `v`.
 */
import { z } from "zod";
import { replyAddressSchema } from "../core/address.js";
import { LIMITS } from "../core/limits.js";
import { replySchema } from "../core/reply.js";
import { blobIdSchema } from "./blob-store.js";

/** Request ids as {@link requestIdFor} makes them (also accepted: drill run ids). */
export const requestIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,512}$/, { message: "must be 1-512 of A-Z a-z 0-9 . _ -" });

/** A `simulate` job: the learner's paste and where to answer. */
export const simulatePayloadSchema = z.object({
  v: z.literal(1),
  requestId: requestIdSchema,
  address: replyAddressSchema,
  /** The paste. Its byte size is checked by the producer against `LIMITS.pasteBytes`. */
  manifests: z.string().max(LIMITS.pasteBytes),
  /** v1 Node objects as YAML; the default cluster when absent. */
  cluster: z.string().max(LIMITS.pasteBytes).optional(),
  /** Simulated seconds to run to. */
  atSeconds: z.number().finite().min(0).max(LIMITS.horizonSeconds).optional(),
  /** `--then` actions. */
  actions: z.array(z.string().max(1000)).max(LIMITS.actions).optional(),
  /** Files that `kubectl apply -f NAME` actions apply (typed "then apply" follow-ups), by name. */
  files: z
    .record(z.string().max(256), z.string().max(LIMITS.pasteBytes))
    .refine((f) => Object.keys(f).length <= LIMITS.actions, { message: `at most ${LIMITS.actions} files` })
    .optional(),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  /** When the bot enqueued it (ms since the epoch), for enqueue → delivered latency. */
  enqueuedAt: z.number().int().min(0),
});

/** Why a reply is sent (a metrics label, and how the dispatcher logs it). */
export const replyOutcomes = ["result", "rejected", "limited", "failed", "drill"] as const;
export type ReplyOutcome = (typeof replyOutcomes)[number];

/** A simulation's reply body kept in the blob store (blob-store.ts), read when the reply is sent. */
export const storedReplySchema = z.object({ id: blobIdSchema });

/** A picture kept in the blob store, attached to the reply when it is sent. */
export const pictureRefSchema = z.object({
  id: blobIdSchema,
  filename: z.string(),
  alt: z.string(),
});

/**
 * A `deliver` job: one reply to one address, sent at most once per request id. The reply is
 * inline (the bot's own answers, failures, drills) or, for simulation results, stored by id.
 */
export const deliverPayloadSchema = z
  .object({
    v: z.literal(1),
    requestId: requestIdSchema,
    address: replyAddressSchema,
    reply: replySchema.optional(),
    storedReply: storedReplySchema.optional(),
    /** The reply's picture by reference (simulations); an inline `reply.image` (drill posts) works too. */
    picture: pictureRefSchema.optional(),
    outcome: z.enum(replyOutcomes),
    /** When the request was enqueued (ms since the epoch), for enqueue → delivered latency. */
    enqueuedAt: z.number().int().min(0),
  })
  .refine((p) => (p.reply === undefined) !== (p.storedReply === undefined), {
    message: "needs exactly one of reply and storedReply",
    path: ["reply"],
  });

/** A `drill` job: post the channel's scheduled drill. */
export const drillPayloadSchema = z.object({
  v: z.literal(1),
  /** The channel to post in (no user: everyone answers). */
  address: replyAddressSchema,
  /** IANA time zone of the schedule (for streak days). */
  timeZone: z.string().min(1),
});

export type SimulatePayload = z.infer<typeof simulatePayloadSchema>;
export type DeliverPayload = z.infer<typeof deliverPayloadSchema>;
export type PictureRef = z.infer<typeof pictureRefSchema>;
export type DrillPayload = z.infer<typeof drillPayloadSchema>;

/** The result of {@link parsePayload}. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Validates untrusted job data. Never throws. */
export function parsePayload<T>(schema: z.ZodType<T>, data: unknown): Parsed<T> {
  const r = schema.safeParse(data);
  return r.success ? { ok: true, value: r.data } : { ok: false, message: z.prettifyError(r.error) };
}
