/**
 * The picture's geometry in one place: sizes, the grid of node cards, how many pod chips a card
 * holds before it says "+N more", and the Pending lane's entries.
 */
import type { NodeCard, PodChip } from "./model.js";
import { textWidth, wrap } from "./svg.js";

/** Monospace, as in a terminal: kubectl's columns, and label widths that can be computed exactly. */
export const FONT_FAMILY = "DejaVu Sans Mono, Menlo, Consolas, Liberation Mono, monospace";
/** The picture never gets wider than this; more nodes make more rows. */
export const MAX_WIDTH = 1600;
export const MIN_WIDTH = 960;
export const MARGIN = 20;

export const CARD_WIDTH = 290;
export const CARD_GAP = 14;
export const CARD_PAD = 10;
export const NAME_FONT = 13;
export const BADGE_FONT = 10;
/** Height of one bar row (cpu, mem, pods). */
export const BAR_ROW = 14;

export const CHIP_HEIGHT = 18;
export const CHIP_GAP = 4;
export const CHIPS_PER_ROW = 2;
export const CHIP_WIDTH = (CARD_WIDTH - 2 * CARD_PAD - (CHIPS_PER_ROW - 1) * CHIP_GAP) / CHIPS_PER_ROW;
/** Chips a card shows; past it the last slot says "+N more". */
export const MAX_CHIPS_PER_CARD = 20;
export const CHIP_FONT = 10;

export const LANE_WIDTH = 320;
export const LANE_GAP = 24;
export const LANE_HEAD = 30;
export const LANE_CHIP_WIDTH = (LANE_WIDTH - 2 * CARD_PAD - CHIP_GAP) / 2;
/** Reasons (groups of pods that wait for the same reason) the lane lists; past it, one "+N more" line. */
export const MAX_LANE_GROUPS = 8;
/** Chips a reason group shows; past it the last slot says "+N more". */
export const MAX_GROUP_CHIPS = 10;
export const REASON_FONT = 10;
export const REASON_LINE = 13;
export const REASON_MAX_LINES = 4;

/** A node card's place and the chips it shows. */
export interface PlacedCard {
  card: NodeCard;
  x: number;
  y: number;
  width: number;
  height: number;
  shown: PodChip[];
  /** Pods not drawn, announced on the last chip. */
  hidden: number;
}

/** Pods that wait for the same reason: the reason's lines, then their chips two by two. */
export interface PlacedGroup {
  y: number;
  reasonLines: string[];
  /** Top of the first row of chips. */
  chipsY: number;
  shown: PodChip[];
  hidden: number;
}

/** Where the lane sits and what it holds. */
export interface PlacedLane {
  x: number;
  y: number;
  width: number;
  height: number;
  total: number;
  groups: PlacedGroup[];
  /** Pods of reasons past MAX_LANE_GROUPS, announced on one line at `hiddenY`. */
  hiddenPods: number;
  hiddenGroups: number;
  hiddenY: number;
}

/** The first `max` items, or `max - 1` and a count of the rest, which take the last slot. */
function limited<T>(items: T[], max: number): { shown: T[]; hidden: number } {
  if (items.length <= max) return { shown: items, hidden: 0 };
  const shown = items.slice(0, max - 1);
  return { shown, hidden: items.length - shown.length };
}

/** Chips shown on a card and how many are cut, so that the card says it. */
export function chipsShown(pods: PodChip[]): { shown: PodChip[]; hidden: number } {
  return limited(pods, MAX_CHIPS_PER_CARD);
}

/** Number of card columns that fit beside (or without) the Pending lane. */
export function gridColumns(nodeCount: number, withLane: boolean): number {
  const room = MAX_WIDTH - 2 * MARGIN - (withLane ? LANE_GAP + LANE_WIDTH : 0);
  const fit = Math.max(1, Math.floor((room + CARD_GAP) / (CARD_WIDTH + CARD_GAP)));
  return Math.max(1, Math.min(nodeCount, fit));
}

