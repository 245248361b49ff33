/**
 * What the Job controller remembers about its pods beyond what the store shows. Upstream puts
 * the `batch.kubernetes.io/job-tracking` finalizer on every Job pod so that a deleted pod stays
 * visible until the controller has counted it in `status.succeeded` / `status.failed`
 * (pkg/controller/job/job_controller.go trackJobStatusAndRemoveFinalizers). Our kubelet removes
 * a deleted pod at once, so the controller keeps the last state of each of its pods that left
 * the store (seen in the watch handler, as upstream's updatePod/deletePod record finished pods)
 * and counts them from there. Pods the controller deletes with their finalizer removed first
 * (deleteJobPods: a suspended Job, too many pods) are never counted; pods still running when the
 * Job fails are counted as failed in their state at that moment (deleteActivePods keeps the
 * finalizer and "when the job is considered finished, every non-terminated pod is considered
 * failed").
 */
import type { KubeObject } from "../model/object.js";

interface Ledger {
  /** Last state of pods that left the store, by uid. */
  gone: Map<string, KubeObject>;
  /** Pods deleted without being counted. */
  uncounted: Set<string>;
  /** Pods counted as failed when the Job failed, in their state at that moment. */
  failedAtFinish: Map<string, KubeObject>;
}

/** Per-Job pod history, keyed by the Job's uid. */
export class JobPodTracker {
  private readonly jobs = new Map<string, Ledger>();

  private ledger(jobUid: string): Ledger {
    let l = this.jobs.get(jobUid);
    if (!l) {
      l = { gone: new Map(), uncounted: new Set(), failedAtFinish: new Map() };
      this.jobs.set(jobUid, l);
    }
    return l;
  }

  /** A pod of the Job left the store. */
  podGone(jobUid: string, pod: KubeObject): void {
    const uid = pod.metadata.uid ?? "";
    const l = this.jobs.get(jobUid);
    if (l?.uncounted.has(uid)) return;
    this.ledger(jobUid).gone.set(uid, pod);
  }

  /** The controller deletes this pod without counting it (finalizer removed first). */
  forget(jobUid: string, pod: KubeObject): void {
    this.ledger(jobUid).uncounted.add(pod.metadata.uid ?? "");
  }

  /** The controller deletes this pod because the Job failed: it counts as failed as it is now. */
  failAtFinish(jobUid: string, pod: KubeObject): void {
    this.ledger(jobUid).failedAtFinish.set(pod.metadata.uid ?? "", pod);
  }

  /** The Job is gone: forget everything about it. */
  dropJob(jobUid: string): void {
    this.jobs.delete(jobUid);
  }

  /** Pods that left the store and still count, oldest first. */
  gonePods(jobUid: string): KubeObject[] {
    const l = this.jobs.get(jobUid);
    if (!l) return [];
    return [...l.gone.values()].filter((p) => !l.uncounted.has(p.metadata.uid ?? ""));
  }

  /** Whether the pod was deleted without being counted. */
  isUncounted(jobUid: string, pod: KubeObject): boolean {
    return this.jobs.get(jobUid)?.uncounted.has(pod.metadata.uid ?? "") ?? false;
  }

  /** The pod's state when the Job failed, if it was counted then. */
  failedAtFinishState(jobUid: string, pod: KubeObject): KubeObject | undefined {
    return this.jobs.get(jobUid)?.failedAtFinish.get(pod.metadata.uid ?? "");
  }
}
