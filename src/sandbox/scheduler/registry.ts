/**
 * The in-tree plugin registry (pkg/scheduler/framework/plugins/registry.go `NewInTreeRegistry`):
 * the only map from plugin name to factory. Adding a plugin is one file and one line here.
 */
import type { AnyPlugin, Handle } from "./framework.js";
import * as DefaultBinder from "./plugins/DefaultBinder.js";
import * as DefaultPreemption from "./plugins/DefaultPreemption.js";
import * as DynamicResources from "./plugins/DynamicResources.js";
import * as ImageLocality from "./plugins/ImageLocality.js";
import * as InterPodAffinity from "./plugins/InterPodAffinity.js";
import * as NodeAffinity from "./plugins/NodeAffinity.js";
import * as NodeName from "./plugins/NodeName.js";
import * as NodePorts from "./plugins/NodePorts.js";
import * as NodeResourcesBalancedAllocation from "./plugins/NodeResourcesBalancedAllocation.js";
import * as NodeResourcesFit from "./plugins/NodeResourcesFit.js";
import * as NodeUnschedulable from "./plugins/NodeUnschedulable.js";
import * as PodTopologySpread from "./plugins/PodTopologySpread.js";
import * as PrioritySort from "./plugins/PrioritySort.js";
import * as SchedulingGates from "./plugins/SchedulingGates.js";
import * as TaintToleration from "./plugins/TaintToleration.js";
import * as VolumeBinding from "./plugins/VolumeBinding.js";
import * as VolumeRestrictions from "./plugins/VolumeRestrictions.js";
import * as VolumeZone from "./plugins/VolumeZone.js";

/** A plugin factory: validates its args and builds the plugin over a framework handle. */
export type PluginFactory = (args: unknown, handle: Handle) => AnyPlugin;

export const REGISTRY: Readonly<Record<string, PluginFactory>> = {
  [SchedulingGates.name]: SchedulingGates.create,
  [PrioritySort.name]: PrioritySort.create,
  [NodeUnschedulable.name]: NodeUnschedulable.create,
  [NodeName.name]: NodeName.create,
  [TaintToleration.name]: TaintToleration.create,
  [NodeAffinity.name]: NodeAffinity.create,
  [NodePorts.name]: NodePorts.create,
  [NodeResourcesFit.name]: NodeResourcesFit.create,
  [VolumeRestrictions.name]: VolumeRestrictions.create,
  [VolumeBinding.name]: VolumeBinding.create,
  [VolumeZone.name]: VolumeZone.create,
  [PodTopologySpread.name]: PodTopologySpread.create,
  [InterPodAffinity.name]: InterPodAffinity.create,
  [DynamicResources.name]: DynamicResources.create,
  [DefaultPreemption.name]: DefaultPreemption.create,
  [NodeResourcesBalancedAllocation.name]: NodeResourcesBalancedAllocation.create,
  [ImageLocality.name]: ImageLocality.create,
  [DefaultBinder.name]: DefaultBinder.create,
};
