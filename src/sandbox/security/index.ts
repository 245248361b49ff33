/** The security layer's public surface: the RBAC evaluator, its findings and the bootstrap roles. */
export {
  BOOTSTRAP_ROLE_NAMES,
  bootstrapClusterRoleBindings,
  bootstrapClusterRoles,
  type PolicyRule,
} from "./bootstrap-roles.js";
export {
  type AccessDecision,
  type AccessRequest,
  allGrants,
  canI,
  forbiddenText,
  type Grant,
  grantsOf,
  type RbacSubject,
  ruleAllows,
  subjectGroups,
  userName,
} from "./rbac.js";
export { rbacFindings } from "./rbac-findings.js";
