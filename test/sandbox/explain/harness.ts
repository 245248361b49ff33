/**
 * A full simulated cluster for the explanation tests: scheduler, workload controllers, kubelet,
 * node lifecycle and the HPA, the learner's YAML applied through the API server, `--then` actions
 * scheduled, and the scheduler exposed as the explanation layer expects it.
 */
import { load } from "js-yaml";
import { parseAction, scheduleAction } from "../../../src/sandbox/actions/index.js";
import { createCluster } from "../../../src/sandbox/cluster/cluster.js";
import { hpaController } from "../../../src/sandbox/controllers/hpa.js";
import { workloadControllers } from "../../../src/sandbox/controllers/index.js";
import { nodeLifecycleController } from "../../../src/sandbox/controllers/node-lifecycle.js";
import { collectFindings } from "../../../src/sandbox/explain/findings.js";
import type { ExplainableCluster } from "../../../src/sandbox/explain/source.js";
import { createKubelet } from "../../../src/sandbox/kubelet/index.js";
import type { KubeObject } from "../../../src/sandbox/model/object.js";
import { summarizeResult, trackHistory } from "../../../src/sandbox/render/summarize.js";
import type { Rejection, SimulationResult } from "../../../src/sandbox/result.js";
import { createScheduler } from "../../../src/sandbox/scheduler/index.js";

export interface Run {
  cluster: ExplainableCluster;
  rejected: Rejection[];
  warnings: { object: string; message: string }[];
  /** The JSON result, findings included, as simulate() builds it. */
  result: SimulationResult;
}

/** Applies every document of `yaml` and runs to `at` seconds. */
export function run(yaml: string, at = 600, actions: string[] = []): Run {
  const scheduler = createScheduler();
  const c = createCluster({
    seed: 7,
    controllers: [scheduler, ...workloadControllers(), createKubelet(), nodeLifecycleController(), hpaController()],
  });
  const cluster: ExplainableCluster = Object.assign(c, { scheduling: scheduler });
  const history = trackHistory(c.store);
  const accepted: KubeObject[] = [];
  const rejected: Rejection[] = [];
  const warnings: Run["warnings"] = [];
  yaml
    .split(/^---$/m)
    .map((d) => load(d))
    .filter((d) => d && typeof d === "object")
    .forEach((doc, i) => {
      const out = c.api.apply(doc, { origin: "user", source: { document: i + 1, line: 1 } });
      if (out.ok) {
        accepted.push(out.object);
        for (const w of out.warnings)
          warnings.push({ object: `${out.object.kind}/${out.object.metadata.name}`, message: w });
      } else {
        rejected.push({
          document: i + 1,
          line: 1,
          kind: out.kind,
          name: out.name,
          namespace: out.namespace,
          message: out.message,
          hint: out.hint ?? null,
        });
      }
    });
  for (const a of actions) {
    const p = parseAction(a);
    if (!p.ok) throw new Error(p.message);
    scheduleAction(p.action, c.ctx);
  }
  const reached = c.clock.runUntil(at).reached;
  const result = summarizeResult(c, history, reached, rejected, accepted, collectFindings(cluster, rejected, warnings));
  return { cluster, rejected, warnings, result };
}
