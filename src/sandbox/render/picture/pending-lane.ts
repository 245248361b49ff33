/**
 * The Pending lane: pods that have no node, grouped by why (the short FailedScheduling text),
 * each group headed by its count and reason.
 */
import { drawChip, drawMoreChip } from "./chip.js";
import {
  CARD_PAD,
  CHIP_GAP,
  CHIP_HEIGHT,
  LANE_CHIP_WIDTH,
  type PlacedLane,
  REASON_FONT,
  REASON_LINE,
} from "./layout.js";
import { el, group, text } from "./svg.js";

/** The placed lane as SVG. */
export function drawPendingLane(lane: PlacedLane): string {
  const { x, y, width, height } = lane;
  const out: string[] = [
    el("rect", { x, y, width, height, rx: 6, fill: "#f3f3f3", stroke: "#7b7b7b", "stroke-dasharray": "6 3" }),
    text(
      { x: x + CARD_PAD, y: y + 20, "font-size": 13, "font-weight": "bold", fill: "#1b2430" },
      `Pending: no node (${lane.total})`,
    ),
  ];
  for (const g of lane.groups) {
    g.reasonLines.forEach((line, i) => {
      out.push(text({ x: x + CARD_PAD, y: g.y + (i + 1) * REASON_LINE - 3, "font-size": REASON_FONT }, line));
    });
    const slot = (i: number) => ({
      cx: x + CARD_PAD + (i % 2) * (LANE_CHIP_WIDTH + CHIP_GAP),
      cy: g.chipsY + Math.floor(i / 2) * (CHIP_HEIGHT + CHIP_GAP),
    });
    g.shown.forEach((chip, i) => {
      const { cx, cy } = slot(i);
      out.push(drawChip(chip, cx, cy, LANE_CHIP_WIDTH));
    });
    if (g.hidden > 0) {
      const { cx, cy } = slot(g.shown.length);
      out.push(drawMoreChip(g.hidden, "pods", cx, cy, LANE_CHIP_WIDTH));
    }
  }
  if (lane.hiddenGroups > 0) {
    out.push(
      text(
        { x: x + CARD_PAD, y: lane.hiddenY + REASON_LINE - 3, "font-size": REASON_FONT, "font-style": "italic" },
        `+${lane.hiddenPods} more pending pods (${lane.hiddenGroups} other reasons): see kubectl get events`,
      ),
    );
  }
  return group("g", { class: "pending-lane", fill: "#444444" }, out);
}
