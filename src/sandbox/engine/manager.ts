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
  /**
   * Work items first-in first-out, with the keys queued per controller so a key waiting already is
   * not queued twice (no combined id string per enqueue).
   */
  private readonly queue: { controller: Controller; key: string }[] = [];
  private head = 0;
  private readonly queued = new Map<Controller, Set<string>>();
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
    let keys = this.queued.get(controller);
    if (!keys) {
      keys = new Set();
      this.queued.set(controller, keys);
    }
    if (!keys.has(key)) {
      keys.add(key);
      this.queue.push({ controller, key });
    }
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
    // Items a reconcile enqueues join the end and are drained by this same loop.
    while (this.head < this.queue.length) {
      if (this.reconcilesThisInstant >= RECONCILES_PER_INSTANT) {
        this.reportLoop();
        this.clearQueue();
        return;
      }
      const item = this.queue[this.head++] as { controller: Controller; key: string };
      this.queued.get(item.controller)?.delete(item.key);
      this.reconcilesThisInstant++;
      const result = item.controller.reconcile(item.key, this.ctx);
      if (result?.requeueAfter !== undefined) {
        const { controller, key } = item;
        this.ctx.clock.after(result.requeueAfter, `${controller.name} requeue`, () => this.enqueue(controller, key));
      }
    }
    this.queue.length = 0;
    this.head = 0;
  }

  private clearQueue(): void {
    this.queue.length = 0;
    this.head = 0;
    for (const keys of this.queued.values()) keys.clear();
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
