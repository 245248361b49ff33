/**
 * DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds/admission.go): every
 * pod that does not already tolerate `node.kubernetes.io/not-ready:NoExecute` and
 * `node.kubernetes.io/unreachable:NoExecute` gets a toleration for each, operator Exists, for
 * 300 seconds (the default of --default-not-ready-toleration-seconds and
 * --default-unreachable-toleration-seconds).
 */
import type { AdmissionPlugin } from "../types.js";
import { isRecord } from "./pod-spec.js";

/** v1.TaintNodeNotReady. */
export const TAINT_NODE_NOT_READY = "node.kubernetes.io/not-ready";
/** v1.TaintNodeUnreachable. */
export const TAINT_NODE_UNREACHABLE = "node.kubernetes.io/unreachable";
/** The flags' default value. */
export const DEFAULT_TOLERATION_SECONDS = 300;

function tolerates(tolerations: unknown[], key: string): boolean {
  return tolerations.some(
    (t) =>
      isRecord(t) &&
      (t.key === key || t.key === undefined || t.key === "") &&
      (t.effect === "NoExecute" || t.effect === undefined || t.effect === ""),
  );
}

export const DefaultTolerationSeconds: AdmissionPlugin = {
  name: "DefaultTolerationSeconds",
  mutate(attrs) {
    if (attrs.kind.kind !== "Pod" || attrs.operation === "DELETE") return undefined;
    const spec = attrs.object.spec;
    if (!isRecord(spec)) return undefined;
    const tolerations = Array.isArray(spec.tolerations) ? [...(spec.tolerations as unknown[])] : [];
    const added = [TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE]
      .filter((key) => !tolerates(tolerations, key))
      .map((key) => ({
        key,
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: DEFAULT_TOLERATION_SECONDS,
      }));
    if (added.length > 0) spec.tolerations = [...tolerations, ...added];
    return undefined;
  },
};
