/**
 * The controller manager: turns watch events into (controller, key) work items, de-duplicated
 * while queued (as client-go's workqueue does), and drains them on the simulated clock at the
 * time they were enqueued. Requeues go through the clock. A per-instant budget stops runaway
 * feedback loops and reports them instead of hanging.
 */
import type { WatchEvent } from "../api/store.js";
import type { Controller, ControllerContext } from "./controller.js";

/** Reconciles allowed at one simulated instant before the manager declares a feedback loop. */
const RECONCILES_PER_INSTANT = 200_000;

export class ControllerManager {
  private readonly controllers: Controller[] = [];
  /** The controllers watching each kind, in registration order (filled as kinds are seen). */
  private readonly byKind = new Map<string, Controller[]>();
  private readonly queue = new Map<string, { controller: Controller; key: string }>();
  private drainScheduled = false;
  private instant = -1;
  private reconcilesThisInstant = 0;
  private loopReported = false;

  constructor(private readonly ctx: ControllerContext) {
    ctx.store.watchAll((event) => this.onEvent(event));
  }

  register(controller: Controller): void {
    this.controllers.push(controller);
    this.byKind.clear();
  }

  /** Enqueues a key for a controller now. */
  enqueue(controller: Controller, key: string): void {
    const id = `${controller.name}\u0000${key}`;
    if (!this.queue.has(id)) this.queue.set(id, { controller, key });
    this.scheduleDrain();
  }

  private onEvent(event: WatchEvent): void {
    const kind = event.object.kind;
    let watching = this.byKind.get(kind);
    if (!watching) {
      watching = this.controllers.filter((c) => c.watches.includes(kind));
      this.byKind.set(kind, watching);
    }
    for (const c of watching) {
      for (const key of c.keysFor(event, this.ctx)) this.enqueue(c, key);
    }
  }

  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    this.ctx.clock.after(0, "controller-manager", () => this.drain());
  }

  private drain(): void {
    this.drainScheduled = false;
    const now = this.ctx.clock.now;
    if (now !== this.instant) {
      this.instant = now;
      this.reconcilesThisInstant = 0;
    }
    // A Map's iteration visits entries added while it runs (a reconcile's writes enqueue more),
    // in insertion order, so one loop drains the queue first-in first-out.
    for (const [id, item] of this.queue) {
      if (this.reconcilesThisInstant >= RECONCILES_PER_INSTANT) {
        this.reportLoop();
        this.queue.clear();
        return;
      }
      this.queue.delete(id);
      this.reconcilesThisInstant++;
      const result = item.controller.reconcile(item.key, this.ctx);
      if (result?.requeueAfter !== undefined) {
        const { controller, key } = item;
        this.ctx.clock.after(result.requeueAfter, `${controller.name} requeue`, () => this.enqueue(controller, key));
      }
    }
  }

  private reportLoop(): void {
    if (this.loopReported) return;
    this.loopReported = true;
    this.ctx.notes.push({
      severity: "error",
      layer: "spec",
      object: null,
      message: `the simulator stopped reconciling at ${this.instant}s: more than ${RECONCILES_PER_INSTANT.toLocaleString("en-US")} controller steps at one instant (its own limit)`,
      hint: "the input makes controllers fight each other or is too large to simulate; simplify it",
    });
  }
}
