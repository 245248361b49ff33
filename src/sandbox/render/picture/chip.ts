/** A pod drawn as a small labelled chip, and the dashed chip that says how many were left out. */
import { CHIP_FONT, CHIP_HEIGHT } from "./layout.js";
import type { PodChip } from "./model.js";
import { POD_STYLE } from "./pod-state.js";
import { el, escapeXml, fitName, group, text, textWidth } from "./svg.js";

/** Tooltip text: everything the chip had no room for. */
function chipTitle(chip: PodChip): string {
  const p = chip.pod;
  const parts = [`${p.namespace}/${p.name}`, p.status, `ready ${p.readyContainers}`, `restarts ${p.restarts}`];
  if (p.node) parts.push(`node ${p.node}`);
  return parts.join(" · ");
}

/** One pod: coloured by state, named (middle-truncated), restarts as `↻N` on the right. */
export function drawChip(chip: PodChip, x: number, y: number, width: number): string {
  const style = POD_STYLE[chip.state];
  const restarts = chip.pod.restarts > 0 ? `↻${chip.pod.restarts}` : "";
  const restartsWidth = restarts === "" ? 0 : textWidth(restarts, CHIP_FONT) + 4;
  const label = fitName(chip.pod.name, CHIP_FONT, width - 10 - restartsWidth);
  const children = [
    `<title>${escapeXml(chipTitle(chip))}</title>`,
    el("rect", { x, y, width, height: CHIP_HEIGHT, rx: 4, fill: style.fill, stroke: style.stroke }),
    text({ x: x + 5, y: y + 12.5, "font-size": CHIP_FONT, fill: "#1d1d1d" }, label),
  ];
  if (restarts !== "") {
    children.push(
      text({ x: x + width - 4, y: y + 12.5, "font-size": CHIP_FONT, fill: "#8a1c20", "text-anchor": "end" }, restarts),
    );
  }
  return group("g", { class: `pod ${chip.state}` }, children);
}

/** The dashed chip in place of the pods a card or lane had no room for: never a silent cut. */
export function drawMoreChip(hidden: number, noun: string, x: number, y: number, width: number): string {
  return group("g", { class: "more" }, [
    `<title>${escapeXml(`${hidden} more ${noun} not drawn: see kubectl get pods -o wide`)}</title>`,
    el("rect", {
      x,
      y,
      width,
      height: CHIP_HEIGHT,
      rx: 4,
      fill: "#ffffff",
      stroke: "#7b7b7b",
      "stroke-dasharray": "3 2",
    }),
    text({ x: x + 5, y: y + 12.5, "font-size": CHIP_FONT, fill: "#333333" }, `+${hidden} more ${noun}`),
  ]);
}
