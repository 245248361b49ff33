/**
 * What every finding source receives, and the shape of a source. `collectFindings` runs the
 * sources of `FINDING_SOURCES` (findings.ts) in order.
 */
import type { Cluster } from "../cluster/cluster.js";
import type { Finding } from "../result.js";
import type { SchedulingExplainer } from "./placement.js";

/** A cluster as the explanation layer reads it; `scheduling` is set when the cluster runs a scheduler. */
export type ExplainableCluster = Cluster & { scheduling?: SchedulingExplainer };

/** Input to the finding sources. */
export interface FindingContext {
  cluster: ExplainableCluster;
  scheduler: SchedulingExplainer | undefined;
}

/** One producer of findings, named for tests and benchmarks. */
export interface FindingSource {
  name: string;
  collect(ctx: FindingContext): Finding[];
}
