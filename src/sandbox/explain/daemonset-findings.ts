/**
 * Why a DaemonSet runs on fewer nodes than the cluster has: per node, the check of
 * daemon_controller.go NodeShouldRunDaemonPod that rules it out (node name, nodeSelector,
 * required node affinity, an untolerated NoSchedule or NoExecute taint). The controller creates
 * no pod and records no event for such a node, so nothing else in the report says why.
 */
import type { Taint, Toleration } from "../controllers/daemonset-util.js";
import { addDaemonTolerations, tolerates } from "../controllers/daemonset-util.js";
import type { KubeObject } from "../model/object.js";
import { matchesNodeSelectorTerms, type NodeSelectorTerm } from "../model/selector.js";
import type { Finding } from "../result.js";
import type { FindingContext } from "./source.js";

type Any = any;

/** Why the DaemonSet's pod does not belong on `node` ("untolerated taint …"), or null when it does. */
export function daemonNodeExclusion(node: KubeObject, podSpec: Record<string, Any>): string | null {
  const spec = { ...podSpec };
  addDaemonTolerations(spec);
  const name = node.metadata.name ?? "";
  const labels = node.metadata.labels ?? {};
  if (spec.nodeName && spec.nodeName !== name) return `spec.nodeName is ${spec.nodeName}`;
  const selector: Record<string, string> = spec.nodeSelector ?? {};
  const missing = Object.entries(selector).filter(([k, v]) => labels[k] !== v);
  if (missing.length > 0) return `no label ${missing.map(([k, v]) => `${k}=${v}`).join(", ")} (nodeSelector)`;
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms as
    | NodeSelectorTerm[]
    | undefined;
  if (terms && !matchesNodeSelectorTerms(terms, name, labels)) return "outside the required node affinity";
  const tolerations = spec.tolerations as Toleration[];
  const blocking = ((node.spec?.taints as Taint[] | undefined) ?? []).filter(
    (t) => (t.effect === "NoSchedule" || t.effect === "NoExecute") && !tolerations.some((x) => tolerates(x, t)),
  );
  if (blocking.length === 0) return null;
  const shown = blocking.map((t) => `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`).join(", ");
  return `untolerated taint${blocking.length > 1 ? "s" : ""} ${shown}`;
}

/** One finding per DaemonSet that some nodes do not get: a warning at 0 nodes, else info. */
export function daemonSetFindings(ctx: FindingContext): Finding[] {
  const store = ctx.cluster.store;
  const nodes = store.list("Node");
  const out: Finding[] = [];
  for (const ds of store.list("DaemonSet")) {
    const podSpec = ds.spec?.template?.spec ?? {};
    const byReason = new Map<string, string[]>();
    for (const node of nodes) {
      const why = daemonNodeExclusion(node, podSpec);
      if (why !== null) byReason.set(why, [...(byReason.get(why) ?? []), node.metadata.name ?? ""]);
    }
    const excluded = [...byReason.values()].reduce((n, names) => n + names.length, 0);
    if (excluded === 0) continue;
    const eligible = nodes.length - excluded;
    const reasons = [...byReason].map(([why, names]) => `${names.join(", ")}: ${why}`).join("; ");
    const taints = [...byReason.keys()].some((why) => why.includes("taint"));
    out.push({
      severity: eligible === 0 ? "warning" : "info",
      layer: "scheduling",
      object: `DaemonSet/${ds.metadata.name}`,
      message: `runs on ${eligible} of ${nodes.length} nodes (the controller skips the others without a pod or an event): ${reasons}`,
      hint: taints
        ? "add a toleration for each taint the DaemonSet should accept (e.g. key node-role.kubernetes.io/control-plane, operator Exists, effect NoSchedule), or leave those nodes out on purpose"
        : "fix the DaemonSet's nodeSelector or node affinity, or label the nodes it should run on",
    });
  }
  return out;
}
