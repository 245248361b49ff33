/**
 * RBAC defaulting (pkg/apis/rbac/v1/defaults.go SetDefaults_Subject): users and groups belong to
 * the rbac.authorization.k8s.io API group, service accounts to the core group.
 */
import { items, type Obj } from "./fields.js";

/** Defaults the subjects of a RoleBinding or ClusterRoleBinding. */
export function defaultBinding(obj: Obj): void {
  for (const s of items(obj.subjects)) {
    if (s.apiGroup !== undefined && s.apiGroup !== null) continue;
    if (s.kind === "ServiceAccount") s.apiGroup = "";
    else if (s.kind === "User" || s.kind === "Group") s.apiGroup = "rbac.authorization.k8s.io";
  }
}
