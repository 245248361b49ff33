/**
 * VolumeRestrictions (pkg/scheduler/framework/plugins/volumerestrictions/volume_restrictions.go).
 * PreFilter reads the access modes of the pod's claims (a missing claim rejects the pod for every
 * node) and counts the ReadWriteOncePod claims that a pod already placed on some node uses; Filter
 * then rejects every node while that count is above zero, and any node whose pods mount the same
 * in-tree disk (GCE PD, AWS EBS, iSCSI, Ceph RBD) read-write. Both rejections are Unschedulable:
 * preemption may help, and its AddPod/RemovePod keep the count right as it takes pods away.
 */

import type { KubeObject } from "../../model/object.js";
import {
  Code,
  type CycleState,
  type FilterPlugin,
  type Handle,
  newStatus,
  type PreFilterPlugin,
  type StateData,
  Status,
} from "../framework.js";
import type { PodInfo } from "../pod-info.js";
import { noArgs, parseArgs } from "./args.js";
import { claimNotFound } from "./VolumeBinding.js";

export const name = "VolumeRestrictions";

/** volume_restrictions.go ErrReasonDiskConflict */
export const ERR_REASON_DISK_CONFLICT = "node(s) had no available disk";
/** volume_restrictions.go ErrReasonReadWriteOncePodConflict */
export const ERR_REASON_RWOP_CONFLICT =
  "node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode";

const DISK_CONFLICT = newStatus(Code.Unschedulable, ERR_REASON_DISK_CONFLICT);
const RWOP_CONFLICT = newStatus(Code.Unschedulable, ERR_REASON_RWOP_CONFLICT);
/** Shared: most pods skip this plugin, so the Skip status is not allocated per cycle. */
const SKIP = new Status(Code.Skip);

const STATE_KEY = `PreFilter${name}`;

/** The in-tree volume sources this plugin compares (the fields of a v1.Volume it reads). */
interface RawVolume {
  persistentVolumeClaim?: { claimName?: string };
  gcePersistentDisk?: { pdName?: string; readOnly?: boolean };
  awsElasticBlockStore?: { volumeID?: string };
  iscsi?: { iqn?: string; readOnly?: boolean };
  rbd?: { monitors?: string[]; pool?: string; image?: string; readOnly?: boolean };
}

/** volume_restrictions.go preFilterState */
class PreFilterState implements StateData {
  constructor(
    /** Names of the pod's claims with the ReadWriteOncePod access mode. */
    readonly rwopClaims: ReadonlySet<string>,
    /** How many of those claims pods on nodes use. */
    public conflictingRefs: number,
    /** Whether the pod has an in-tree volume to compare with other pods' (needsRestrictionsCheck). */
    readonly checkDisks: boolean,
  ) {}

  /**
   * updateWithPod: by claim name only, as upstream's conflictingPVCRefCountForPod (which does not
   * compare namespaces).
   */
  update(p: PodInfo, sign: 1 | -1): void {
    for (const v of volumesOf(p.pod)) {
      const claim = v.persistentVolumeClaim;
      if (claim && this.rwopClaims.has(claim.claimName ?? "")) this.conflictingRefs += sign;
    }
  }

  clone(): StateData {
    return new PreFilterState(this.rwopClaims, this.conflictingRefs, this.checkDisks);
  }
}

function volumesOf(pod: KubeObject): readonly RawVolume[] {
  const v: unknown = pod.spec?.volumes;
  return Array.isArray(v) ? (v as RawVolume[]) : [];
}

/** volume_restrictions.go needsRestrictionsCheck */
function needsRestrictionsCheck(v: RawVolume): boolean {
  return !!(v.gcePersistentDisk || v.awsElasticBlockStore || v.rbd || v.iscsi);
}

/** The RBD pool with its API default (pkg/apis/core/v1/defaults.go SetDefaults_RBDVolumeSource). */
function rbdPool(rbd: { pool?: string }): string {
  return rbd.pool || "rbd";
}

