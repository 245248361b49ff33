/**
 * Tolerations and taints (pkg/apis/core/validation/validation.go ValidateTolerations,
 * validateTaintEffect, validateNodeTaints).
 */
import type { FieldError } from "../field-error.js";
import { child, index, invalid, required, unsupported } from "./field.js";
import { validateLabelName } from "./meta.js";
import { isValidLabelValue } from "./names.js";
import { isSet, type Obj, recs, str } from "./values.js";

const EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

function validateTaintEffect(effect: string, allowEmpty: boolean, path: string): FieldError[] {
  if (!allowEmpty && effect === "") return [required(path)];
  return EFFECTS.includes(effect) ? [] : [unsupported(path, effect, EFFECTS)];
}

/** `ValidateTolerations`. */
export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  recs(tolerations).forEach((t: Obj, i) => {
    const ip = index(path, i);
    const k = str(t.key);
    const op = str(t.operator);
    const value = str(t.value);
    const effect = str(t.effect);
    if (k) errs.push(...validateLabelName(k, child(ip, "key")));
    if (!k && op !== "Exists") {
      errs.push(
        invalid(
          child(ip, "operator"),
          op,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (isSet(t.tolerationSeconds) && effect !== "NoExecute") {
      errs.push(invalid(child(ip, "effect"), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === "Equal" || op === "") {
      for (const msg of isValidLabelValue(value)) errs.push(invalid(child(ip, "operator"), value, msg));
    } else if (op === "Exists") {
      if (value) {
        errs.push(
          invalid(
            child(ip, "operator"),
            value,
            "value must be empty when `operator` is 'Exists'",
            "core.Toleration{...}",
          ),
        );
      }
    } else {
      errs.push(unsupported(child(ip, "operator"), op, ["Equal", "Exists"]));
    }
    if (effect) errs.push(...validateTaintEffect(effect, true, child(ip, "effect")));
  });
  return errs;
}

/** `validateNodeTaints`: key, value and effect. */
export function validateTaints(taints: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  recs(taints).forEach((t, i) => {
    const ip = index(path, i);
    const k = str(t.key);
    const effect = str(t.effect);
    errs.push(...validateLabelName(k, child(ip, "key")));
    const value = str(t.value);
    for (const msg of isValidLabelValue(value)) errs.push(invalid(child(ip, "value"), value, msg));
    errs.push(...validateTaintEffect(effect, false, child(ip, "effect")));
  });
  return errs;
}
