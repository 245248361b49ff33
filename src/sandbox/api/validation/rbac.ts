/**
 * Roles and bindings (pkg/apis/rbac/validation/validation.go ValidateRole, ValidateClusterRole,
 * ValidateRoleBinding, ValidateClusterRoleBinding and their *Update forms). Names are path
 * segments (ValidateRBACName). ClusterRole aggregation rules are not checked.
 */
import { type FieldError, goQuote } from "../field-error.js";
import { child, index, invalid, required, unsupported } from "./field.js";
import { validateObjectMeta } from "./meta.js";
import { type NameFunc, nameIsDNSSubdomain } from "./names.js";
import { list, type Obj, rec, recs, str } from "./values.js";

const RBAC_GROUP = "rbac.authorization.k8s.io";

/** path.IsValidPathSegmentName, which upstream's minimalNameRequirements calls. */
export const rbacName: NameFunc = (name) => {
  if (name === "." || name === "..") return [`may not be '${name}'`];
  return ["/", "%"].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
};

/** validatePolicyRule. */
function validatePolicyRule(rule: Obj, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const apiGroups = list(rule.apiGroups);
  const resources = list(rule.resources);
  const urls = list(rule.nonResourceURLs);
  if (list(rule.verbs).length === 0) errs.push(required(child(path, "verbs"), "verbs must contain at least one value"));
  if (urls.length > 0) {
    if (namespaced) {
      errs.push(invalid(child(path, "nonResourceURLs"), urls, "namespaced rules cannot apply to non-resource URLs"));
    }
    if (apiGroups.length > 0 || resources.length > 0 || list(rule.resourceNames).length > 0) {
      errs.push(
        invalid(
          child(path, "nonResourceURLs"),
          urls,
          "rules cannot apply to both regular resources and non-resource URLs",
        ),
      );
    }
    return errs;
  }
  if (apiGroups.length === 0) {
    errs.push(required(child(path, "apiGroups"), "resource rules must supply at least one api group"));
  }
  if (resources.length === 0) {
    errs.push(required(child(path, "resources"), "resource rules must supply at least one resource"));
  }
  if (list(rule.resourceNames).length > 0 && resources.length > 1) {
    errs.push(required(child(path, "resourceNames"), "resource names cannot apply to multiple resources"));
  }
  return errs;
}

function validateRules(obj: Obj, namespaced: boolean): FieldError[] {
  const errs = validateObjectMeta(rec(obj.metadata), namespaced, rbacName);
  recs(obj.rules).forEach((rule, i) => {
    errs.push(...validatePolicyRule(rule, namespaced, index("rules", i)));
  });
  return errs;
}

export const validateRole = (obj: Obj): FieldError[] => validateRules(obj, true);
export const validateClusterRole = (obj: Obj): FieldError[] => validateRules(obj, false);

/** validateRoleBindingSubject; `namespaced` is false for a ClusterRoleBinding. */
function validateSubject(subject: Obj, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(subject.name);
  const apiGroup = str(subject.apiGroup);
  if (name === "") errs.push(required(child(path, "name")));
  switch (subject.kind) {
    case "ServiceAccount":
      // ValidateServiceAccountName is NameIsDNSSubdomain.
      if (name !== "")
        for (const msg of nameIsDNSSubdomain(name, false)) errs.push(invalid(child(path, "name"), name, msg));
      if (apiGroup !== "") errs.push(unsupported(child(path, "apiGroup"), apiGroup, [""]));
      if (!namespaced && str(subject.namespace) === "") errs.push(required(child(path, "namespace")));
      break;
    case "User":
    case "Group":
      if (name === "") {
        errs.push(
          invalid(child(path, "name"), name, `${subject.kind === "User" ? "user" : "group"} name cannot be empty`),
        );
      }
      if (apiGroup !== RBAC_GROUP) errs.push(unsupported(child(path, "apiGroup"), apiGroup, [RBAC_GROUP]));
      break;
    default:
      errs.push(unsupported(child(path, "kind"), str(subject.kind), ["ServiceAccount", "User", "Group"]));
  }
  return errs;
}

/**
 * rbac/v1 SetDefaults_RoleBinding / SetDefaults_ClusterRoleBinding fill an empty
 * roleRef.apiGroup with rbac.authorization.k8s.io before validation runs.
 */
function roleRefGroup(roleRef: Obj): string {
  return str(roleRef.apiGroup) || RBAC_GROUP;
}

function validateBinding(obj: Obj, namespaced: boolean): FieldError[] {
  const errs = validateObjectMeta(rec(obj.metadata), namespaced, rbacName);
  const roleRef = rec(obj.roleRef) ?? {};
  const group = roleRefGroup(roleRef);
  if (group !== RBAC_GROUP) errs.push(unsupported("roleRef.apiGroup", group, [RBAC_GROUP]));
  const kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
  const kind = str(roleRef.kind);
  if (!kinds.includes(kind)) errs.push(unsupported("roleRef.kind", kind, kinds));
  const name = str(roleRef.name);
  if (name === "") errs.push(required("roleRef.name"));
  else for (const msg of rbacName(name, false)) errs.push(invalid("roleRef.name", name, msg));
  recs(obj.subjects).forEach((s, i) => {
    errs.push(...validateSubject(s, namespaced, index("subjects", i)));
  });
  return errs;
}

export const validateRoleBinding = (obj: Obj): FieldError[] => validateBinding(obj, true);
export const validateClusterRoleBinding = (obj: Obj): FieldError[] => validateBinding(obj, false);

/** How Go's %#v prints an rbac.RoleRef, as field.Invalid shows the struct. */
function goRoleRef(roleRef: Obj): string {
  const q = goQuote;
  return `rbac.RoleRef{APIGroup:${q(roleRefGroup(roleRef))}, Kind:${q(str(roleRef.kind))}, Name:${q(str(roleRef.name))}}`;
}

/** ValidateRoleBindingUpdate / ValidateClusterRoleBindingUpdate: roleRef may not change. */
function roleRefUnchanged(obj: Obj, old: Obj): FieldError[] {
  const now = rec(obj.roleRef) ?? {};
  const before = rec(old.roleRef) ?? {};
  if (goRoleRef(now) === goRoleRef(before)) return [];
  return [invalid("roleRef", now, "cannot change roleRef", goRoleRef(now))];
}

export const validateRoleBindingUpdate = (obj: Obj, old: Obj): FieldError[] => [
  ...validateRoleBinding(obj),
  ...roleRefUnchanged(obj, old),
];
export const validateClusterRoleBindingUpdate = (obj: Obj, old: Obj): FieldError[] => [
  ...validateClusterRoleBinding(obj),
  ...roleRefUnchanged(obj, old),
];
