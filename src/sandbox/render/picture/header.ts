/**
 * The picture's header: the horizon, a one-line census of nodes and pods, and the legend (pod
 * colours and node marks), flowed into as many rows as the width needs.
 */
import { formatDuration } from "../../model/duration.js";
import { MARGIN } from "./layout.js";
import type { PictureModel } from "./model.js";
import { POD_STATES, POD_STYLE, type PodState } from "./pod-state.js";
import { el, group, text, textWidth } from "./svg.js";

const CENSUS_WORDS: Record<PodState, string> = {
  ready: "running and ready",
  notReady: "running, not ready",
  failing: "failing",
  pending: "pending or creating",
  succeeded: "succeeded",
  terminating: "terminating",
};

/** `3 nodes (1 NotReady, 1 cordoned) · 12 pods: 9 running and ready, 3 pending or creating`. */
export function censusLine(model: PictureModel): string {
  const nodes = model.nodes.filter((n) => !n.missing);
  const notReady = nodes.filter((n) => !n.ready).length;
  const cordoned = nodes.filter((n) => n.cordoned).length;
  const missing = model.nodes.length - nodes.length;
  const marks = [
    notReady > 0 ? `${notReady} NotReady` : "",
    cordoned > 0 ? `${cordoned} cordoned` : "",
    missing > 0 ? `${missing} missing` : "",
  ].filter((s) => s !== "");
  const pods = POD_STATES.reduce((n, s) => n + model.counts[s], 0);
  const byState = POD_STATES.filter((s) => model.counts[s] > 0).map((s) => `${model.counts[s]} ${CENSUS_WORDS[s]}`);
  const nodePart = `${nodes.length} node${nodes.length === 1 ? "" : "s"}${marks.length > 0 ? ` (${marks.join(", ")})` : ""}`;
  const podPart = `${pods} pod${pods === 1 ? "" : "s"}${byState.length > 0 ? `: ${byState.join(", ")}` : ""}`;
  return `${nodePart} · ${podPart}`;
}

interface LegendItem {
  draw: (x: number, y: number) => string;
  label: string;
}

function legendItems(): LegendItem[] {
  const swatch = (fill: string, stroke: string, dash?: string) => (x: number, y: number) =>
    el("rect", { x, y, width: 16, height: 12, rx: 3, fill, stroke, "stroke-dasharray": dash });
  const items: LegendItem[] = POD_STATES.map((s) => ({
    draw: swatch(POD_STYLE[s].fill, POD_STYLE[s].stroke),
    label: POD_STYLE[s].label,
  }));
  items.push({ draw: swatch("#fff9ec", "#b87800", "4 2"), label: "node cordoned (SchedulingDisabled)" });
  items.push({ draw: swatch("#fff3f3", "#c0282d", "4 2"), label: "node NotReady" });
  return items;
}

/** Draws the header across `width`; returns the SVG and the y where the body starts. */
export function drawHeader(model: PictureModel, width: number): { svg: string; bottom: number } {
  const out: string[] = [
    text(
      { x: MARGIN, y: MARGIN + 16, "font-size": 18, "font-weight": "bold", fill: "#1b2430" },
      `The cluster at ${formatDuration(model.horizonSeconds)} (simulated)`,
    ),
    text({ x: MARGIN, y: MARGIN + 36, "font-size": 12, fill: "#444444" }, censusLine(model)),
  ];
  let x = MARGIN;
  let y = MARGIN + 48;
  for (const item of legendItems()) {
    const w = 16 + 5 + textWidth(item.label, 11) + 16;
    if (x > MARGIN && x + w > width - MARGIN) {
      x = MARGIN;
      y += 18;
    }
    out.push(item.draw(x, y));
    out.push(text({ x: x + 21, y: y + 10, "font-size": 11, fill: "#333333" }, item.label));
    x += w;
  }
  return { svg: group("g", { class: "header" }, out), bottom: y + 12 + 16 };
}
