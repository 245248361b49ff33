/**
 * The API server's warnings about a pod spec (pkg/api/pod/warnings.go `warningsForPodSpecAndMeta`),
 * which kubectl prints as `Warning: ...` lines. The registry strategies ask for them after
 * validation: on a Pod's create (`GetWarningsForPod`), and on a workload's create or spec-changing
 * update with the template's path as prefix (`GetWarningsForPodTemplate`).
 *
 * Only the checks whose texts are stable across recent releases are modelled: deprecated node
 * labels, null label selectors, deprecated annotations, duplicate hostAliases/imagePullSecrets,
 * fractional byte quantities, duplicate env names, port overlaps and a negative grace period.
 */
import type { KubeObject } from "../model/object.js";
import { formatQuantity, quantityOrNull } from "../model/quantity.js";
import { goQuote } from "./field-error.js";
import { child, index, key } from "./validation/field.js";
import { num, type Obj, rec, recs, str } from "./validation/values.js";

/** Where each kind keeps its pod template, as the registry strategies pass it. */
const TEMPLATE_PATH: Record<string, string[]> = {
  Deployment: ["spec", "template"],
  ReplicaSet: ["spec", "template"],
  ReplicationController: ["spec", "template"],
  DaemonSet: ["spec", "template"],
  StatefulSet: ["spec", "template"],
  Job: ["spec", "template"],
  // pkg/registry/batch/cronjob/strategy.go: WarningsForJobSpec(ctx, "spec.jobTemplate.spec", ...).
  CronJob: ["spec", "jobTemplate", "spec", "template"],
  PodTemplate: ["template"],
};

/**
 * The warnings of a write. A Pod warns on create only (pod strategy `WarningsOnUpdate` returns nil);
 * a workload on create and on an update that changes its generation, i.e. its spec.
 */
export function podSpecWarnings(obj: KubeObject, old: KubeObject | undefined): string[] {
  if (obj.kind === "Pod") return old ? [] : warningsForPodSpecAndMeta("", rec(obj.spec) ?? {}, rec(obj.metadata) ?? {});
  const path = TEMPLATE_PATH[obj.kind];
  if (!path) return [];
  const top = path[0] ?? "";
  const raw = obj as unknown as Obj;
  if (old && JSON.stringify(raw[top]) === JSON.stringify((old as unknown as Obj)[top])) return [];
  let template: Obj | undefined = raw;
  for (const p of path) template = rec(template?.[p]);
  if (!template) return [];
  return warningsForPodSpecAndMeta(path.join("."), rec(template.spec) ?? {}, rec(template.metadata) ?? {});
}

// pkg/api/node/util.go deprecatedNodeLabels (the entries every recent release has).
const DEPRECATED_NODE_LABELS: Record<string, string> = {
  "beta.kubernetes.io/arch": 'deprecated since v1.14; use "kubernetes.io/arch" instead',
  "beta.kubernetes.io/os": 'deprecated since v1.14; use "kubernetes.io/os" instead',
  "failure-domain.beta.kubernetes.io/region": 'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
  "failure-domain.beta.kubernetes.io/zone": 'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
  "beta.kubernetes.io/instance-type": 'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
};

const DEPRECATED_ANNOTATIONS: [string, string][] = [
  ["scheduler.alpha.kubernetes.io/critical-pod", 'non-functional in v1.16+; use the "priorityClassName" field instead'],
  ["security.alpha.kubernetes.io/sysctls", 'non-functional in v1.11+; use the "sysctls" field instead'],
  ["security.alpha.kubernetes.io/unsafe-sysctls", 'non-functional in v1.11+; use the "sysctls" field instead'],
];

const NULL_SELECTOR = "a null labelSelector results in matching no pod";

