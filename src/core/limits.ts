/**
 * Every input limit of podsensei in one table. Each limit is enforced where the input enters and
 * reported with a message that names it (see `describeLimit`), so a learner knows what to shrink.
 */
export const LIMITS = {
  /** Bytes of one paste (YAML or JSON), checked before parsing. */
  pasteBytes: 1024 * 1024,
  /** YAML documents in one paste (after `---` splitting; `List` items count as objects, below). */
  documents: 500,
  /** Alias nodes (`*ref`) in one document. */
  aliasesPerDocument: 100,
  /** Values produced by alias expansion across a paste (a "billion laughs" guard). */
  aliasExpansionNodes: 100_000,
  /** Nesting depth of mappings and sequences. */
  nestingDepth: 64,
  /** Characters of one string scalar. */
  stringLength: 256 * 1024,
  /** Objects in one simulation (documents plus List items). */
  objects: 2_000,
  /** Pods alive at once in one simulation (controllers stop creating past this). */
  pods: 60_000,
  /**
   * Pods a simulation creates beyond what its nodes can hold (the sum of their `pods`
   * allocatable): past that, every further pod would only be Pending for the same reason.
   */
  podsBeyondCapacity: 1_000,
  /** Nodes in a custom cluster. */
  nodes: 5_000,
  /** Simulated horizon in seconds (`--at`). */
  horizonSeconds: 24 * 3600,
  /** `--then` actions in one simulation. */
  actions: 100,
  /** Simulation requests per learner per minute. */
  jobsPerLearnerPerMinute: 10,
  /** Simulation requests per channel per minute. */
  jobsPerChannelPerMinute: 30,
} as const;

export type LimitName = keyof typeof LIMITS;

const LIMIT_LABELS: Record<LimitName, string> = {
  pasteBytes: "paste size",
  documents: "documents per paste",
  aliasesPerDocument: "YAML aliases per document",
  aliasExpansionNodes: "YAML alias expansion",
  nestingDepth: "nesting depth",
  stringLength: "string length",
  objects: "objects per simulation",
  pods: "pods per simulation",
  podsBeyondCapacity: "pods beyond the cluster's capacity",
  nodes: "nodes per cluster",
  horizonSeconds: "simulated horizon",
  actions: "actions per simulation",
  jobsPerLearnerPerMinute: "simulations per learner per minute",
  jobsPerChannelPerMinute: "simulations per channel per minute",
};

/** Human label and value of a limit, e.g. `paste size limit (1 MiB)`. */
export function describeLimit(name: LimitName): string {
  const value = LIMITS[name];
  const shown =
    name === "pasteBytes" || name === "stringLength"
      ? formatBytes(value)
      : name === "horizonSeconds"
        ? formatHours(value)
        : value.toLocaleString("en-US");
  return `${LIMIT_LABELS[name]} limit (${shown})`;
}

/** Seconds as whole hours where they are (`24 h`), as the README states the horizon. */
function formatHours(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600} h` : `${seconds.toLocaleString("en-US")} s`;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}
