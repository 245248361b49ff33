/**
 * What the simulator stores but does not run, said plainly: custom resources (no operator runs
 * for them), and the kinds whose controllers live outside kube-controller-manager.
 */
import type { Finding } from "../result.js";
import type { FindingContext } from "./source.js";

type Any = any;

/** Built-in kinds that the simulator stores and checks but whose effect it does not simulate. */
const STORED_ONLY: Record<string, string> = {
  VolumeSnapshot: "no snapshot controller runs in the simulated cluster",
  CertificateSigningRequest: "nobody approves or signs it in the simulated cluster",
};

/** One info finding per custom-resource kind (and per stored-only kind) present in the input. */
export function notModelledFindings(ctx: FindingContext): Finding[] {
  const store = ctx.cluster.store;
  const out: Finding[] = [];
  for (const crd of store.list("CustomResourceDefinition")) {
    const kind: string | undefined = (crd.spec as Any)?.names?.kind;
    if (!kind) continue;
    const objects = store.list(kind);
    if (objects.length === 0) continue;
    const group: string = (crd.spec as Any)?.group ?? "";
    out.push({
      severity: "info",
      layer: "api",
      object: `${kind}/${objects[0]?.metadata.name}`,
      message: `${objects.length} ${kind} object(s) (${group}) were accepted and stored, but no controller for them runs in the simulator: whatever their operator would create is not shown`,
      hint: "install the operator in a real cluster to see its effect; the simulator only validates the objects against the CRD",
    });
  }
  for (const [kind, why] of Object.entries(STORED_ONLY)) {
    const n = store.count(kind);
    if (n > 0) {
      out.push({
        severity: "info",
        layer: "api",
        object: null,
        message: `${n} ${kind} object(s) were stored, but ${why}`,
        hint: null,
      });
    }
  }
  return out;
}