/** `warningsForPodSpecAndMeta`, in upstream's order; `prefix` is "" for a Pod. */
export function warningsForPodSpecAndMeta(prefix: string, spec: Obj, meta: Obj): string[] {
  const out: string[] = [];
  const specPath = child(prefix, "spec");

  for (const k of Object.keys(rec(spec.nodeSelector) ?? {})) {
    const msg = DEPRECATED_NODE_LABELS[k];
    if (msg) out.push(`${key(child(specPath, "nodeSelector"), k)}: ${msg}`);
  }
  const nodeAffinity = rec(rec(spec.affinity)?.nodeAffinity);
  if (nodeAffinity) {
    const required = rec(nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution);
    const termsPath = child(specPath, "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution");
    recs(required?.nodeSelectorTerms).forEach((term, i) => {
      out.push(...nodeSelectorTermWarnings(term, index(child(termsPath, "nodeSelectorTerms"), i)));
    });
    const preferredPath = child(
      specPath,
      "affinity",
      "nodeAffinity",
      "preferredDuringSchedulingIgnoredDuringExecution",
    );
    recs(nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).forEach((p, i) => {
      out.push(...nodeSelectorTermWarnings(rec(p.preference) ?? {}, child(index(preferredPath, i), "preference")));
    });
  }
  recs(spec.topologySpreadConstraints).forEach((t, i) => {
    const path = index(child(specPath, "topologySpreadConstraints"), i);
    const topologyKey = str(t.topologyKey);
    const msg = DEPRECATED_NODE_LABELS[topologyKey];
    if (msg) out.push(`${child(path, "topologyKey")}: ${topologyKey} is ${msg}`);
    if (!rec(t.labelSelector)) out.push(`${child(path, "labelSelector")}: ${NULL_SELECTOR}`);
  });

  const annotations = rec(meta.annotations) ?? {};
  for (const [k, msg] of DEPRECATED_ANNOTATIONS) {
    if (k in annotations) out.push(`${key(child(prefix, "metadata", "annotations"), k)}: ${msg}`);
  }

  out.push(...duplicates(spec.hostAliases, "ip", child(specPath, "hostAliases"), "duplicate ip"));
  out.push(...duplicates(spec.imagePullSecrets, "name", child(specPath, "imagePullSecrets"), "duplicate name"));
  recs(spec.imagePullSecrets).forEach((s, i) => {
    if (str(s.name) === "")
      out.push(`${child(index(child(specPath, "imagePullSecrets"), i), "name")}: invalid empty name ""`);
  });

  const overhead = rec(spec.overhead) ?? {};
  for (const resource of ["memory", "ephemeral-storage"]) {
    const msg = fractionalBytes(overhead[resource]);
    if (msg) out.push(`${key(child(specPath, "overhead"), resource)}: ${msg}`);
  }

  const containers = containersWithPaths(spec, specPath);
  for (const { container: c, path } of containers) {
    const resources = rec(c.resources);
    // Limits before requests, memory before ephemeral-storage, as upstream checks them.
    for (const resource of ["memory", "ephemeral-storage"]) {
      for (const kind of ["limits", "requests"]) {
        const msg = fractionalBytes(rec(resources?.[kind])?.[resource]);
        if (msg) out.push(`${key(child(path, "resources", kind), resource)}: ${msg}`);
      }
    }
    out.push(...hiddenEnv(c, path));
  }
  out.push(...portWarnings(containers));

  const grace = num(spec.terminationGracePeriodSeconds);
  if (grace !== undefined && grace < 0) {
    out.push(
      `${child(specPath, "terminationGracePeriodSeconds")}: must be >= 0; negative values are invalid and will be treated as 1`,
    );
  }

  const affinity = rec(spec.affinity);
  for (const kind of ["podAffinity", "podAntiAffinity"]) {
    const a = rec(affinity?.[kind]);
    if (!a) continue;
    const requiredPath = child(specPath, "affinity", kind, "requiredDuringSchedulingIgnoredDuringExecution");
    recs(a.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      if (!rec(t.labelSelector)) out.push(`${child(index(requiredPath, i), "labelSelector")}: ${NULL_SELECTOR}`);
    });
    const preferredPath = child(specPath, "affinity", kind, "preferredDuringSchedulingIgnoredDuringExecution");
    recs(a.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      if (!rec(rec(t.podAffinityTerm)?.labelSelector)) {
        out.push(`${child(index(preferredPath, i), "podAffinityTerm", "labelSelector")}: ${NULL_SELECTOR}`);
      }
    });
  }
  return out;
}

