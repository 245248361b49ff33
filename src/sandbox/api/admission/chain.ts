/**
 * The admission plugins in kube-apiserver's order. Minimal first version.
 */
import type { AdmissionPlugin } from "../types.js";

export function admissionChain(): AdmissionPlugin[] {
  return [];
}
