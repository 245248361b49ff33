/**
 * Resource arithmetic as the scheduler does it: CPU in millicores, memory and storage in bytes,
 * other (extended, hugepages) resources as integer counts (pkg/scheduler/framework/types.go
 * `Resource`), and a pod's effective request computed as
 * k8s.io/component-helpers/resource/helpers.go `PodRequests` does: app containers plus sidecars,
 * at least every regular init container (with the sidecars started before it), pod-level
 * requests when set, plus overhead.
 */
import { intValue, milliValue, parseQuantity } from "../model/quantity.js";

/** Resources in scheduler units. `scalar` holds every resource other than cpu/memory/ephemeral-storage. */
export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  scalar: Map<string, number>;
}

/** pkg/scheduler/util/pod_resources.go: the defaults used for scoring only. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** 200 MiB (pkg/scheduler/util/pod_resources.go DefaultMemoryRequest). */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** An empty Resource. */
export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: new Map() };
}

/** A copy of a Resource. */
export function copyResource(r: Resource): Resource {
  return { milliCPU: r.milliCPU, memory: r.memory, ephemeralStorage: r.ephemeralStorage, scalar: new Map(r.scalar) };
}

const valueCache = new Map<string, number>();

/** A quantity in scheduler units for a resource name; 0 for unparsable values (validation rejects those). */
export function resourceValue(name: string, raw: unknown): number {
  if (typeof raw !== "string" && typeof raw !== "number") return 0;
  const key = `${name === "cpu" ? "m" : "v"}${raw}`;
  const hit = valueCache.get(key);
  if (hit !== undefined) return hit;
  const q = parseQuantity(raw);
  const v = q ? (name === "cpu" ? milliValue(q) : intValue(q)) : 0;
  if (valueCache.size < 10_000) valueCache.set(key, v);
  return v;
}

/** Parses a ResourceList (`{cpu: "500m", memory: "1Gi", ...}`) into a Resource; `pods` is ignored. */
export function resourceFromList(list: Record<string, unknown> | undefined): Resource {
  const r = emptyResource();
  if (!list) return r;
  for (const [name, raw] of Object.entries(list)) addNamed(r, name, resourceValue(name, raw));
  return r;
}

function addNamed(r: Resource, name: string, v: number): void {
  if (name === "cpu") r.milliCPU += v;
  else if (name === "memory") r.memory += v;
  else if (name === "ephemeral-storage") r.ephemeralStorage += v;
  else if (name !== "pods") r.scalar.set(name, (r.scalar.get(name) ?? 0) + v);
}

function setNamed(r: Resource, name: string, v: number): void {
  if (name === "cpu") r.milliCPU = v;
  else if (name === "memory") r.memory = v;
  else if (name === "ephemeral-storage") r.ephemeralStorage = v;
  else if (name !== "pods") r.scalar.set(name, v);
}

/** a += b */
export function addResource(a: Resource, b: Resource, sign = 1): void {
  a.milliCPU += sign * b.milliCPU;
  a.memory += sign * b.memory;
  a.ephemeralStorage += sign * b.ephemeralStorage;
  for (const [k, v] of b.scalar) {
    const next = (a.scalar.get(k) ?? 0) + sign * v;
    if (next === 0) a.scalar.delete(k);
    else a.scalar.set(k, next);
  }
}

function maxInto(a: Resource, b: Resource): void {
  a.milliCPU = Math.max(a.milliCPU, b.milliCPU);
  a.memory = Math.max(a.memory, b.memory);
  a.ephemeralStorage = Math.max(a.ephemeralStorage, b.ephemeralStorage);
  for (const [k, v] of b.scalar) a.scalar.set(k, Math.max(a.scalar.get(k) ?? 0, v));
}

interface ContainerLike {
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  restartPolicy?: string;
}

/**
 * A container's requests; a resource with only a limit requests the limit (the API server's
 * defaulting, pkg/apis/core/v1/defaults.go SetDefaults_ResourceList for requests), so the result is
 * right whether or not defaulting ran. `nonMissing` adds the scoring defaults for cpu/memory.
 */
function containerRequests(c: ContainerLike, nonMissing: boolean): Resource {
  const requests = c.resources?.requests ?? {};
  const limits = c.resources?.limits ?? {};
  const r = resourceFromList(requests);
  for (const [name, raw] of Object.entries(limits)) {
    if (!Object.hasOwn(requests, name)) addNamed(r, name, resourceValue(name, raw));
  }
  if (nonMissing) {
    const has = (n: string) => Object.hasOwn(requests, n) || Object.hasOwn(limits, n);
    if (!has("cpu")) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (!has("memory")) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/** The pod spec fields `podRequests` reads. */
export interface PodSpecLike {
  containers?: ContainerLike[];
  initContainers?: ContainerLike[];
  overhead?: Record<string, unknown>;
  resources?: { requests?: Record<string, unknown> };
}

/**
 * The effective request of a pod (helpers.go `PodRequests` / `AggregateContainerRequests`).
 * With `nonMissing`, containers without a cpu/memory request count 100m / 200Mi (scoring only).
 */
export function podRequests(spec: PodSpecLike, nonMissing = false): Resource {
  const reqs = emptyResource();
  for (const c of spec.containers ?? []) addResource(reqs, containerRequests(c, nonMissing));
  const sidecars = emptyResource();
  const initMax = emptyResource();
  for (const c of spec.initContainers ?? []) {
    const cr = containerRequests(c, nonMissing);
    if (c.restartPolicy === "Always") {
      addResource(reqs, cr);
      addResource(sidecars, cr);
      maxInto(initMax, sidecars);
    } else {
      const tmp = copyResource(cr);
      addResource(tmp, sidecars);
      maxInto(initMax, tmp);
    }
  }
  maxInto(reqs, initMax);
  // Pod-level resources (PodLevelResources, beta in 1.34) replace the container sum for cpu and memory.
  for (const name of ["cpu", "memory"]) {
    const raw = spec.resources?.requests?.[name];
    if (raw !== undefined) setNamed(reqs, name, resourceValue(name, raw));
  }
  if (spec.overhead) addResource(reqs, resourceFromList(spec.overhead));
  return reqs;
}
