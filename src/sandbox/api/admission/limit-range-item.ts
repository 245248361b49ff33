/**
 * One `spec.limits[]` item of a LimitRange, with the defaulting the API server applies when the
 * LimitRange is stored (pkg/apis/core/v1/defaults.go SetDefaults_LimitRangeItem), recomputed
 * here so a LimitRange stored without it still behaves as in a real cluster.
 */
import type { KubeObject } from "../../model/object.js";
import type { Quantity } from "../../model/quantity.js";
import { isRecord, resourceList } from "./pod-spec.js";

export interface LimitRangeItem {
  type: string;
  max: Map<string, Quantity>;
  min: Map<string, Quantity>;
  default: Map<string, Quantity>;
  defaultRequest: Map<string, Quantity>;
  maxLimitRequestRatio: Map<string, Quantity>;
}

/** The items of a LimitRange, defaulted for `type: Container`. */
export function limitRangeItems(lr: KubeObject): LimitRangeItem[] {
  const limits = Array.isArray(lr.spec?.limits) ? (lr.spec.limits as unknown[]) : [];
  return limits.filter(isRecord).map((raw) => {
    const item: LimitRangeItem = {
      type: typeof raw.type === "string" ? raw.type : "",
      max: resourceList(raw.max),
      min: resourceList(raw.min),
      default: resourceList(raw.default),
      defaultRequest: resourceList(raw.defaultRequest),
      maxLimitRequestRatio: resourceList(raw.maxLimitRequestRatio),
    };
    if (item.type === "Container") {
      // A missing default limit takes max; a missing default request takes the default, else min.
      for (const [k, v] of item.max) if (!item.default.has(k)) item.default.set(k, v);
      for (const [k, v] of item.default) if (!item.defaultRequest.has(k)) item.defaultRequest.set(k, v);
      for (const [k, v] of item.min) if (!item.defaultRequest.has(k)) item.defaultRequest.set(k, v);
    }
    return item;
  });
}
