/**
 * A posted channel drill, as stored until (and after) its reveal.
 */
import { z } from "zod";
import { replyAddressSchema } from "../core/address.js";

export const drillPostSchema = z.object({
  v: z.literal(1),
  /** Unique within the channel; part of the answer buttons' action ids. */
  id: z.string().regex(/^[A-Za-z0-9-]{1,60}$/),
  /** 1 for the channel's first drill, then counting up (streaks count consecutive drills). */
  seq: z.number().int().min(1),
  drillId: z.string(),
  level: z.number().int().min(1),
  address: replyAddressSchema,
  /** The schedule occurrence this post is for (ms since the epoch). */
  occurrence: z.number().int().min(0),
  postedAt: z.number().int().min(0),
  revealAt: z.number().int().min(0),
  /** The channel's time zone at posting: boards count the post in this zone's week and month. */
  timeZone: z.string().min(1),
});

export type DrillPost = z.infer<typeof drillPostSchema>;

/** A post's id from its schedule occurrence: base-36 minutes since the epoch (short, sortable). */
export function postIdOf(occurrence: number): string {
  return Math.floor(occurrence / 60_000).toString(36);
}
