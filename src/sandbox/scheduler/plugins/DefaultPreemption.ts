/**
 * DefaultPreemption (pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go and
 * pkg/scheduler/framework/preemption/preemption.go): when no node fits, find nodes where removing
 * lower-priority pods would make room, choose the victims (remove every lower-priority pod, then
 * reprieve the most important ones — PDB-protected first — while the pod still fits), pick one node
 * (fewest PDB violations, lowest highest victim priority, smallest priority sum, fewest victims,
 * latest start), evict the victims gracefully and nominate the node.
 */
import { setDisruptionTarget } from "../../controllers/pod-util.js";
import type { KubeObject } from "../../model/object.js";
import { type LabelSelector, matchesLabelSelector } from "../../model/selector.js";
import { fitErrorMessage } from "../fit-error.js";
import {
  Code,
  type CycleState,
  type Handle,
  NodeToStatus,
  newStatus,
  type PostFilterPlugin,
  Status,
} from "../framework.js";
import type { NodeInfo } from "../node-info.js";
import type { PodInfo } from "../pod-info.js";
import { noArgs, parseArgs } from "./args.js";

export const name = "DefaultPreemption";

/** default_preemption.go PodEligibleToPreemptOthers */
export const MSG_NOT_ELIGIBLE_POLICY_NEVER = "not eligible due to preemptionPolicy=Never.";
/** default_preemption.go PodEligibleToPreemptOthers */
export const MSG_NOT_ELIGIBLE_TERMINATING = "not eligible due to a terminating pod on the nominated node.";
/** preemption.go Preempt: nodes where preemption cannot help. */
export const MSG_NOT_HELPFUL = "Preemption is not helpful for scheduling";
/** default_preemption.go SelectVictimsOnNode */
export const MSG_NO_VICTIMS = "No preemption victims found for incoming pod";
/** The DisruptionTarget condition of a victim (preemption.go prepareCandidate, v1.PodReasonPreemptionByScheduler). */
export const REASON_PREEMPTION_BY_SCHEDULER = "PreemptionByScheduler";
/** apis/config/v1/defaults.go DefaultPreemptionArgs */
export const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
export const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

interface Candidate {
  node: string;
  victims: PodInfo[];
  pdbViolations: number;
}

/** util.MoreImportantPod: higher priority, then earlier start. */
function moreImportant(a: PodInfo, b: PodInfo): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return a.startTime - b.startTime;
}

function terminatingByPreemption(p: PodInfo): boolean {
  if (!p.terminating) return false;
  const conds: { type?: string; reason?: string }[] = p.pod.status?.conditions ?? [];
  return conds.some((c) => c.type === "DisruptionTarget" && c.reason === REASON_PREEMPTION_BY_SCHEDULER);
}

/** A PDB's allowed disruptions: its status, or computed from ready matching pods when absent. */
function disruptionsAllowed(h: Handle, pdb: KubeObject): number {
  const allowed = pdb.status?.disruptionsAllowed;
  if (typeof allowed === "number") return allowed;
  const selector: LabelSelector | undefined = pdb.spec?.selector;
  const pods = h.store
    .list("Pod", pdb.metadata.namespace)
    .filter((p) => matchesLabelSelector(selector, p.metadata.labels) && p.spec?.nodeName);
  const healthy = pods.filter((p) =>
    (p.status?.conditions ?? []).some(
      (c: { type?: string; status?: string }) => c.type === "Ready" && c.status === "True",
    ),
  ).length;
  const resolve = (v: unknown): number => {
    if (typeof v === "number") return v;
    if (typeof v === "string" && v.endsWith("%")) return Math.ceil((Number(v.slice(0, -1)) * pods.length) / 100);
    return 0;
  };
  const desired =
    pdb.spec?.minAvailable !== undefined
      ? resolve(pdb.spec.minAvailable)
      : pods.length - resolve(pdb.spec?.maxUnavailable ?? 0);
  return Math.max(0, healthy - desired);
}

/** default_preemption.go filterPodsWithPDBViolation */
function splitByPDB(h: Handle, pods: PodInfo[], pdbs: KubeObject[]): { violating: PodInfo[]; other: PodInfo[] } {
  const allowed = pdbs.map((p) => disruptionsAllowed(h, p));
  const violating: PodInfo[] = [];
  const other: PodInfo[] = [];
  for (const p of pods) {
    let violated = false;
    if (Object.keys(p.labels).length > 0) {
      pdbs.forEach((pdb, i) => {
        if (pdb.metadata.namespace !== p.namespace) return;
        const sel: LabelSelector | undefined = pdb.spec?.selector;
        const empty =
          !sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0);
        if (empty || !matchesLabelSelector(sel, p.labels)) return;
        if (pdb.status?.disruptedPods && Object.hasOwn(pdb.status.disruptedPods, p.name)) return;
        allowed[i] = (allowed[i] as number) - 1;
        if ((allowed[i] as number) < 0) violated = true;
      });
    }
    (violated ? violating : other).push(p);
  }
  return { violating, other };
}

