/**
 * Taints and tolerations (k8s.io/api/core/v1/toleration.go `ToleratesTaint`,
 * k8s.io/component-helpers/scheduling/corev1/helpers.go `FindMatchingUntoleratedTaint`).
 */

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** Whether one toleration tolerates one taint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? "") {
    case "":
    case "Equal":
      return (t.value ?? "") === (taint.value ?? "");
    case "Exists":
      return true;
    default:
      return false;
  }
}

/** Whether any toleration tolerates the taint. */
export function tolerationsTolerate(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** The first taint passing `include` that no toleration tolerates. */
export function findUntoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
  include: (t: Taint) => boolean,
): Taint | undefined {
  for (const taint of taints) {
    if (include(taint) && !tolerationsTolerate(tolerations, taint)) return taint;
  }
  return undefined;
}

/** The Filter considers NoSchedule and NoExecute taints (plugins/helper/taint.go DoNotScheduleTaintsFilterFunc). */
export function isDoNotSchedule(t: Taint): boolean {
  return t.effect === "NoSchedule" || t.effect === "NoExecute";
}
