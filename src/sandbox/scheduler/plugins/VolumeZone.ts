/**
 * VolumeZone (pkg/scheduler/framework/plugins/volumezone/volume_zone.go): a bound PersistentVolume
 * labelled with a zone or region (`topology.kubernetes.io/zone`, `…/region` or their
 * `failure-domain.beta.kubernetes.io` forms; several zones joined by `__`) admits only nodes whose
 * label of the same key (or its GA form) is one of those values. Nodes with none of the four
 * labels pass (a single-zone cluster). PreFilter collects the PVs' topology once; claims still
 * waiting for their first consumer are skipped. No preemption can help (UnschedulableAndUnresolvable).
 */

import type { KubeObject } from "../../model/object.js";
import { bindingMode, claimClass } from "../../storage/storage-class.js";
import {
  Code,
  type FilterPlugin,
  type Handle,
  newStatus,
  type PreFilterPlugin,
  type StateData,
  Status,
} from "../framework.js";
import { noArgs, parseArgs } from "./args.js";
import { claimNotFound } from "./VolumeBinding.js";

export const name = "VolumeZone";

/** volume_zone.go ErrReasonConflict */
export const ERR_REASON_CONFLICT = "node(s) had no available volume zone";

const CONFLICT = newStatus(Code.UnschedulableAndUnresolvable, ERR_REASON_CONFLICT);
/** Shared: most pods skip this plugin, so the Skip status is not allocated per cycle. */
const SKIP = new Status(Code.Skip);

const STATE_KEY = `PreFilter${name}`;

const BETA_ZONE = "failure-domain.beta.kubernetes.io/zone";
const BETA_REGION = "failure-domain.beta.kubernetes.io/region";
const GA_ZONE = "topology.kubernetes.io/zone";
const GA_REGION = "topology.kubernetes.io/region";

/** volume_zone.go topologyLabels, in its order. */
const TOPOLOGY_LABELS = [BETA_ZONE, BETA_REGION, GA_ZONE, GA_REGION] as const;

/** volume_zone.go translateToGALabel */
function translateToGALabel(label: string): string {
  if (label === BETA_REGION) return GA_REGION;
  if (label === BETA_ZONE) return GA_ZONE;
  return label;
}

/** The API's NotFound text of a lister Get (k8s.io/apimachinery/pkg/api/errors NewNotFound). */
function notFound(resource: string, objectName: string): string {
  return `${resource} "${objectName}" not found`;
}

/** volume_zone.go pvTopology: one topology label of a PV and the values it allows. */
interface PVTopology {
  key: string;
  values: ReadonlySet<string>;
}

class StateDataImpl implements StateData {
  constructor(readonly topologies: readonly PVTopology[]) {}
  clone(): StateData {
    return this;
  }
}

/**
 * volumehelpers.LabelZonesToSet: values split on `__` and trimmed; an empty part makes the whole
 * label unparseable (undefined), and getPVTopologies then ignores that label.
 */
function labelZonesToSet(value: string): Set<string> | undefined {
  const out = new Set<string>();
  for (const part of value.split("__")) {
    const zone = part.trim();
    if (zone === "") return undefined;
    out.add(zone);
  }
  return out;
}

/** volume_zone.go getPVTopologies */
function pvTopologies(pv: KubeObject, out: PVTopology[]): void {
  const labels = pv.metadata.labels ?? {};
  for (const key of TOPOLOGY_LABELS) {
    const value = labels[key];
    if (value === undefined) continue;
    const values = labelZonesToSet(value);
    if (values) out.push({ key, values });
  }
}

const unresolvable = (msg: string) => ({ status: newStatus(Code.UnschedulableAndUnresolvable, msg) });

export function create(args: unknown, h: Handle): PreFilterPlugin & FilterPlugin {
  parseArgs(noArgs, name, args);
  return {
    name,
    /** volume_zone.go PreFilter and getPVbyPod. */
    preFilter(state, pod) {
      const volumes: unknown = pod.pod.spec?.volumes;
      if (!Array.isArray(volumes) || volumes.length === 0) return { status: SKIP };
      const topologies: PVTopology[] = [];
      for (const v of volumes as { persistentVolumeClaim?: { claimName?: string } }[]) {
        if (!v?.persistentVolumeClaim) continue;
        const claimName = v.persistentVolumeClaim.claimName ?? "";
        if (claimName === "") return unresolvable("PersistentVolumeClaim had no name");
        const pvc = h.store.get("PersistentVolumeClaim", pod.namespace, claimName);
        if (!pvc) return unresolvable(claimNotFound(claimName));
        const pvName: string = pvc.spec?.volumeName ?? "";
        if (pvName === "") {
          const scName = claimClass(pvc);
          if (scName === "") return unresolvable("PersistentVolumeClaim had no pv name and storageClass name");
          const sc = h.store.get("StorageClass", undefined, scName);
          if (!sc) return unresolvable(notFound("storageclass.storage.k8s.io", scName));
          // An unbound claim that waits for its first consumer has no zone yet.
          if (bindingMode(sc) === "WaitForFirstConsumer") continue;
          return unresolvable("PersistentVolume had no name");
        }
        const pv = h.store.get("PersistentVolume", undefined, pvName);
        if (!pv) return unresolvable(notFound("persistentvolume", pvName));
        pvTopologies(pv, topologies);
      }
      if (topologies.length === 0) return { status: SKIP };
      state.write(STATE_KEY, new StateDataImpl(topologies));
      return { status: null };
    },
    /** volume_zone.go Filter */
    filter(state, _pod, node) {
      const topologies = state.read<StateDataImpl>(STATE_KEY)?.topologies ?? [];
      const labels = node.labels;
      // A node without any zone or region label is fine (a single-zone cluster).
      if (!TOPOLOGY_LABELS.some((k) => labels[k] !== undefined)) return null;
      for (const t of topologies) {
        // A PV's beta label also matches the node's GA label.
        const v = labels[t.key] ?? labels[translateToGALabel(t.key)];
        if (v === undefined || !t.values.has(v)) return CONFLICT;
      }
      return null;
    },
  } satisfies PreFilterPlugin & FilterPlugin;
}
