/**
 * Findings about the input's RBAC: wildcard grants, the verbs that lead to privilege escalation
 * (escalate, bind, impersonate: pkg/registry/rbac/escalation_check.go), cluster-wide secret reads,
 * bindings to cluster-admin, pod creation next to a powerful service account, grants to a
 * namespace's `default` service account, and bindings to roles that do not exist.
 */
import type { ObjectStore } from "../api/store.js";
import type { KubeObject } from "../model/object.js";
import type { Finding } from "../result.js";
import { BOOTSTRAP_ROLE_NAMES, type PolicyRule } from "./bootstrap-roles.js";
import { allGrants, canI, type Grant, type RbacSubject, ruleAllows } from "./rbac.js";

type Any = any;

const ESCALATION_VERBS: Record<string, string> = {
  escalate: "lets the holder grant permissions it does not have (RBAC's escalation check is skipped)",
  bind: "lets the holder bind any role, including cluster-admin, to anyone",
  impersonate: "lets the holder act as other users, groups or service accounts",
};

function ref(o: KubeObject): string {
  return o.metadata.namespace ? `${o.kind}/${o.metadata.namespace}/${o.metadata.name}` : `${o.kind}/${o.metadata.name}`;
}

function rulesOf(o: KubeObject): PolicyRule[] {
  return Array.isArray((o as Any).rules) ? (o as Any).rules : [];
}

/** Roles and ClusterRoles from the input: wildcards and escalation verbs. */
function roleFindings(store: ObjectStore): Finding[] {
  const out: Finding[] = [];
  const roles = [...store.list("ClusterRole"), ...store.list("Role")].filter(
    (r) => !(r.kind === "ClusterRole" && BOOTSTRAP_ROLE_NAMES.has(r.metadata.name as string)),
  );
  for (const role of roles) {
    const rules = rulesOf(role);
    const wildVerbs = rules.some((r) => r.verbs?.includes("*"));
    const wildRes = rules.some((r) => r.resources?.includes("*") || r.apiGroups?.includes("*"));
    if (wildVerbs || wildRes) {
      const what = [wildVerbs ? `every verb ("*")` : "", wildRes ? `every resource ("*")` : ""].filter(Boolean);
      out.push({
        severity: "warning",
        layer: "security",
        object: ref(role),
        message: `grants ${what.join(" on ")}: the wildcard also covers resources and verbs added later`,
        hint: "list the verbs and resources the workload needs (least privilege)",
      });
    }
    for (const [verb, why] of Object.entries(ESCALATION_VERBS)) {
      if (rules.some((r) => r.verbs?.includes(verb))) {
        out.push({
          severity: "warning",
          layer: "security",
          object: ref(role),
          message: `grants "${verb}", which ${why}`,
          hint: `remove "${verb}" unless this role administers RBAC`,
        });
      }
    }
  }
  return out;
}

function inputBinding(g: Grant): boolean {
  return !g.binding.metadata.labels?.["kubernetes.io/bootstrapping"];
}

function subjectsOf(g: Grant): RbacSubject[] {
  const out: RbacSubject[] = [];
  for (const s of (g.binding as Any).subjects ?? []) {
    if (s?.kind === "ServiceAccount") {
      out.push({ kind: "ServiceAccount", namespace: s.namespace || g.namespace || "default", name: s.name });
    } else if (s?.kind === "User" || s?.kind === "Group") out.push({ kind: s.kind, name: s.name });
  }
  return out;
}

function subjectText(s: RbacSubject): string {
  return s.kind === "ServiceAccount" ? `ServiceAccount ${s.namespace}/${s.name}` : `${s.kind} "${s.name}"`;
}

/** Service accounts that hold cluster-admin or can read secrets cluster-wide. */
function powerful(g: Grant): string | null {
  const ref = (g.binding as Any).roleRef ?? {};
  if (ref.kind === "ClusterRole" && ref.name === "cluster-admin") return "cluster-admin";
  if (g.namespace === null && g.rules.some((r) => ruleAllows(r, { verb: "get", resource: "secrets" }))) {
    return "read access to every Secret in the cluster";
  }
  return null;
}

