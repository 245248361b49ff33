/**
 * NamespaceLifecycle (k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle/admission.go):
 * a namespaced object must name an existing Namespace, and nothing new may be created in a
 * namespace that is being terminated. It is a mutating plugin upstream (`Admit`), so it answers
 * before object validation.
 */
import type { AdmissionPlugin } from "../types.js";
import { forbidden, notFound } from "./errors.js";

/** The namespaces kube-apiserver creates at start (metav1.NamespaceDefault, System, Public, NodeLease). */
export const BUILT_IN_NAMESPACES: readonly string[] = ["default", "kube-system", "kube-public", "kube-node-lease"];

export const NamespaceLifecycle: AdmissionPlugin = {
  name: "NamespaceLifecycle",
  mutate(attrs, ctx) {
    if (attrs.operation === "DELETE" || attrs.kind.kind === "Namespace") return undefined;
    const ns = attrs.namespace;
    if (!attrs.kind.namespaced || !ns) return undefined;
    const namespace = ctx.store.get("Namespace", undefined, ns);
    if (!namespace) {
      return BUILT_IN_NAMESPACES.includes(ns) ? undefined : notFound("namespaces", ns);
    }
    const terminating = namespace.status?.phase === "Terminating" || Boolean(namespace.metadata.deletionTimestamp);
    if (attrs.operation === "CREATE" && terminating) {
      return forbidden(attrs, `unable to create new content in namespace ${ns} because it is being terminated`);
    }
    return undefined;
  },
};