/** volume_restrictions.go isVolumeConflict: does `v` conflict with a volume of `other`? */
function isVolumeConflict(v: RawVolume, other: KubeObject): boolean {
  for (const e of volumesOf(other)) {
    // The same GCE disk conflicts unless both mount it read-only.
    const g = v.gcePersistentDisk;
    const eg = e.gcePersistentDisk;
    if (g && eg && g.pdName === eg.pdName && !(g.readOnly && eg.readOnly)) return true;
    // The same EBS volume always conflicts.
    const a = v.awsElasticBlockStore;
    const ea = e.awsElasticBlockStore;
    if (a && ea && a.volumeID === ea.volumeID) return true;
    // The same iSCSI IQN conflicts unless both mount it read-only.
    const i = v.iscsi;
    const ei = e.iscsi;
    if (i && ei && i.iqn === ei.iqn && !(i.readOnly && ei.readOnly)) return true;
    // The same RBD image (a shared monitor, same pool and image) conflicts unless both are read-only.
    const r = v.rbd;
    const er = e.rbd;
    if (
      r &&
      er &&
      (r.monitors ?? []).some((m) => (er.monitors ?? []).includes(m)) &&
      rbdPool(r) === rbdPool(er) &&
      r.image === er.image &&
      !(r.readOnly && er.readOnly)
    ) {
      return true;
    }
  }
  return false;
}

export function create(args: unknown, h: Handle): PreFilterPlugin & FilterPlugin {
  parseArgs(noArgs, name, args);
  const state = (s: CycleState) => s.read<PreFilterState>(STATE_KEY);
  return {
    name,
    preFilter(cycle, pod) {
      const volumes = volumesOf(pod.pod);
      // A pod without volumes (most pods) has nothing to check: no claim look-ups at all.
      if (volumes.length === 0) return { status: SKIP };
      let checkDisks = false;
      const rwop = new Set<string>();
      for (const v of volumes) {
        if (needsRestrictionsCheck(v)) checkDisks = true;
        const claim = v.persistentVolumeClaim;
        if (!claim) continue;
        // readWriteOncePodPVCsForPod: every claim must exist to read its access modes.
        const claimName = claim.claimName ?? "";
        const pvc = h.store.get("PersistentVolumeClaim", pod.namespace, claimName);
        if (!pvc) return { status: newStatus(Code.UnschedulableAndUnresolvable, claimNotFound(claimName)) };
        const modes: unknown = pvc.spec?.accessModes;
        if (Array.isArray(modes) && modes.includes("ReadWriteOncePod")) rwop.add(claimName);
      }
      // calPreFilterState: at most one pod can use a ReadWriteOncePod claim.
      let conflicting = 0;
      for (const c of rwop) if (h.cache.isPVCUsedByPods(`${pod.namespace}/${c}`)) conflicting++;
      if (!checkDisks && conflicting === 0) return { status: SKIP };
      cycle.write(STATE_KEY, new PreFilterState(rwop, conflicting, checkDisks));
      return { status: null };
    },
    addPod(cycle, _pod, toAdd) {
      state(cycle)?.update(toAdd, 1);
    },
    removePod(cycle, _pod, toRemove) {
      state(cycle)?.update(toRemove, -1);
    },
    filter(cycle, pod, node) {
      const s = state(cycle);
      if (!s) return newStatus(Code.Error, `cannot read "${STATE_KEY}" from cycleState`);
      // satisfyVolumeConflicts, then satisfyReadWriteOncePod.
      if (s.checkDisks) {
        for (const v of volumesOf(pod.pod)) {
          if (!needsRestrictionsCheck(v)) continue;
          for (const other of node.pods) if (isVolumeConflict(v, other.pod)) return DISK_CONFLICT;
        }
      }
      return s.conflictingRefs > 0 ? RWOP_CONFLICT : null;
    },
  } satisfies PreFilterPlugin & FilterPlugin;
}