/** Bindings from the input. */
function bindingFindings(store: ObjectStore): Finding[] {
  // Without bindings in the input every grant is a bootstrap one; resolving them (aggregated
  // ClusterRoles included) only to filter them all out is most of a typical paste's RBAC cost.
  if (store.count("ClusterRoleBinding") === 0 && store.count("RoleBinding") === 0) return [];
  const out: Finding[] = [];
  const grants = allGrants(store).filter(inputBinding);
  for (const g of grants) {
    const binding = g.binding;
    const roleRef = (binding as Any).roleRef ?? {};
    if (!g.role) {
      out.push({
        severity: "warning",
        layer: "security",
        object: ref(binding),
        message: `refers to ${roleRef.kind}/${roleRef.name}, which does not exist: the binding grants nothing`,
        hint: `create the ${roleRef.kind} or fix roleRef.name`,
      });
      continue;
    }
    const subjects = subjectsOf(g);
    if (roleRef.name === "cluster-admin") {
      out.push({
        severity: "warning",
        layer: "security",
        object: ref(binding),
        message: `binds cluster-admin to ${subjects.map(subjectText).join(", ") || "nobody"}${g.namespace ? ` (full control of namespace ${g.namespace})` : " (full control of the cluster)"}`,
        hint: "bind admin, edit or view, or a Role with only the needed verbs",
      });
    } else if (g.namespace === null && g.rules.some((r) => ruleAllows(r, { verb: "list", resource: "secrets" }))) {
      out.push({
        severity: "warning",
        layer: "security",
        object: ref(binding),
        message: `lets ${subjects.map(subjectText).join(", ")} read Secrets in every namespace`,
        hint: "use a RoleBinding in the namespace that holds the secrets",
      });
    }
    for (const s of subjects) {
      if (s.kind === "ServiceAccount" && s.name === "default") {
        out.push({
          severity: "warning",
          layer: "security",
          object: ref(binding),
          message: `grants ${roleRef.kind}/${roleRef.name} to the default ServiceAccount of ${s.namespace}: every pod there that names no serviceAccountName gets it`,
          hint: "create a dedicated ServiceAccount and set spec.serviceAccountName on the pods that need it",
        });
      }
    }
  }
  out.push(...podCreationPaths(store, grants));
  return out;
}

/** A subject that can create pods in a namespace holding a powerful service account can borrow it. */
function podCreationPaths(store: ObjectStore, grants: Grant[]): Finding[] {
  const out: Finding[] = [];
  const strong = new Map<string, { sa: string; what: string }>();
  for (const g of grants) {
    const what = powerful(g);
    if (!what) continue;
    for (const s of subjectsOf(g)) {
      if (s.kind === "ServiceAccount" && !strong.has(s.namespace)) strong.set(s.namespace, { sa: s.name, what });
    }
  }
  const told = new Set<string>();
  for (const g of grants) {
    for (const s of subjectsOf(g)) {
      for (const [ns, info] of strong) {
        if (s.kind === "ServiceAccount" && s.namespace === ns && s.name === info.sa) continue;
        const key = `${subjectText(s)}\u0000${ns}`;
        if (told.has(key) || !canI({ verb: "create", resource: "pods", namespace: ns }, s, store).allowed) continue;
        told.add(key);
        out.push({
          severity: "warning",
          layer: "security",
          object: ref(g.binding),
          message: `${subjectText(s)} can create pods in ${ns}, where ServiceAccount ${info.sa} holds ${info.what}: a pod that names serviceAccountName: ${info.sa} gets it (escalation path)`,
          hint: `keep powerful service accounts in a namespace where untrusted subjects cannot create pods`,
        });
      }
    }
  }
  return out;
}

/** Every RBAC finding of the input. */
export function rbacFindings(store: ObjectStore): Finding[] {
  return [...roleFindings(store), ...bindingFindings(store)];
}
