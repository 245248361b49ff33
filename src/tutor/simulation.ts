/**
 * The tutor's port to the simulator. The tutor never runs a simulation itself: its state machine
 * returns a `simulate` effect, and whoever hosts the tutor (console: in-process; bots: a queued
 * job) turns the request into a `Reply`.
 */
import type { Reply } from "../core/reply.js";
import { durationSeconds } from "./content-schema.js";

/** What to simulate; the same shape as the sandbox's `SimulationInput`. */
export interface SimulationRequest {
  manifests: string;
  cluster?: string;
  atSeconds?: number;
  actions?: string[];
}

/** Runs a simulation and renders its report. */
export type Simulator = (request: SimulationRequest) => Reply | Promise<Reply>;

/** A simulation request from content fields (`at` is a Go duration). */
export function requestOf(s: {
  manifests: string;
  cluster?: string | undefined;
  at?: string | undefined;
  actions?: string[] | undefined;
}): SimulationRequest {
  const r: SimulationRequest = { manifests: s.manifests };
  if (s.cluster !== undefined) r.cluster = s.cluster;
  if (s.at !== undefined) r.atSeconds = durationSeconds(s.at);
  if (s.actions !== undefined) r.actions = s.actions;
  return r;
}
