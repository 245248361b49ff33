/**
 * Pod writes of the ReplicaSet-style controllers (pkg/controller/controller_utils.go
 * RealPodControl): pods built from a template with a controller owner reference, created through
 * the API server (so admission applies), each write recorded as the upstream event.
 */

import { describeLimit, LIMITS } from "../../core/limits.js";
import type { ApiOutcome } from "../api/types.js";
import { statusMessage } from "../api/types.js";
import type { ControllerContext } from "../engine/controller.js";
import { clone, type KubeObject, type OwnerReference } from "../model/object.js";
import { intValue, quantityOrNull } from "../model/quantity.js";

/** Event reasons and texts of RealPodControl (pkg/controller/controller_utils.go). */
export const SUCCESSFUL_CREATE = "SuccessfulCreate";
export const FAILED_CREATE = "FailedCreate";
export const SUCCESSFUL_DELETE = "SuccessfulDelete";
export const FAILED_DELETE = "FailedDelete";

/** A controller owner reference to `owner` (metav1.NewControllerRef). */
export function controllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? "",
    uid: owner.metadata.uid ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}

/**
 * A pod from a pod template (controller_utils.go GetPodFromTemplate): the template's labels,
 * annotations, finalizers and spec, in the owner's namespace, owned by it.
 */
export function podFromTemplate(template: KubeObject | undefined, owner: KubeObject): KubeObject {
  const t = clone((template ?? {}) as { metadata?: Record<string, unknown>; spec?: unknown });
  const meta = (t.metadata ?? {}) as Record<string, unknown>;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      ...(meta.labels ? { labels: meta.labels as Record<string, string> } : {}),
      ...(meta.annotations ? { annotations: meta.annotations as Record<string, string> } : {}),
      ...(meta.finalizers ? { finalizers: meta.finalizers as string[] } : {}),
      namespace: owner.metadata.namespace ?? "default",
      ownerReferences: [controllerRef(owner)],
    },
    spec: t.spec ?? {},
  };
}

/** What the nodes can hold: the sum of their allocatable `pods`. */
function clusterPodCapacity(ctx: ControllerContext): number {
  let total = 0;
  for (const node of ctx.store.list("Node")) {
    const q = quantityOrNull(node.status?.allocatable?.pods ?? node.status?.capacity?.pods);
    total += q ? intValue(q) : 110;
  }
  return total;
}

/**
 * How many of `wanted` new pods the simulation may create. It stops at `LIMITS.pods`, or at
 * `LIMITS.podsBeyondCapacity` more pods than the nodes can hold (every further pod would be
 * Pending for the same reason), and one note names the simulator's own limit (a huge replica
 * count is valid Kubernetes).
 */
export function podBudget(ctx: ControllerContext, owner: KubeObject, wanted: number): number {
  const capacity = clusterPodCapacity(ctx);
  const ceiling = Math.min(LIMITS.pods, capacity + LIMITS.podsBeyondCapacity);
  const allowed = Math.max(0, Math.min(wanted, ceiling - ctx.store.count("Pod")));
  if (allowed >= wanted) return allowed;
  const object = `${owner.kind}/${owner.metadata.name ?? ""}`;
  if (!ctx.notes.some((n) => n.object === object && n.message.includes("wants more pods than the simulator runs"))) {
    const which =
      ceiling === LIMITS.pods
        ? `its own ${describeLimit("pods")}`
        : `${ceiling.toLocaleString("en-US")} pods: the nodes hold ${capacity.toLocaleString("en-US")}, and past its own ${describeLimit("podsBeyondCapacity")} every further pod would only be Pending too`;
    ctx.notes.push({
      severity: "warning",
      layer: "spec",
      object,
      message: `${object} wants more pods than the simulator runs: it stopped creating pods at ${which}; a real cluster would keep creating them`,
      hint: "lower the replica count, or simulate a bigger cluster with --cluster",
    });
  }
  return allowed;
}

/** Creates a pod for `owner`; records `SuccessfulCreate` or `FailedCreate` as RealPodControl does. */
export function createPod(ctx: ControllerContext, owner: KubeObject, pod: KubeObject, source: string): ApiOutcome {
  const outcome = ctx.api.create(pod, { origin: "controller" });
  if (outcome.ok) {
    ctx.recorder.record(owner, "Normal", SUCCESSFUL_CREATE, `Created pod: ${outcome.object.metadata.name}`, source);
  } else {
    ctx.recorder.record(owner, "Warning", FAILED_CREATE, `Error creating: ${statusMessage(outcome)}`, source);
  }
  return outcome;
}

/** Deletes a pod of `owner` (gracefully when bound); records `SuccessfulDelete` / `FailedDelete`. */
export function deletePod(ctx: ControllerContext, owner: KubeObject, pod: KubeObject, source: string): ApiOutcome {
  const name = pod.metadata.name ?? "";
  const outcome = ctx.api.delete("Pod", pod.metadata.namespace, name);
  if (outcome.ok) ctx.recorder.record(owner, "Normal", SUCCESSFUL_DELETE, `Deleted pod: ${name}`, source);
  else ctx.recorder.record(owner, "Warning", FAILED_DELETE, `Error deleting: ${statusMessage(outcome)}`, source);
  return outcome;
}

/**
 * Runs `fn` `count` times in batches of 1, 2, 4, ... and stops after the first batch with a
 * failure (controller_utils.go slowStartBatch, SlowStartInitialBatchSize = 1). Returns successes.
 */
export function slowStartBatch(count: number, fn: () => boolean): number {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, 1); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let failed = false;
    for (let i = 0; i < batch; i++) {
      if (fn()) successes++;
      else failed = true;
    }
    remaining -= batch;
    if (failed) break;
  }
  return successes;
}
