/**
 * StatefulSets (pkg/apis/apps/validation/validation.go ValidateStatefulSetSpec,
 * ValidatePodTemplateSpecForStatefulSet, ValidateStatefulSetUpdate). Upstream does not validate
 * the template's pod spec here: a bad volume mount only surfaces when the controller creates
 * the pod, as a FailedCreate event.
 */
import type { FieldError } from "../field-error.js";
import { forbidden, invalid, required, unsupported } from "./field.js";
import { selectorIsEmpty, validateAnnotations, validateLabels, validateObjectMeta } from "./meta.js";
import { nameIsDNSLabel } from "./names.js";
import {
  alwaysRestart,
  invalidSelector,
  selectorMismatch,
  templateMatches,
  validateRequiredSelector,
} from "./template.js";
import { isSet, jsonEqual, type Obj, rec, str } from "./values.js";
import { nonNegative } from "./workloads.js";

const RETENTION = ["Retain", "Delete"];

/**
 * `ValidateStatefulSet` (create): the name must be an RFC 1123 label, since it becomes the
 * pods' hostnames (ValidateStatefulSetName).
 */
export function validateStatefulSet(obj: Obj): FieldError[] {
  return [...validateObjectMeta(rec(obj.metadata), true, nameIsDNSLabel), ...validateStatefulSetSpec(obj)];
}

function validateStatefulSetSpec(obj: Obj): FieldError[] {
  const spec = rec(obj.spec) ?? {};
  const errs: FieldError[] = [];
  const pmp = str(spec.podManagementPolicy);
  if (!pmp) errs.push(required("spec.podManagementPolicy"));
  else if (pmp !== "OrderedReady" && pmp !== "Parallel") {
    errs.push(invalid("spec.podManagementPolicy", pmp, "must be 'OrderedReady' or 'Parallel'"));
  }
  const strategy = rec(spec.updateStrategy) ?? {};
  const type = str(strategy.type);
  if (!type) errs.push(required("spec.updateStrategy"));
  else if (type === "OnDelete") {
    if (isSet(strategy.rollingUpdate)) {
      errs.push(
        invalid(
          "spec.updateStrategy.rollingUpdate",
          strategy.rollingUpdate,
          "only allowed for updateStrategy 'RollingUpdate'",
          "&apps.RollingUpdateStatefulSetStrategy{...}",
        ),
      );
    }
  } else if (type === "RollingUpdate") {
    errs.push(...nonNegative(rec(strategy.rollingUpdate)?.partition, "spec.updateStrategy.rollingUpdate.partition"));
  } else {
    errs.push(
      invalid(
        "spec.updateStrategy",
        strategy,
        "must be 'RollingUpdate' or 'OnDelete'",
        "apps.StatefulSetUpdateStrategy{...}",
      ),
    );
  }
  const retention = rec(spec.persistentVolumeClaimRetentionPolicy) ?? {};
  for (const f of ["whenDeleted", "whenScaled"]) {
    const v = str(retention[f]);
    if (!RETENTION.includes(v)) errs.push(unsupported(`spec.persistentVolumeClaimRetentionPolicy.${f}`, v, RETENTION));
  }
  errs.push(...nonNegative(spec.replicas, "spec.replicas"));
  errs.push(...nonNegative(rec(spec.ordinals)?.start, "spec.ordinals.start"));
  errs.push(...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"));
  errs.push(...validateRequiredSelector(spec.selector, "spec.selector", "statefulset"));
  const template = rec(spec.template);
  const bad = invalidSelector(spec.selector, "spec.selector", "");
  if (bad) errs.push(bad);
  else if (!template) errs.push(required("spec.template"));
  else {
    const meta = rec(template.metadata) ?? {};
    const checks = !isSet(spec.selector) || !selectorIsEmpty(spec.selector);
    if (checks && !templateMatches(spec.selector, template)) errs.push(selectorMismatch(template, "spec.template"));
    errs.push(...validateLabels(meta.labels, "spec.template.labels"));
    errs.push(...validateAnnotations(meta.annotations, "spec.template.annotations"));
  }
  const tspec = rec(template?.spec) ?? {};
  const restart = alwaysRestart(template, "spec.template", "StatefulSet").filter((e) =>
    e.field.endsWith("restartPolicy"),
  );
  errs.push(...restart);
  if (isSet(tspec.activeDeadlineSeconds)) {
    errs.push(
      forbidden("spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in StatefulSet is not Supported"),
    );
  }
  return errs;
}

/** The Forbidden text for StatefulSet spec updates outside the mutable fields. */
export const STATEFULSET_UPDATE_FORBIDDEN =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

const MUTABLE_STATEFULSET_FIELDS = [
  "replicas",
  "ordinals",
  "template",
  "updateStrategy",
  "revisionHistoryLimit",
  "persistentVolumeClaimRetentionPolicy",
  "minReadySeconds",
];

/**
 * `ValidateStatefulSetUpdate`: the spec is validated (the name is not re-checked), then the spec
 * minus its mutable fields must equal the old one.
 */
export function validateStatefulSetUpdate(obj: Obj, old: Obj): FieldError[] {
  const strip = (o: Obj) => {
    const spec = { ...(rec(o.spec) ?? {}) };
    for (const f of MUTABLE_STATEFULSET_FIELDS) delete spec[f];
    return spec;
  };
  const errs = validateStatefulSetSpec(obj);
  if (!jsonEqual(strip(obj), strip(old))) errs.push(forbidden("spec", STATEFULSET_UPDATE_FORBIDDEN));
  return errs;
}
