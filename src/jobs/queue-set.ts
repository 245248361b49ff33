/**
 * The queues a process uses, opened on one Redis connection under one key prefix, and the
 * `JobQueue` port over a BullMQ queue.
 */
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { JobQueue } from "../core/ports.js";
import type { DeliverPayload, DrillPayload, SimulatePayload } from "./payloads.js";
import { JOB_OPTIONS, QUEUES, type QueueName } from "./queues.js";

/** BullMQ queues by name. */
export interface QueueSet {
  simulate: Queue<SimulatePayload>;
  deliver: Queue<DeliverPayload>;
  drill: Queue<DrillPayload>;
  /** Every queue, for depth metrics and readiness. */
  all(): Queue[];
  close(): Promise<void>;
}

/** Opens the three queues on `connection` under `prefix`; `onError` hears their connection errors. */
export function openQueues(
  connection: Redis,
  prefix: string,
  onError: (err: Error) => void = () => undefined,
): QueueSet {
  const open = <T>(name: QueueName) => {
    const q = new Queue<T>(name, { connection, prefix, defaultJobOptions: JOB_OPTIONS[name] });
    q.on("error", onError);
    return q;
  };
  const simulate = open<SimulatePayload>(QUEUES.simulate);
  const deliver = open<DeliverPayload>(QUEUES.deliver);
  const drill = open<DrillPayload>(QUEUES.drill);
  const all = () => [simulate, deliver, drill] as Queue[];
  return {
    simulate,
    deliver,
    drill,
    all,
    close: async () => {
      await Promise.all(all().map((q) => q.close()));
    },
  };
}

/** The `JobQueue` port over a BullMQ queue: the job id is the caller's, the job name the queue's. */
export class BullJobQueue<P> implements JobQueue<P> {
  readonly #queue: Queue<P>;

  constructor(queue: Queue<P>) {
    this.#queue = queue;
  }

  async add(jobId: string, payload: P): Promise<string> {
    // `as never`: BullMQ derives name and data types through a conditional type a generic P cannot satisfy.
    const job = await this.#queue.add(this.#queue.name as never, payload as never, { jobId });
    return job.id ?? jobId;
  }
}
