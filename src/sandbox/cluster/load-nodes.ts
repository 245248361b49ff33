/**
 * Reads `--cluster FILE`: real v1 Node objects (a List or several documents), keeping the fields
 * CONTRACT.md names. Problems are usage errors: the cluster file is the caller's, not the learner's.
 */
import { describeLimit, LIMITS } from "../../core/limits.js";
import type { KubeObject } from "../model/object.js";
import { parseManifests } from "../parse/index.js";

export type LoadNodesResult = { ok: true; nodes: KubeObject[] } | { ok: false; message: string };

type Any = any;

export function loadClusterNodes(text: string): LoadNodesResult {
  const parsed = parseManifests(text);
  const problem = parsed.fatal ?? parsed.problems[0];
  if (problem)
    return {
      ok: false,
      message: `cluster file: document ${problem.document}, line ${problem.line}: ${problem.message}`,
    };
  const nodes: KubeObject[] = [];
  const seen = new Set<string>();
  for (const { value, document, line } of parsed.objects) {
    const o = value as Any;
    if (o?.kind !== "Node") {
      return {
        ok: false,
        message: `cluster file: document ${document}, line ${line}: expected kind Node, got ${JSON.stringify(o?.kind ?? null)}`,
      };
    }
    const name = o.metadata?.name;
    if (typeof name !== "string" || name === "")
      return { ok: false, message: `cluster file: document ${document}, line ${line}: a Node needs metadata.name` };
    if (seen.has(name)) return { ok: false, message: `cluster file: node "${name}" is listed twice` };
    seen.add(name);
    const status = o.status ?? {};
    const allocatable = { ...(status.capacity ?? {}), ...(status.allocatable ?? {}) };
    const conditions =
      Array.isArray(status.conditions) && status.conditions.length > 0
        ? status.conditions
        : [{ type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status" }];
    nodes.push({
      apiVersion: "v1",
      kind: "Node",
      metadata: { name, labels: { "kubernetes.io/hostname": name, ...(o.metadata?.labels ?? {}) } },
      spec: {
        ...(o.spec?.taints ? { taints: o.spec.taints } : {}),
        ...(o.spec?.unschedulable ? { unschedulable: true } : {}),
      },
      status: {
        capacity: { ...allocatable },
        allocatable,
        conditions,
        images: Array.isArray(status.images) ? status.images : [],
      },
    });
  }
  if (nodes.length === 0) return { ok: false, message: "cluster file: no Node objects found" };
  if (nodes.length > LIMITS.nodes) {
    return { ok: false, message: `cluster file: ${nodes.length} nodes, over the ${describeLimit("nodes")}` };
  }
  return { ok: true, nodes };
}
