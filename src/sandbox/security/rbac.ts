/**
 * An RBAC evaluator answering `kubectl auth can-i` for a user, a group or a service account
 * against the input's Roles and bindings plus the cluster's bootstrap roles. Semantics of
 * plugin/pkg/auth/authorizer/rbac/rbac.go and pkg/apis/rbac/v1/evaluation_helpers.go: permissions
 * are the union of every bound role; there are no deny rules; a Role grants in its namespace; a
 * ClusterRole grants in the RoleBinding's namespace, or everywhere through a ClusterRoleBinding.
 */
import type { ObjectStore } from "../api/store.js";
import type { KubeObject } from "../model/object.js";
import { type LabelSelector, matchesLabelSelector } from "../model/selector.js";
import { bootstrapClusterRoleBindings, bootstrapClusterRoles, type PolicyRule } from "./bootstrap-roles.js";

/** What is asked: a resource request (`verb resource.group/subresource [name] -n ns`) or a path. */
export interface AccessRequest {
  verb: string;
  resource?: string;
  /** API group; "" (the default) is the core group. */
  group?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** A non-resource URL such as `/healthz` (then `resource` is ignored). */
  nonResourceURL?: string;
}

/** Who asks: an RBAC subject. Users may carry extra groups (`--as-group`). */
export type RbacSubject =
  | { kind: "User"; name: string; groups?: string[] }
  | { kind: "Group"; name: string }
  | { kind: "ServiceAccount"; namespace: string; name: string };

/** The answer. */
export interface AccessDecision {
  allowed: boolean;
  /** The grant that allowed it: `ClusterRoleBinding/x → ClusterRole/y`, `RoleBinding/ns/x → Role/y`. */
  by?: string;
  /** `yes`, or the API server's Forbidden text. */
  message: string;
}

/** A binding resolved to its rules. */
export interface Grant {
  binding: KubeObject;
  role: KubeObject | undefined;
  rules: PolicyRule[];
  /** `ClusterRoleBinding/x → ClusterRole/y` */
  path: string;
  /** Namespace the grant is limited to; null for cluster-wide. */
  namespace: string | null;
}

type Any = any;

/** The username the API server sees: `system:serviceaccount:<ns>:<name>` for a service account. */
export function userName(subject: RbacSubject): string {
  if (subject.kind === "ServiceAccount") return `system:serviceaccount:${subject.namespace}:${subject.name}`;
  return subject.kind === "User" ? subject.name : "";
}

/** Groups of a subject as authenticators set them (staging/src/k8s.io/apiserver/pkg/authentication/serviceaccount/util.go). */
export function subjectGroups(subject: RbacSubject): string[] {
  if (subject.kind === "Group") return [subject.name, "system:authenticated"];
  if (subject.kind === "ServiceAccount") {
    return ["system:serviceaccounts", `system:serviceaccounts:${subject.namespace}`, "system:authenticated"];
  }
  return [...(subject.groups ?? []), "system:authenticated"];
}

/** Whether a binding's subject entry names the asking subject (rbac.go appliesToUser). */
function subjectMatches(entry: Any, subject: RbacSubject, bindingNamespace: string | undefined): boolean {
  if (!entry || typeof entry !== "object") return false;
  const groups = subjectGroups(subject);
  switch (entry.kind) {
    case "User":
      return subject.kind !== "Group" && entry.name === userName(subject);
    case "Group":
      return groups.includes(entry.name);
    case "ServiceAccount": {
      const ns = entry.namespace || bindingNamespace;
      return subject.kind === "ServiceAccount" && subject.name === entry.name && subject.namespace === ns;
    }
    default:
      return false;
  }
}

function clusterRoles(store: ObjectStore): Map<string, KubeObject> {
  const roles = new Map<string, KubeObject>();
  for (const r of bootstrapClusterRoles()) roles.set(r.metadata.name as string, r);
  for (const r of store.list("ClusterRole")) roles.set(r.metadata.name as string, r);
  return roles;
}

/** A ClusterRole's rules, with an aggregationRule resolved over the other ClusterRoles' labels. */
function roleRules(role: KubeObject, all: Map<string, KubeObject>): PolicyRule[] {
  const selectors: LabelSelector[] = (role as Any).aggregationRule?.clusterRoleSelectors ?? [];
  const own: PolicyRule[] = Array.isArray((role as Any).rules) ? (role as Any).rules : [];
  if (selectors.length === 0) return own;
  const out = [...own];
  for (const other of all.values()) {
    if (other === role || (other as Any).aggregationRule) continue;
    if (selectors.some((s) => matchesLabelSelector(s, other.metadata.labels)))
      out.push(...((other as Any).rules ?? []));
  }
  return out;
}

