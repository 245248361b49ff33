/**
 * A loopback "platform" for delivery tests: a real sender that records every reply it is given
 * (optionally failing the first few sends), and helpers to start bot and worker in tests.
 */
import type { ReplyAddress } from "../../../src/core/address.js";
import type { ReplySender } from "../../../src/core/ports.js";
import type { Reply } from "../../../src/core/reply.js";

/** One recorded send. */
export interface Sent {
  address: ReplyAddress;
  reply: Reply;
  deliveryId: string;
}

/** The loopback platform. */
export class Loopback {
  readonly sent: Sent[] = [];
  /** Sends to fail (with a thrown error) before succeeding. */
  failures = 0;
  attempts = 0;

  readonly sender: ReplySender = async (address, reply, ctx) => {
    this.attempts++;
    if (this.failures > 0) {
      this.failures--;
      throw new Error("loopback platform unavailable");
    }
    this.sent.push({ address, reply, deliveryId: ctx.deliveryId });
  };

  /** Resolves once `n` replies were sent, or rejects after `timeoutMs`. */
  async waitFor(n: number, timeoutMs = 15_000): Promise<Sent[]> {
    const start = Date.now();
    while (this.sent.length < n) {
      if (Date.now() - start > timeoutMs)
        throw new Error(`only ${this.sent.length} of ${n} replies arrived within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.sent;
  }

  /** Replies per delivery id (for "exactly one reply" checks). */
  countsById(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const s of this.sent) counts[s.deliveryId] = (counts[s.deliveryId] ?? 0) + 1;
    return counts;
  }
}

/** A minimal valid environment for bot and worker in tests. */
export function testEnv(redisUrl: string, prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    HTTP_HOST: "127.0.0.1",
    HTTP_PORT: "0",
    LOG_LEVEL: "silent",
    WORKER_CONCURRENCY: "2",
    JOB_LOCK_MS: "2000",
    SHUTDOWN_GRACE_MS: "5000",
    ...extra,
  };
}

/** A three-object paste: Deployment of 3, Service, ConfigMap. */
export const TYPICAL_PASTE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80}]
        envFrom: [{configMapRef: {name: web-config}}]
        resources:
          requests: {cpu: 100m, memory: 64Mi}
          limits: {memory: 128Mi}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 80}]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  MODE: prod
`;

/** An IncomingMessage-like request for `eventId` from `user` in `channel`. */
export function message(eventId: string, user = "U1", channel = "C1") {
  return {
    eventId,
    platform: "console" as const,
    workspace: "W1",
    channel,
    user,
    direct: false,
    text: "",
    attachments: [],
  };
}