export function create(args: unknown, h: Handle): PostFilterPlugin {
  parseArgs(noArgs, name, args);

  /** default_preemption.go SelectVictimsOnNode */
  const selectVictims = (
    state: CycleState,
    pod: PodInfo,
    original: NodeInfo,
    pdbs: KubeObject[],
  ): { victims: PodInfo[]; violations: number } | Status => {
    const node = original.snapshot();
    const potential = node.pods.filter((p) => p.priority < pod.priority);
    if (potential.length === 0) return newStatus(Code.UnschedulableAndUnresolvable, MSG_NO_VICTIMS);
    for (const p of potential) {
      node.removePod(p);
      h.runPreFilterExtensionRemovePod(state, pod, p, node);
    }
    const fits = h.runFilterWithNominatedPods(state, pod, node);
    if (fits !== null) return fits;
    potential.sort(moreImportant);
    const { violating, other } = splitByPDB(h, potential, pdbs);
    const victims: PodInfo[] = [];
    let violations = 0;
    const reprieve = (p: PodInfo): boolean => {
      node.addPod(p);
      h.runPreFilterExtensionAddPod(state, pod, p, node);
      if (h.runFilterWithNominatedPods(state, pod, node) === null) return true;
      node.removePod(p);
      h.runPreFilterExtensionRemovePod(state, pod, p, node);
      victims.push(p);
      return false;
    };
    for (const p of violating) if (!reprieve(p)) violations++;
    for (const p of other) reprieve(p);
    if (violating.length > 0 && other.length > 0) victims.sort(moreImportant);
    return { victims, violations };
  };

  /** preemption.go pickOneNodeForPreemption */
  const pickOne = (cands: Candidate[]): Candidate => {
    const earliestOfHighest = (c: Candidate) => {
      const top = (c.victims[0] as PodInfo).priority;
      return Math.min(...c.victims.filter((v) => v.priority === top).map((v) => v.startTime));
    };
    const scoreFns: ((c: Candidate) => number)[] = [
      (c) => -c.pdbViolations,
      (c) => -(c.victims[0] as PodInfo).priority,
      (c) => -c.victims.reduce((s, v) => s + v.priority + 2147483648, 0),
      (c) => -c.victims.length,
      earliestOfHighest,
    ];
    let list = cands;
    for (const f of scoreFns) {
      let best = Number.NEGATIVE_INFINITY;
      let selected: Candidate[] = [];
      for (const c of list) {
        const s = f(c);
        if (s > best) {
          best = s;
          selected = [];
        }
        if (s === best) selected.push(c);
      }
      if (selected.length === 1) return selected[0] as Candidate;
      list = selected;
    }
    return list[0] as Candidate;
  };

  /** preemption.go prepareCandidate: evict victims, clear weaker nominations on the node. */
  const prepare = (pod: PodInfo, c: Candidate) => {
    for (const v of c.victims) {
      h.store.patch("Pod", v.namespace, v.name, (o) =>
        setDisruptionTarget(
          o,
          REASON_PREEMPTION_BY_SCHEDULER,
          `${pod.pod.spec?.schedulerName ?? "default-scheduler"}: preempting to accommodate a higher priority pod`,
          h.now(),
        ),
      );
      h.api.delete("Pod", v.namespace, v.name);
      h.recorder.record(
        v.pod,
        "Normal",
        "Preempted",
        `Preempted by pod ${pod.uid} on node ${c.node}`,
        "default-scheduler",
      );
    }
    for (const p of h.nominatedPods(c.node)) if (p.priority < pod.priority && p.uid !== pod.uid) h.clearNomination(p);
  };

  return {
    name,
    postFilter(state, pod, statuses) {
      if (pod.preemptionPolicy === "Never")
        return { status: newStatus(Code.Unschedulable, `preemption: ${MSG_NOT_ELIGIBLE_POLICY_NEVER}`) };
      const nominated: string = pod.pod.status?.nominatedNodeName ?? "";
      if (nominated !== "" && statuses.get(nominated).code !== Code.UnschedulableAndUnresolvable) {
        const n = h.cache.nodeInfo(nominated);
        if (n?.pods.some((p) => p.priority < pod.priority && terminatingByPreemption(p))) {
          return { status: newStatus(Code.Unschedulable, `preemption: ${MSG_NOT_ELIGIBLE_TERMINATING}`) };
        }
      }
      const all = h.cache.nodes();
      const notHelpful = new Status(Code.UnschedulableAndUnresolvable, [MSG_NOT_HELPFUL]);
      const potential = statuses.nodesWithCode(all, Code.Unschedulable);
      const dryRunStatuses = new NodeToStatus();
      dryRunStatuses.setAbsent(notHelpful);
      const candidates: Candidate[] = [];
      if (potential.length > 0) {
        const pdbs = h.store.list("PodDisruptionBudget");
        const offset = h.random.int(potential.length);
        const wanted = Math.min(
          potential.length,
          Math.max(Math.trunc((potential.length * MIN_CANDIDATE_NODES_PERCENTAGE) / 100), MIN_CANDIDATE_NODES_ABSOLUTE),
        );
        let nonViolating = 0;
        for (let i = 0; i < potential.length; i++) {
          const node = potential[(offset + i) % potential.length] as NodeInfo;
          const r = selectVictims(state.clone(), pod, node, pdbs);
          if (r instanceof Status) {
            dryRunStatuses.set(node.name, r);
            continue;
          }
          if (r.victims.length === 0) {
            dryRunStatuses.set(
              node.name,
              new Status(Code.Error, [`expected at least one victim pod on node "${node.name}"`]),
            );
            continue;
          }
          candidates.push({ node: node.name, victims: r.victims, pdbViolations: r.violations });
          if (r.violations === 0) nonViolating++;
          if (nonViolating > 0 && candidates.length >= wanted) break;
        }
      }
      if (candidates.length === 0) {
        const msg = fitErrorMessage(all.length, { statuses: dryRunStatuses, preFilterMsg: "", postFilterMsg: "" });
        return { result: { nominatedNodeName: "" }, status: newStatus(Code.Unschedulable, `preemption: ${msg}`) };
      }
      const chosen = pickOne(candidates);
      prepare(pod, chosen);
      return { result: { nominatedNodeName: chosen.node, victims: chosen.victims.map((v) => v.key) }, status: null };
    },
  } satisfies PostFilterPlugin;
}
