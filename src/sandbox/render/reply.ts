/**
 * A simulation result as a platform-neutral `Reply`: the same sections as the human report, as
 * headings and code blocks, plus "what if" buttons for the follow-ups learners ask.
 */
import type { Reply, ReplyBlock, ReplyButton } from "../../core/reply.js";
import type { SimulationResult } from "../result.js";
import { type ApiWarning, applySection, eventsTable, findingLines, podsTable } from "./report.js";

/** Events shown in a chat reply; the rest is one `--json` away, and the reply says so. */
const REPLY_EVENT_LINES = 25;

export function whatIfButtons(result: SimulationResult): ReplyButton[] {
  const buttons: ReplyButton[] = [];
  const used = new Set(result.pods.filter((p) => !p.deleted && p.node).map((p) => p.node as string));
  const busiest = [...used].sort()[0];
  if (busiest) {
    buttons.push({ id: `whatif:drain:${busiest}`, label: `Drain ${busiest}`, style: "secondary" });
    buttons.push({ id: `whatif:node-down:${busiest}`, label: `${busiest} goes down`, style: "danger" });
  }
  const scalable = result.objects.find((o) => o.kind === "Deployment" || o.kind === "StatefulSet");
  if (scalable)
    buttons.push({
      id: `whatif:scale:${scalable.kind.toLowerCase()}/${scalable.name}`,
      label: `Scale ${scalable.name} up`,
      style: "secondary",
    });
  return buttons;
}

/** The reply for `result`; `warnings` are the API server's, printed in the apply block as kubectl does. */
export function simulationReply(result: SimulationResult, warnings: readonly ApiWarning[] = []): Reply {
  const blocks: ReplyBlock[] = [
    { type: "heading", text: "What the cluster would do" },
    { type: "code", text: `$ kubectl apply -f -\n${applySection(result, warnings) || "(nothing to apply)"}` },
    { type: "code", text: `$ kubectl get pods -o wide\n${podsTable(result)}` },
    { type: "code", text: `$ kubectl get events (timeline)\n${eventsTable(result, REPLY_EVENT_LINES)}` },
    { type: "heading", text: "What it means" },
    { type: "paragraph", text: findingLines(result.findings) },
  ];
  const buttons = whatIfButtons(result);
  if (buttons.length > 0) blocks.push({ type: "buttons", buttons });
  blocks.push({
    type: "context",
    text: `Simulated ${result.horizonSeconds}s on ${result.cluster.nodes.length} node(s).`,
  });
  return { blocks };
}
