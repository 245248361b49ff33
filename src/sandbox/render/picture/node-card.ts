/**
 * A node drawn as a card: name, kubectl's STATUS as a badge, requested cpu and memory and the pod
 * count against allocatable as bars, and its pods as chips. Cordoned and NotReady nodes get a
 * dashed, tinted border so that they stand out at a glance.
 */
import { drawChip, drawMoreChip } from "./chip.js";
import {
  BADGE_FONT,
  BAR_ROW,
  badgeBesideName,
  badgeWidth,
  barsTop,
  CARD_PAD,
  CHIP_GAP,
  CHIP_HEIGHT,
  CHIP_WIDTH,
  CHIPS_PER_ROW,
  chipsTop,
  NAME_FONT,
  type PlacedCard,
} from "./layout.js";
import type { NodeCard } from "./model.js";
import { el, escapeXml, fitEnd, group, text } from "./svg.js";

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** Millicores as kubectl writes them: whole cores plainly, otherwise `m`. */
export function formatCpu(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${Math.round(milli)}m`;
}

/** Bytes in Gi (one decimal) from 1 Gi up, else whole Mi. */
export function formatMemory(bytes: number): string {
  if (bytes === 0) return "0";
  if (bytes >= GIB) return `${Number((bytes / GIB).toFixed(1))}Gi`;
  return `${Math.round(bytes / MIB)}Mi`;
}

function frame(card: NodeCard): { fill: string; stroke: string; dash?: string; badge: string } {
  if (card.missing || !card.ready) return { fill: "#fff3f3", stroke: "#c0282d", dash: "6 3", badge: "#c0282d" };
  if (card.cordoned) return { fill: "#fff9ec", stroke: "#b87800", dash: "6 3", badge: "#b87800" };
  return { fill: "#f6f8fb", stroke: "#8c9aae", badge: "#23874a" };
}

/** One bar row: label, a bar filled to used/total (amber from 80%, red past 100%), the numbers. */
function bar(label: string, used: number, total: number, shown: string, x: number, y: number): string[] {
  const barX = x + CARD_PAD + 34;
  const barWidth = 108;
  const ratio = total > 0 ? used / total : used > 0 ? Number.POSITIVE_INFINITY : 0;
  const fill = ratio > 1 ? "#c0282d" : ratio >= 0.8 ? "#d08a00" : "#4a7fd6";
  const pct = Number.isFinite(ratio) ? ` (${Math.round(ratio * 100)}%)` : "";
  return [
    text({ x: x + CARD_PAD, y: y + 8, "font-size": 10, fill: "#444444" }, label),
    el("rect", { x: barX, y, width: barWidth, height: 9, rx: 2, fill: "#ffffff", stroke: "#b7c0cc" }),
    el("rect", { x: barX, y, width: barWidth * Math.min(1, ratio), height: 9, rx: 2, fill }),
    text({ x: barX + barWidth + 6, y: y + 8, "font-size": 10, fill: "#333333" }, `${shown}${pct}`),
  ];
}

/** One placed card as SVG. */
export function drawNodeCard(p: PlacedCard): string {
  const { card, x, y, width, height } = p;
  const f = frame(card);
  const beside = badgeBesideName(card);
  const bw = badgeWidth(card.status);
  const badgeX = beside ? x + width - CARD_PAD - bw : x + CARD_PAD;
  const badgeY = beside ? y + 8 : y + 28;
  const out: string[] = [
    `<title>${escapeXml(`node ${card.name}: ${card.status}`)}</title>`,
    el("rect", {
      x,
      y,
      width,
      height,
      rx: 6,
      fill: f.fill,
      stroke: f.stroke,
      "stroke-width": f.dash ? 2 : 1,
      "stroke-dasharray": f.dash,
    }),
    text(
      { x: x + CARD_PAD, y: y + 21, "font-size": NAME_FONT, "font-weight": "bold", fill: "#1b2430" },
      fitEnd(card.name, NAME_FONT, width - 2 * CARD_PAD),
    ),
    el("rect", { x: badgeX, y: badgeY, width: bw, height: 16, rx: 3, fill: f.badge }),
    text({ x: badgeX + 5, y: badgeY + 12, "font-size": BADGE_FONT, fill: "#ffffff" }, card.status),
  ];
  let rowY = y + barsTop(card);
  if (card.cpu && card.memory) {
    const c = card.cpu;
    const m = card.memory;
    out.push(...bar("cpu", c.used, c.total, `${formatCpu(c.used)}/${formatCpu(c.total)}`, x, rowY));
    out.push(...bar("mem", m.used, m.total, `${formatMemory(m.used)}/${formatMemory(m.total)}`, x, rowY + BAR_ROW));
    rowY += 2 * BAR_ROW;
  }
  if (card.podCapacity !== null) {
    out.push(...bar("pods", card.podCount, card.podCapacity, `${card.podCount}/${card.podCapacity}`, x, rowY));
  } else {
    out.push(text({ x: x + CARD_PAD, y: rowY + 8, "font-size": 10, fill: "#444444" }, `pods ${card.podCount}`));
  }
  const top = y + chipsTop(card);
  const slot = (i: number) => ({
    cx: x + CARD_PAD + (i % CHIPS_PER_ROW) * (CHIP_WIDTH + CHIP_GAP),
    cy: top + Math.floor(i / CHIPS_PER_ROW) * (CHIP_HEIGHT + CHIP_GAP),
  });
  p.shown.forEach((chip, i) => {
    const { cx, cy } = slot(i);
    out.push(drawChip(chip, cx, cy, CHIP_WIDTH));
  });
  if (p.hidden > 0) {
    const { cx, cy } = slot(p.shown.length);
    out.push(drawMoreChip(p.hidden, "pods", cx, cy, CHIP_WIDTH));
  }
  if (card.pods.length === 0) {
    out.push(
      text({ x: x + CARD_PAD, y: top + 12.5, "font-size": 10, "font-style": "italic", fill: "#777777" }, "no pods"),
    );
  }
  return group("g", { class: "node" }, out);
}
