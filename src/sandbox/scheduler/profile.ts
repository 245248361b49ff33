/**
 * The default scheduler profile: plugins in MultiPoint order (which is also the order of every
 * extension point, Filter included) and the Score weights — the only place weights live.
 * Source: pkg/scheduler/apis/config/v1/default_plugins.go `getDefaultPlugins` (v1.34, DRA on by
 * default). One default plugin is left out: NodeVolumeLimits (between VolumeRestrictions and
 * VolumeBinding upstream) counts a node's CSI volumes against the attach limits its CSINode object
 * declares (`spec.drivers[].allocatable.count`); the simulated API has no CSINode kind, so no node
 * has a limit and the plugin could never reject. (The in-tree EBSLimits, GCEPDLimits and
 * AzureDiskLimits left the defaults in v1.31 and kube-scheduler in v1.32: kubernetes#124500, #124003.)
 */

/** One enabled plugin and, for Score plugins, its weight. */
export interface PluginEntry {
  name: string;
  weight?: number;
  args?: unknown;
}

export interface Profile {
  schedulerName: string;
  plugins: readonly PluginEntry[];
  /** 0 = the adaptive default (schedule_one.go numFeasibleNodesToFind). */
  percentageOfNodesToScore: number;
}

/** The name pods use to pick this profile (v1.DefaultSchedulerName). */
export const DEFAULT_SCHEDULER_NAME = "default-scheduler";

export const DEFAULT_PROFILE: Profile = {
  schedulerName: DEFAULT_SCHEDULER_NAME,
  percentageOfNodesToScore: 0,
  plugins: [
    { name: "SchedulingGates" },
    { name: "PrioritySort" },
    { name: "NodeUnschedulable" },
    { name: "NodeName" },
    { name: "TaintToleration", weight: 3 },
    { name: "NodeAffinity", weight: 2 },
    { name: "NodePorts" },
    { name: "NodeResourcesFit", weight: 1 },
    { name: "VolumeRestrictions" },
    { name: "VolumeBinding" },
    { name: "VolumeZone" },
    { name: "PodTopologySpread", weight: 2 },
    { name: "InterPodAffinity", weight: 2 },
    { name: "DynamicResources" },
    { name: "DefaultPreemption" },
    { name: "NodeResourcesBalancedAllocation", weight: 1 },
    { name: "ImageLocality", weight: 1 },
    { name: "DefaultBinder" },
  ],
};
