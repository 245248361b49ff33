/**
 * RBAC defaulting (pkg/apis/rbac/v1/defaults.go): SetDefaults_RoleBinding and
 * SetDefaults_ClusterRoleBinding put an empty roleRef in the rbac.authorization.k8s.io group;
 * SetDefaults_Subject puts users and groups there too, service accounts in the core group.
 */
import { items, type Obj } from "./fields.js";

/** Defaults the roleRef and subjects of a RoleBinding or ClusterRoleBinding. */
export function defaultBinding(obj: Obj): void {
  const ref = obj.roleRef as Obj | undefined;
  if (ref && typeof ref === "object" && !ref.apiGroup) ref.apiGroup = "rbac.authorization.k8s.io";
  for (const s of items(obj.subjects)) {
    if (s.apiGroup !== undefined && s.apiGroup !== null) continue;
    if (s.kind === "ServiceAccount") s.apiGroup = "";
    else if (s.kind === "User" || s.kind === "Group") s.apiGroup = "rbac.authorization.k8s.io";
  }
}
