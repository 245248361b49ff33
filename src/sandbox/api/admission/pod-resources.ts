/**
 * A pod's effective requests and limits (k8s.io/component-helpers/resource/helpers.go
 * `PodRequests`/`PodLimits`): the sum over containers and sidecars, raised to the largest init
 * container, plus `spec.overhead` when asked for.
 */
import { addQuantity, compareQuantity, type Quantity } from "../../model/quantity.js";
import { type ContainerView, containerResources, containersOf, initContainersOf, resourceList } from "./pod-spec.js";

export type ResourceMap = Map<string, Quantity>;

function addInto(target: ResourceMap, add: ResourceMap): void {
  for (const [k, v] of add) {
    const cur = target.get(k);
    target.set(k, cur ? addQuantity(cur, v) : { ...v });
  }
}

function maxInto(target: ResourceMap, other: ResourceMap): void {
  for (const [k, v] of other) {
    const cur = target.get(k);
    if (!cur || compareQuantity(v, cur) > 0) target.set(k, { ...v });
  }
}

function aggregate(spec: unknown, pick: (c: ContainerView) => ResourceMap, overhead: boolean): ResourceMap {
  const total: ResourceMap = new Map();
  for (const c of containersOf(spec)) addInto(total, pick(c));
  // Sidecars (restartPolicy Always) run alongside everything started after them.
  const sidecars: ResourceMap = new Map();
  const initMax: ResourceMap = new Map();
  for (const c of initContainersOf(spec)) {
    let effective: ResourceMap;
    if (c.restartPolicy === "Always") {
      addInto(total, pick(c));
      addInto(sidecars, pick(c));
      effective = sidecars;
    } else {
      effective = new Map();
      addInto(effective, pick(c));
      addInto(effective, sidecars);
    }
    maxInto(initMax, effective);
  }
  maxInto(total, initMax);
  if (overhead) addInto(total, resourceList((spec as { overhead?: unknown } | undefined)?.overhead));
  return total;
}

/** Effective pod requests; `overhead` adds `spec.overhead` (quota counts it, LimitRanger does not). */
export function podRequests(spec: unknown, overhead = false): ResourceMap {
  return aggregate(spec, (c) => containerResources(c).requests, overhead);
}

/** Effective pod limits; `overhead` as for `podRequests`. */
export function podLimits(spec: unknown, overhead = false): ResourceMap {
  return aggregate(spec, (c) => containerResources(c).limits, overhead);
}
