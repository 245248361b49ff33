/**
 * Quota evaluators by kind (pkg/quota/v1/evaluator/core/registry.go): pods, services and
 * PersistentVolumeClaims have their own; every other kind gets the generic object-count
 * evaluator (k8s.io/apiserver/pkg/quota/v1/generic/evaluator.go), `count/<resource>[.<group>]`,
 * plus the legacy names of configmaps, secrets, replicationcontrollers and resourcequotas.
 */
import type { KubeObject } from "../../../model/object.js";
import { quantityOrNull } from "../../../model/quantity.js";
import type { AdmissionOperation, KindInfo } from "../../types.js";
import { recordOf } from "../pod-spec.js";
import {
  podConstraints,
  podMatchesScope,
  podMatchingResources,
  podUsage,
  type ScopeRequirement,
} from "./pod-evaluator.js";
import { type ResourceList, units } from "./resource-list.js";

/** What ResourceQuota admission needs to know about one kind (quota.Evaluator). */
export interface QuotaEvaluator {
  handles(op: AdmissionOperation): boolean;
  matchingResources(names: string[]): string[];
  matchesScope(scope: ScopeRequirement, obj: KubeObject): boolean;
  usage(obj: KubeObject): ResourceList;
  /** An error text when required resources are missing, else null. */
  constraints(required: string[], obj: KubeObject): string | null;
}

/** legacyObjectCountAliases in registry.go. */
const LEGACY_ALIASES: Record<string, string> = {
  configmaps: "configmaps",
  resourcequotas: "resourcequotas",
  replicationcontrollers: "replicationcontrollers",
  secrets: "secrets",
};

/** generic.MatchesNoScopeFunc: only pods understand quota scopes. */
const noScope = () => false;
const noConstraints = () => null;

function countName(info: KindInfo): string {
  return info.group ? `count/${info.resource}.${info.group}` : `count/${info.resource}`;
}

function objectCount(info: KindInfo): QuotaEvaluator {
  const names = [countName(info), ...(info.group === "" && LEGACY_ALIASES[info.resource] ? [info.resource] : [])];
  return {
    handles: (op) => op === "CREATE",
    matchingResources: (input) => input.filter((n) => names.includes(n)),
    matchesScope: noScope,
    usage: () => new Map(names.map((n) => [n, units(1)])),
    constraints: noConstraints,
  };
}

const SERVICE_RESOURCES = ["count/services", "services", "services.nodeports", "services.loadbalancers"];

/** services.go usage: node ports per port for NodePort and (unless disabled) LoadBalancer. */
function serviceUsage(svc: KubeObject): ResourceList {
  const spec = recordOf(svc.spec);
  const ports = Array.isArray(spec.ports) ? spec.ports.map(recordOf) : [];
  const out: ResourceList = new Map([
    ["count/services", units(1)],
    ["services", units(1)],
  ]);
  if (spec.type === "NodePort") out.set("services.nodeports", units(ports.length));
  if (spec.type === "LoadBalancer") {
    const nodePorts =
      spec.allocateLoadBalancerNodePorts === false ? ports.filter((p) => Boolean(p.nodePort)).length : ports.length;
    out.set("services.nodeports", units(nodePorts));
    out.set("services.loadbalancers", units(1));
  }
  return out;
}

const STORAGE_CLASS_SUFFIX = ".storageclass.storage.k8s.io/";
const PVC_RESOURCES = ["count/persistentvolumeclaims", "persistentvolumeclaims", "requests.storage"];

/** persistent_volume_claims.go usage, including the per-StorageClass names. */
function claimUsage(pvc: KubeObject): ResourceList {
  const spec = recordOf(pvc.spec);
  const out: ResourceList = new Map([
    ["count/persistentvolumeclaims", units(1)],
    ["persistentvolumeclaims", units(1)],
  ]);
  const beta = pvc.metadata.annotations?.["volume.beta.kubernetes.io/storage-class"];
  const className = typeof spec.storageClassName === "string" ? spec.storageClassName : (beta ?? "");
  if (className) out.set(`${className}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, units(1));
  const storage = quantityOrNull(recordOf(recordOf(spec.resources).requests).storage);
  if (storage) {
    out.set("requests.storage", storage);
    if (className) out.set(`${className}${STORAGE_CLASS_SUFFIX}requests.storage`, storage);
  }
  return out;
}

/** The evaluator for a kind. */
export function evaluatorFor(info: KindInfo): QuotaEvaluator {
  if (info.group === "" && info.kind === "Pod") {
    return {
      handles: (op) => op === "CREATE",
      matchingResources: podMatchingResources,
      matchesScope: podMatchesScope,
      usage: podUsage,
      constraints: podConstraints,
    };
  }
  if (info.group === "" && info.kind === "Service") {
    return {
      handles: (op) => op === "CREATE" || op === "UPDATE",
      matchingResources: (input) => input.filter((n) => SERVICE_RESOURCES.includes(n)),
      matchesScope: noScope,
      usage: serviceUsage,
      constraints: noConstraints,
    };
  }
  if (info.group === "" && info.kind === "PersistentVolumeClaim") {
    return {
      handles: (op) => op === "CREATE" || op === "UPDATE",
      matchingResources: (input) =>
        input.filter(
          (n) =>
            PVC_RESOURCES.includes(n) ||
            (n.includes(STORAGE_CLASS_SUFFIX) &&
              (n.endsWith("/requests.storage") || n.endsWith("/persistentvolumeclaims"))),
        ),
      matchesScope: noScope,
      usage: claimUsage,
      constraints: noConstraints,
    };
  }
  return objectCount(info);
}
