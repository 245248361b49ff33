/**
 * The selector of a pod's "group" for system default spreading
 * (pkg/scheduler/framework/plugins/helper/spread.go `DefaultSelector`): the selectors of the
 * Services that select the pod, plus the selector of its controlling ReplicaSet, StatefulSet or
 * ReplicationController. `null` when nothing groups the pod (then no default constraint applies).
 */
import { type LabelSelector, type LabelSelectorRequirement, matchesMapSelector } from "../../model/selector.js";
import type { Handle } from "../framework.js";
import type { PodInfo } from "../pod-info.js";

export function buildDefaultSelector(h: Handle, pod: PodInfo): LabelSelector | null {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const svc of h.store.list("Service", pod.namespace)) {
    const sel: Record<string, string> | undefined = svc.spec?.selector;
    if (sel && matchesMapSelector(sel, pod.labels)) Object.assign(matchLabels, sel);
  }
  const owner = pod.pod.metadata.ownerReferences?.find((r) => r.controller === true);
  if (owner) {
    const kind = owner.kind;
    if (kind === "ReplicationController") {
      const rc = h.store.get(kind, pod.namespace, owner.name);
      if (rc?.spec?.selector) Object.assign(matchLabels, rc.spec.selector);
    } else if ((kind === "ReplicaSet" || kind === "StatefulSet") && owner.apiVersion === "apps/v1") {
      const o = h.store.get(kind, pod.namespace, owner.name);
      const sel: LabelSelector | undefined = o?.spec?.selector;
      if (sel) {
        for (const [k, v] of Object.entries(sel.matchLabels ?? {}))
          matchExpressions.push({ key: k, operator: "In", values: [v] });
        matchExpressions.push(...(sel.matchExpressions ?? []));
      }
    }
  }
  if (Object.keys(matchLabels).length === 0 && matchExpressions.length === 0) return null;
  return { matchLabels, matchExpressions };
}