/** Every grant in the cluster (bootstrap bindings included), in a stable order. */
export function allGrants(store: ObjectStore): Grant[] {
  const croles = clusterRoles(store);
  const grants: Grant[] = [];
  const bindings = [...bootstrapClusterRoleBindings(), ...store.list("ClusterRoleBinding")];
  const seen = new Set<string>();
  for (const b of bindings.reverse()) {
    if (seen.has(b.metadata.name as string)) continue;
    seen.add(b.metadata.name as string);
    const ref = (b as Any).roleRef ?? {};
    const role = ref.kind === "ClusterRole" ? croles.get(ref.name) : undefined;
    grants.push({
      binding: b,
      role,
      rules: role ? roleRules(role, croles) : [],
      path: `ClusterRoleBinding/${b.metadata.name} → ClusterRole/${ref.name}`,
      namespace: null,
    });
  }
  grants.reverse();
  for (const b of store.list("RoleBinding")) {
    const ref = (b as Any).roleRef ?? {};
    const ns = b.metadata.namespace ?? "default";
    const role = ref.kind === "Role" ? store.get("Role", ns, ref.name) : croles.get(ref.name);
    grants.push({
      binding: b,
      role,
      rules: role ? (ref.kind === "Role" ? ((role as Any).rules ?? []) : roleRules(role, croles)) : [],
      path: `RoleBinding/${ns}/${b.metadata.name} → ${ref.kind}/${ref.name}`,
      namespace: ns,
    });
  }
  return grants;
}

/** The grants whose binding names the subject (whatever they allow). */
export function grantsOf(subject: RbacSubject, store: ObjectStore): Grant[] {
  return allGrants(store).filter((g) =>
    ((g.binding as Any).subjects ?? []).some((s: Any) => subjectMatches(s, subject, g.binding.metadata.namespace)),
  );
}

const has = (list: string[] | undefined, value: string): boolean => (list ?? []).some((v) => v === "*" || v === value);

/** ResourceMatches of evaluation_helpers.go: `*`, `res`, `res/sub`, `*\/sub`, `res/*`. */
function resourceMatches(rule: PolicyRule, resource: string, subresource: string): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  for (const r of rule.resources ?? []) {
    if (r === "*" || r === combined) return true;
    if (!subresource) continue;
    if (r === `*/${subresource}` || r === `${resource}/*`) return true;
  }
  return false;
}

/** NonResourceURLMatches: exact, or a trailing `*` prefix. */
function urlMatches(rule: PolicyRule, url: string): boolean {
  return (rule.nonResourceURLs ?? []).some(
    (u) => u === "*" || u === url || (u.endsWith("*") && url.startsWith(u.slice(0, -1))),
  );
}

/** RuleAllows of evaluation_helpers.go. */
export function ruleAllows(rule: PolicyRule, req: AccessRequest): boolean {
  if (!has(rule.verbs, req.verb)) return false;
  if (req.nonResourceURL !== undefined) return urlMatches(rule, req.nonResourceURL);
  if (!has(rule.apiGroups, req.group ?? "")) return false;
  if (!resourceMatches(rule, req.resource ?? "", req.subresource ?? "")) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || (req.name !== undefined && names.includes(req.name));
}

/**
 * `kubectl auth can-i`: allowed when any grant bound to the subject, in scope for the request's
 * namespace, has a rule that allows it. Refusals carry the API server's Forbidden text
 * (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go forbiddenMessage,
 * wrapped by apimachinery's errors.NewForbidden).
 */
export function canI(req: AccessRequest, subject: RbacSubject, store: ObjectStore): AccessDecision {
  for (const g of grantsOf(subject, store)) {
    if (g.namespace !== null && (req.nonResourceURL !== undefined || g.namespace !== req.namespace)) continue;
    if (g.rules.some((r) => ruleAllows(r, req))) return { allowed: true, by: g.path, message: "yes" };
  }
  return { allowed: false, message: forbiddenText(req, subject) };
}

/** The Forbidden message for a refused request. */
export function forbiddenText(req: AccessRequest, subject: RbacSubject): string {
  const who = subject.kind === "Group" ? `Group "${subject.name}"` : `User "${userName(subject)}"`;
  if (req.nonResourceURL !== undefined) return `forbidden: ${who} cannot ${req.verb} path "${req.nonResourceURL}"`;
  const resource = req.resource ?? "";
  const group = req.group ?? "";
  const shown = req.subresource ? `${resource}/${req.subresource}` : resource;
  const scope = req.namespace ? `in the namespace "${req.namespace}"` : "at the cluster scope";
  const reason = `${who} cannot ${req.verb} resource "${shown}" in API group "${group}" ${scope}`;
  const qualified = group ? `${resource}.${group}` : resource;
  return req.name ? `${qualified} "${req.name}" is forbidden: ${reason}` : `${qualified} is forbidden: ${reason}`;
}
