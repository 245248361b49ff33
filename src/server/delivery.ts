/** The `Delivery` port's implementation: a registry of one sender per platform. */
import type { Platform } from "../core/message.js";
import type { Delivery, ReplySender } from "../core/ports.js";

/** Senders by platform; adapters register theirs at start-up. */
export class DeliveryRegistry implements Delivery {
  readonly #senders = new Map<Platform, ReplySender>();

  register(platform: Platform, sender: ReplySender): void {
    this.#senders.set(platform, sender);
  }

  senderFor(platform: Platform): ReplySender | undefined {
    return this.#senders.get(platform);
  }

  platforms(): Platform[] {
    return [...this.#senders.keys()].sort();
  }
}
