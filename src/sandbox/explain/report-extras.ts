/**
 * What the human report needs from the cluster beyond the JSON result: the HPAs' replica
 * timelines and, for each pod that is not Running, the scheduler's explanation of its placement.
 */
import { replicaTimeline } from "../controllers/hpa.js";
import type { ReportExtras } from "../render/report.js";
import { explainPlacement } from "./placement.js";
import type { ExplainableCluster } from "./source.js";

/** The report's extras for a finished run (`renderReport(result, reportExtras(cluster))`). */
export function reportExtras(cluster: ExplainableCluster): ReportExtras {
  const placements: Record<string, string[]> = {};
  const scheduler = cluster.scheduling;
  if (scheduler) {
    for (const pod of cluster.store.list("Pod")) {
      if (pod.spec?.nodeName || pod.metadata.deletionTimestamp) continue;
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      const record = scheduler.explain(key);
      if (record) placements[key] = explainPlacement(record);
    }
  }
  return { autoscaling: replicaTimeline(cluster), placements };
}
