/**
 * The default scheduler profile: plugins in MultiPoint order (which is also the order of every
 * extension point, Filter included) and the Score weights — the only place weights live.
 * Source: pkg/scheduler/apis/config/v1/default_plugins.go `getDefaultPlugins` (v1.34, DRA on by
 * default). The in-tree cloud volume-limit plugins, VolumeRestrictions, NodeVolumeLimits and
 * VolumeZone are not modelled: they are no-ops without in-tree cloud volumes or CSI attach limits.
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
    { name: "VolumeBinding" },
    { name: "PodTopologySpread", weight: 2 },
    { name: "InterPodAffinity", weight: 2 },
    { name: "DynamicResources" },
    { name: "DefaultPreemption" },
    { name: "NodeResourcesBalancedAllocation", weight: 1 },
    { name: "ImageLocality", weight: 1 },
    { name: "DefaultBinder" },
  ],
};
