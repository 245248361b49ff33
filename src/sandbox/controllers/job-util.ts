/**
 * Job facts shared by the Job, CronJob and TTL-after-finished controllers
 * (pkg/controller/job/util/utils.go FinishedCondition, IsJobFinished).
 */
import type { KubeObject } from "../model/object.js";
import { getCondition, type StatusCondition } from "./conditions.js";
import { secondsOf } from "./pod-util.js";

/** The Job's terminal condition type (`Complete` or `Failed`) if it has finished. */
export function jobFinished(job: KubeObject): "Complete" | "Failed" | undefined {
  const conditions = job.status?.conditions as StatusCondition[] | undefined;
  if (getCondition(conditions, "Complete")?.status === "True") return "Complete";
  if (getCondition(conditions, "Failed")?.status === "True") return "Failed";
  return undefined;
}

/** When the Job finished, in simulated seconds (completionTime, else the terminal condition's time). */
export function jobFinishTime(job: KubeObject): number | undefined {
  const type = jobFinished(job);
  if (!type) return undefined;
  const completion = secondsOf(job.status?.completionTime);
  if (completion !== undefined) return completion;
  return secondsOf(getCondition(job.status?.conditions, type)?.lastTransitionTime);
}