/** Width of the status badge of a card. */
export function badgeWidth(status: string): number {
  return textWidth(status, BADGE_FONT) + 10;
}

/** Whether the node's name and its status badge fit side by side on the first line. */
export function badgeBesideName(card: NodeCard): boolean {
  return textWidth(card.name, NAME_FONT) + 8 + badgeWidth(card.status) <= CARD_WIDTH - 2 * CARD_PAD;
}

/** Bar rows of a card: cpu and memory when requests are known, and pods. */
export function barRows(card: NodeCard): number {
  return (card.cpu && card.memory ? 2 : 0) + 1;
}

/** Offset from a card's top to its first bar row. */
export function barsTop(card: NodeCard): number {
  return badgeBesideName(card) ? 30 : 48;
}

/** Offset from a card's top to its first row of chips. */
export function chipsTop(card: NodeCard): number {
  return barsTop(card) + barRows(card) * BAR_ROW + 4;
}

function cardHeight(card: NodeCard, slots: number): number {
  const rows = Math.max(1, Math.ceil(slots / CHIPS_PER_ROW));
  return chipsTop(card) + rows * (CHIP_HEIGHT + CHIP_GAP) + CARD_PAD - CHIP_GAP;
}

/** Places the cards row by row from `top`; the cards of a row share the tallest one's height. */
export function placeCards(cards: NodeCard[], columns: number, top: number): { placed: PlacedCard[]; bottom: number } {
  const placed: PlacedCard[] = [];
  let y = top;
  for (let start = 0; start < cards.length; start += columns) {
    const row = cards.slice(start, start + columns).map((card) => ({ card, ...chipsShown(card.pods) }));
    const height = Math.max(...row.map((r) => cardHeight(r.card, r.shown.length + (r.hidden > 0 ? 1 : 0))));
    row.forEach((r, i) => {
      placed.push({ ...r, x: MARGIN + i * (CARD_WIDTH + CARD_GAP), y, width: CARD_WIDTH, height });
    });
    y += height + CARD_GAP;
  }
  return { placed, bottom: cards.length > 0 ? y - CARD_GAP : top };
}

/**
 * Places the Pending lane at `x` from `top`: pods grouped by their reason (in order of first
 * appearance), each group headed by `<count> pod(s): <reason>`.
 */
export function placeLane(chips: PodChip[], reason: (chip: PodChip) => string, x: number, top: number): PlacedLane {
  const byReason = new Map<string, PodChip[]>();
  for (const chip of chips) {
    const r = reason(chip);
    const list = byReason.get(r);
    if (list) list.push(chip);
    else byReason.set(r, [chip]);
  }
  const all = [...byReason];
  const shownGroups = all.length <= MAX_LANE_GROUPS ? all : all.slice(0, MAX_LANE_GROUPS - 1);
  const inner = LANE_WIDTH - 2 * CARD_PAD;
  const groups: PlacedGroup[] = [];
  let y = top + LANE_HEAD;
  for (const [r, members] of shownGroups) {
    const head = `${members.length} pod${members.length === 1 ? "" : "s"}: ${r}`;
    const reasonLines = wrap(head, REASON_FONT, inner, REASON_MAX_LINES);
    const chipsY = y + reasonLines.length * REASON_LINE + 4;
    const { shown, hidden } = limited(members, MAX_GROUP_CHIPS);
    const rows = Math.ceil((shown.length + (hidden > 0 ? 1 : 0)) / 2);
    groups.push({ y, reasonLines, chipsY, shown, hidden });
    y = chipsY + rows * (CHIP_HEIGHT + CHIP_GAP) + 8;
  }
  const rest = all.slice(shownGroups.length);
  const hiddenPods = rest.reduce((n, [, members]) => n + members.length, 0);
  const hiddenY = y;
  if (rest.length > 0) y += REASON_LINE + 4;
  return {
    x,
    y: top,
    width: LANE_WIDTH,
    height: y - top + CARD_PAD - 8,
    total: chips.length,
    groups,
    hiddenPods,
    hiddenGroups: rest.length,
    hiddenY,
  };
}
