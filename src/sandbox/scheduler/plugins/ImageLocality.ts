/**
 * ImageLocality (pkg/scheduler/framework/plugins/imagelocality/image_locality.go): favours nodes
 * that already have the pod's images, each image's size scaled by the share of nodes that have it,
 * the sum clamped to [23 MiB, 1000 MiB × containers] and mapped to 0..100.
 */
import { type Handle, MAX_NODE_SCORE, type ScorePlugin } from "../framework.js";
import type { NodeInfo } from "../node-info.js";
import type { PodInfo } from "../pod-info.js";
import { noArgs, parseArgs } from "./args.js";

export const name = "ImageLocality";

const MB = 1024 * 1024;
/** image_locality.go minThreshold */
export const MIN_THRESHOLD = 23 * MB;
/** image_locality.go maxContainerThreshold */
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** image_locality.go calculatePriority */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  let s = sumScores;
  if (s < MIN_THRESHOLD) s = MIN_THRESHOLD;
  else if (s > maxThreshold) s = maxThreshold;
  return Math.trunc((MAX_NODE_SCORE * (s - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

/** image_locality.go Score: sumImageScores then calculatePriority. */
function imageScore(h: Handle, pod: PodInfo, node: NodeInfo): number {
  if (node.images.size === 0 || pod.numContainers === 0) return 0;
  const total = h.cache.nodeCount;
  let sum = 0;
  for (const img of pod.images) {
    const size = node.images.get(img);
    if (size === undefined) continue;
    const spread = (h.cache.imageNodes.get(img) ?? 0) / total;
    sum += Math.trunc(size * spread);
  }
  return calculatePriority(sum, pod.numContainers);
}

export function create(args: unknown, h: Handle): ScorePlugin {
  parseArgs(noArgs, name, args);
  return {
    name,
    score(_state, pod, node) {
      return imageScore(h, pod, node);
    },
    scoreNodes(_state, pod, nodes, out) {
      if (pod.numContainers === 0 || h.cache.imageNodes.size === 0) out.fill(0);
      else for (let i = 0; i < nodes.length; i++) out[i] = imageScore(h, pod, nodes[i] as NodeInfo);
    },
  } satisfies ScorePlugin;
}
