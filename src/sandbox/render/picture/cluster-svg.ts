/**
 * `clusterSvg(result)`: the cluster at the horizon as one SVG image. Nodes are cards in a grid
 * holding their pods as chips coloured by state; pods without a node wait in a Pending lane on the
 * right with their reason; a header gives the horizon, a census and the legend. Pure and
 * deterministic: the same result gives the same bytes.
 */

import { formatDuration } from "../../model/duration.js";
import type { SimulationResult } from "../../result.js";
import { censusLine, drawHeader } from "./header.js";
import {
  CARD_GAP,
  CARD_WIDTH,
  FONT_FAMILY,
  gridColumns,
  LANE_GAP,
  LANE_WIDTH,
  MARGIN,
  MIN_WIDTH,
  placeCards,
  placeLane,
} from "./layout.js";
import { pictureModel } from "./model.js";
import { drawNodeCard } from "./node-card.js";
import type { NodeRequests } from "./node-usage.js";
import { drawPendingLane } from "./pending-lane.js";
import { pendingReason } from "./pending-reason.js";
import { el, escapeXml, group, num, text } from "./svg.js";

/** The stripes that mark Terminating pods. */
const DEFS =
  '<defs><pattern id="terminating" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">' +
  '<rect width="6" height="6" fill="#f2f2f2"/><rect width="2" height="6" fill="#cfcfcf"/></pattern></defs>';

/** Width of the picture for a grid of `columns` cards, with or without the lane. */
function pictureWidth(columns: number, withLane: boolean): number {
  const grid = columns * CARD_WIDTH + (columns - 1) * CARD_GAP;
  return Math.max(MIN_WIDTH, 2 * MARGIN + grid + (withLane ? LANE_GAP + LANE_WIDTH : 0));
}

/**
 * The cluster at the horizon as SVG. `requests` (from `nodeRequests(store)`) adds each node's
 * requested cpu and memory against its allocatable as bars; without it the cards show pod counts.
 */
export function clusterSvg(result: SimulationResult, requests?: NodeRequests): string {
  const model = pictureModel(result, requests);
  const withLane = model.unscheduled.length > 0;
  const columns = gridColumns(model.nodes.length, withLane);
  const width = pictureWidth(columns, withLane);
  const header = drawHeader(model, width);
  const top = header.bottom + 8;
  const cards = placeCards(model.nodes, columns, top);
  const body: string[] = cards.placed.map(drawNodeCard);
  let bottom = cards.bottom;
  if (model.nodes.length === 0) {
    body.push(
      text({ x: MARGIN, y: top + 16, "font-size": 13, fill: "#c0282d" }, "The cluster has no nodes: no pod can run."),
    );
    bottom = top + 24;
  }
  if (withLane) {
    const lane = placeLane(model.unscheduled, (c) => pendingReason(c.pod), width - MARGIN - LANE_WIDTH, top);
    body.push(drawPendingLane(lane));
    bottom = Math.max(bottom, lane.y + lane.height);
  }
  const height = Math.ceil(bottom + MARGIN);
  const title = `The simulated cluster at ${formatDuration(result.horizonSeconds)}: ${censusLine(model)}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${height}" viewBox="0 0 ${num(width)} ${height}"`,
    ` font-family="${escapeXml(FONT_FAMILY)}" role="img">`,
    `<title>${escapeXml(title)}</title>`,
    DEFS,
    el("rect", { width, height, fill: "#ffffff" }),
    header.svg,
    group("g", { class: "body" }, body),
    "</svg>\n",
  ].join("");
}
