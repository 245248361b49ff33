/**
 * `--then` actions (CONTRACT.md): what happens to the cluster at a simulated time, in kubectl's
 * words, plus `node-down` and `load`, which kubectl has no word for.
 */

/** A workload or object named on the command line. */
export interface Target {
  /** Kind as the API serves it (`Deployment`). */
  kind: string;
  name: string;
  namespace: string;
}

export interface TaintSpec {
  key: string;
  value?: string;
  effect?: string;
}

export type ActionBody =
  | ({ verb: "scale"; replicas: number } & Target)
  | { verb: "cordon" | "uncordon" | "node-down"; node: string }
  | {
      verb: "drain";
      node: string;
      ignoreDaemonsets: boolean;
      deleteEmptydirData: boolean;
      force: boolean;
      /** `--grace-period`; null uses each pod's own. */
      gracePeriod: number | null;
    }
  | ({ verb: "set-image"; images: Record<string, string> } & Target)
  | { verb: "delete"; targets: Target[]; gracePeriod: number | null }
  | ({ verb: "rollout-undo"; toRevision: number } & Target)
  | ({ verb: "rollout-restart" } & Target)
  | { verb: "apply"; file: string; objects: unknown[]; namespace: string | null }
  | ({ verb: "label"; set: Record<string, string>; remove: string[]; overwrite: boolean } & Target)
  | { verb: "taint"; node: string; add: TaintSpec[]; remove: TaintSpec[]; overwrite: boolean }
  | ({ verb: "load"; cpu: number | null; memory: number | null } & Target);

/** A parsed action: when (simulated seconds) and what. */
export type Action = ActionBody & {
  at: number;
  /** The command as written, for the timeline. */
  command: string;
};

export type ParseActionResult = { ok: true; action: Action } | { ok: false; message: string };
