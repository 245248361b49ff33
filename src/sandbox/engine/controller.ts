/**
 * The controller contract (STYLE.md rule 1): event handlers only map watch events to keys; one
 * level-based `reconcile(key, ctx)` reads the store, compares desired with actual state and acts
 * through `ctx.api` / `ctx.store` / `ctx.recorder`. `requeueAfter` asks for another look later.
 */
import type { ApiServer } from "../api/server.js";
import type { ObjectStore, WatchEvent } from "../api/store.js";
import type { SeededRandom } from "../model/random.js";
import type { SimClock } from "./clock.js";
import type { EventRecorder } from "./recorder.js";

/** Everything a controller may touch. */
export interface ControllerContext {
  api: ApiServer;
  store: ObjectStore;
  clock: SimClock;
  recorder: EventRecorder;
  random: SeededRandom;
  /** Notes for the explanation layer (e.g. a limit the simulator hit); becomes findings. */
  notes: SimulationNote[];
}

export interface SimulationNote {
  severity: "error" | "warning" | "info";
  layer: "spec" | "api" | "scheduling" | "node" | "runtime" | "network" | "storage" | "security";
  object: string | null;
  message: string;
  hint: string | null;
}

export interface ReconcileResult {
  /** Simulated seconds until the key should be reconciled again. */
  requeueAfter?: number;
}

export interface Controller {
  /** Upstream-style name: `deployment-controller`, `replicaset-controller`, ... (also the event source). */
  readonly name: string;
  /** Kinds whose watch events may enqueue keys. */
  readonly watches: readonly string[];
  /** Keys (usually `namespace/name` of the primary object) to reconcile for a watch event. */
  keysFor(event: WatchEvent, ctx: ControllerContext): string[];
  reconcile(key: string, ctx: ControllerContext): ReconcileResult | undefined;
}
