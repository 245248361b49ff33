/**
 * The `podsensei simulate` JSON contract (shared/CONTRACT.md), as types and as a zod schema that
 * tests hold every result to. Fields may be added; none may be renamed or change meaning.
 */
import { z } from "zod";

export const LAYERS = ["spec", "api", "scheduling", "node", "runtime", "network", "storage", "security"] as const;
export type Layer = (typeof LAYERS)[number];
export type Severity = "error" | "warning" | "info";

export const nodeSummarySchema = z.object({
  name: z.string(),
  ready: z.boolean(),
  unschedulable: z.boolean(),
  allocatable: z.record(z.string(), z.string()),
});

export const rejectionSchema = z.object({
  document: z.number().int().min(1),
  line: z.number().int().min(1),
  kind: z.string().nullable(),
  name: z.string().nullable(),
  namespace: z.string().nullable(),
  message: z.string().min(1),
  /** Our advice, e.g. the current apiVersion of a removed one (added field). */
  hint: z.string().nullable(),
});

export const objectSummarySchema = z.object({
  kind: z.string(),
  apiVersion: z.string(),
  name: z.string(),
  namespace: z.string().nullable(),
  /** Added field: true for objects a controller created (ReplicaSets, Jobs, claims, ...), false for the input's. */
  generated: z.boolean(),
  /** Added field: true for an input object that was deleted before the horizon (e.g. by `kubectl delete`). */
  deleted: z.boolean(),
});

export const podSummarySchema = z.object({
  name: z.string(),
  namespace: z.string(),
  owner: z.string().nullable(),
  node: z.string().nullable(),
  phase: z.enum(["Pending", "Running", "Succeeded", "Failed", "Unknown"]),
  ready: z.boolean(),
  restarts: z.number().int().min(0),
  reason: z.string().nullable(),
  message: z.string().nullable(),
  deleted: z.boolean(),
  /** Added fields: the pod's IP, kubectl's STATUS and READY columns, the last termination reason (e.g. OOMKilled). */
  ip: z.string().nullable(),
  status: z.string(),
  readyContainers: z.string(),
  lastTerminationReason: z.string().nullable(),
});

export const eventSchema = z.object({
  time: z.number(),
  type: z.enum(["Normal", "Warning"]),
  reason: z.string(),
  object: z.string(),
  namespace: z.string().nullable(),
  source: z.string(),
  message: z.string(),
  count: z.number().int().min(1),
  /** Added field: last occurrence (simulated seconds) of an aggregated event. */
  lastTime: z.number(),
});

export const findingSchema = z.object({
  severity: z.enum(["error", "warning", "info"]),
  layer: z.enum(LAYERS),
  object: z.string().nullable(),
  message: z.string(),
  hint: z.string().nullable(),
});

/** Added field: an HPA's replicas over time (`load` actions drive it). */
export const autoscalingSchema = z.object({
  hpa: z.string(),
  namespace: z.string(),
  target: z.string(),
  minReplicas: z.number(),
  maxReplicas: z.number(),
  targets: z.string(),
  points: z.array(z.object({ time: z.number(), replicas: z.number(), utilization: z.number().nullable() })),
  undeclaredLoad: z.array(z.string()),
});

export const simulationResultSchema = z.object({
  apiVersion: z.literal("podsensei/v1"),
  horizonSeconds: z.number(),
  cluster: z.object({ nodes: z.array(nodeSummarySchema) }),
  rejected: z.array(rejectionSchema),
  objects: z.array(objectSummarySchema),
  pods: z.array(podSummarySchema),
  events: z.array(eventSchema),
  findings: z.array(findingSchema),
  autoscaling: z.array(autoscalingSchema),
});

export type NodeSummary = z.infer<typeof nodeSummarySchema>;
export type Rejection = z.infer<typeof rejectionSchema>;
export type ObjectSummary = z.infer<typeof objectSummarySchema>;
export type PodSummary = z.infer<typeof podSummarySchema>;
export type SimEvent = z.infer<typeof eventSchema>;
export type Finding = z.infer<typeof findingSchema>;
export type SimulationResult = z.infer<typeof simulationResultSchema>;