/** pkg/api/node/util.go `GetWarningsForNodeSelectorTerm`: deprecated keys in matchExpressions. */
function nodeSelectorTermWarnings(term: Obj, path: string): string[] {
  const out: string[] = [];
  recs(term.matchExpressions).forEach((e, i) => {
    const k = str(e.key);
    const msg = DEPRECATED_NODE_LABELS[k];
    if (msg) out.push(`${child(index(child(path, "matchExpressions"), i), "key")}: ${k} is ${msg}`);
  });
  return out;
}

/** Repeats of `field` in a list after its first occurrence. */
function duplicates(items: unknown, field: string, path: string, what: string): string[] {
  const all = recs(items);
  if (all.length < 2) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  all.forEach((item, i) => {
    const value = str(item[field]);
    if (seen.has(value)) out.push(`${child(index(path, i), field)}: ${what} ${goQuote(value)}`);
    else seen.add(value);
  });
  return out;
}

/**
 * A byte quantity with a fractional part (`MilliValue() % 1000 != 0`), such as memory `500m`
 * (half a byte), printed in canonical form as `Quantity.String()` does.
 */
function fractionalBytes(value: unknown): string | null {
  const q = quantityOrNull(value);
  if (!q) return null;
  const milli = q.nano / 1_000_000n + (q.nano % 1_000_000n > 0n ? 1n : 0n);
  if (milli % 1000n === 0n) return null;
  return `fractional byte value ${goQuote(formatQuantity(q))} is invalid, must be an integer`;
}

/** pkg/apis/core/pods `VisitContainersWithPath` order: init, regular, then ephemeral containers. */
function containersWithPaths(spec: Obj, specPath: string): { container: Obj; path: string }[] {
  return ["initContainers", "containers", "ephemeralContainers"].flatMap((field) =>
    recs(spec[field]).map((container, i) => ({ container, path: index(child(specPath, field), i) })),
  );
}

/**
 * A later env entry with an earlier entry's name, unless it only extends it (`X=$(X)suffix`):
 * kubectl apply's merge keeps one of the two.
 */
function hiddenEnv(container: Obj, path: string): string[] {
  const env = recs(container.env);
  if (env.length < 2) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  env.forEach((item, i) => {
    const name = str(item.name);
    if (!seen.has(name)) {
      seen.add(name);
      return;
    }
    const ref = `$(${name})`;
    const value = str(item.value);
    const bad = item.valueFrom !== undefined || value === ref || !value.includes(ref);
    if (bad) {
      out.push(
        `${index(child(path, "env"), i)}: hides previous definition of ${goQuote(name)}, which may be dropped when using apply`,
      );
    }
  });
  return out;
}

interface PortBlock {
  path: string;
  hostIP: string;
  hostPort: number;
}

/** The port checks, over all containers: hostIP without hostPort, and same containerPort/protocol. */
function portWarnings(containers: { container: Obj; path: string }[]): string[] {
  const out: string[] = [];
  const all = new Map<string, PortBlock[]>();
  for (const { container, path } of containers) {
    recs(container.ports).forEach((port, i) => {
      const portPath = index(child(path, "ports"), i);
      const hostIP = str(port.hostIP);
      const hostPort = num(port.hostPort) ?? 0;
      const containerPort = num(port.containerPort) ?? 0;
      const protocol = str(port.protocol) || "TCP";
      if (hostIP !== "" && hostPort === 0) {
        // `%+v` of the internal api.ContainerPort struct.
        const struct = `{Name:${str(port.name)} HostPort:${hostPort} ContainerPort:${containerPort} Protocol:${protocol} HostIP:${hostIP}}`;
        out.push(`${portPath}: hostIP set without hostPort: ${struct}`);
      }
      const k = `${containerPort}/${protocol}`;
      const others = all.get(k) ?? [];
      for (const other of others) {
        if (hostIP === other.hostIP && hostPort === other.hostPort) {
          out.push(`${portPath}: duplicate port definition with ${other.path}`);
        } else if (hostPort === 0 || other.hostPort === 0) {
          out.push(`${portPath}: overlapping port definition with ${other.path}`);
        } else if (hostPort === other.hostPort && (hostIP === "") !== (other.hostIP === "")) {
          out.push(`${portPath}: dangerously ambiguous port definition with ${other.path}`);
        }
      }
      all.set(k, [...others, { path: portPath, hostIP, hostPort }]);
    });
  }
  return out;
}
