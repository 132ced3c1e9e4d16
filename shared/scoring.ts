/**
 * The one scoring function: every total, index, class and rank shown anywhere comes from here.
 * Integer hundredths throughout; the only division is the index (and achievement %), rounded half-up.
 */
import type { ClassCode, Framework, FrameworkNode, Hundredths } from './framework.js';

export interface RowScore {
  /** Hundredths of a point; undefined or null while the row is unscored. */
  score?: Hundredths | null;
  notApplicable?: boolean;
}

export interface SideTotals {
  points: Hundredths;
  applicableMax: Hundredths;
  /** points / applicableMax × 100, in hundredths, half-up. */
  index: Hundredths;
  class: ClassCode;
  /** Applicable scored rows, applicable rows. */
  scored: number;
  applicable: number;
}

export interface NodeTotals {
  points: Hundredths;
  max: Hundredths;
  applicableMax: Hundredths;
  achievementPct: Hundredths;
}

export interface SheetTotals extends SideTotals {
  /** Every row of the catalog (areas, criteria, sub-criteria) by code. */
  nodes: Record<string, NodeTotals>;
  /** Codes of applicable rows without a score, in the catalog's order. */
  missing: string[];
}

/** a / b × 100 in hundredths, rounded half-up (a, b ≥ 0). 0 when b is 0. */
export function percentHundredths(a: Hundredths, b: Hundredths): Hundredths {
  if (b <= 0) return 0;
  return Math.floor((2 * a * 10000 + b) / (2 * b));
}

export function classOf(fw: Pick<Framework, 'classBands'>, index: Hundredths): ClassCode {
  for (const band of fw.classBands) if (index >= band.minIndex * 100) return band.class;
  return fw.classBands[fw.classBands.length - 1]!.class;
}

export function classLabel(fw: Pick<Framework, 'classBands'>, cls: ClassCode): string {
  return fw.classBands.find((b) => b.class === cls)?.label ?? cls;
}

interface Compiled {
  leafMax: Int32Array;
  leafNaAllowed: Uint8Array;
  /** For each leaf, the indices (into fw.rows) of its ancestors, ending with -1. */
  leafAncestors: Int32Array;
  ancestorStride: number;
  leafRowIndex: Int32Array;
}

const compiledCache = new WeakMap<Framework, Compiled>();

function compile(fw: Framework): Compiled {
  const cached = compiledCache.get(fw);
  if (cached) return cached;
  const rowIndex = new Map(fw.rows.map((r, i) => [r.code, i]));
  const depthOf = (n: FrameworkNode): number => (n.parent ? 1 + depthOf(fw.byCode.get(n.parent)!) : 0);
  const stride = 1 + Math.max(...fw.leaves.map(depthOf));
  const leafAncestors = new Int32Array(fw.leaves.length * stride).fill(-1);
  fw.leaves.forEach((leaf, i) => {
    let k = 0;
    for (let p = leaf.parent; p !== undefined; p = fw.byCode.get(p)!.parent) leafAncestors[i * stride + k++] = rowIndex.get(p)!;
  });
  const c: Compiled = {
    leafMax: Int32Array.from(fw.leaves, (l) => l.max),
    leafNaAllowed: Uint8Array.from(fw.leaves, (l) => (l.notApplicableAllowed ? 1 : 0)),
    leafAncestors,
    ancestorStride: stride,
    leafRowIndex: Int32Array.from(fw.leaves, (l) => rowIndex.get(l.code)!),
  };
  compiledCache.set(fw, c);
  return c;
}

/**
 * Fast path for ranking many sheets: `scores[i]` is leaf i's score in hundredths (−1 unscored),
 * `notApplicable[i]` 1 when leaf i is not applicable. Returns only the side totals.
 */
export function scoreLeaves(fw: Framework, scores: ArrayLike<number>, notApplicable?: ArrayLike<number>): SideTotals {
  const c = compile(fw);
  let points = 0;
  let naMax = 0;
  let scored = 0;
  let applicable = 0;
  const full = fw.notApplicablePolicy === 'full';
  for (let i = 0; i < c.leafMax.length; i++) {
    if (notApplicable && notApplicable[i] === 1 && c.leafNaAllowed[i] === 1) {
      naMax += c.leafMax[i]!;
      continue;
    }
    applicable++;
    const s = scores[i]!;
    if (s >= 0) {
      points += s;
      scored++;
    }
  }
  return finish(fw, points, naMax, full, scored, applicable);
}

function finish(fw: Framework, points: number, naMax: number, full: boolean, scored: number, applicable: number): SideTotals {
  const awarded = full ? points + naMax : points;
  const applicableMax = full ? fw.total : fw.total - naMax;
  const index = percentHundredths(awarded, applicableMax);
  return { points: awarded, applicableMax, index, class: classOf(fw, index), scored, applicable };
}

/** Totals of one side (self or appraised) of a sheet, with every row's subtotal and achievement %. */
export function scoreSheet(fw: Framework, rowOf: (code: string) => RowScore | undefined): SheetTotals {
  const c = compile(fw);
  const nRows = fw.rows.length;
  const nodePoints = new Int32Array(nRows);
  const nodeNaMax = new Int32Array(nRows);
  const full = fw.notApplicablePolicy === 'full';
  const missing: string[] = [];
  let points = 0;
  let naMax = 0;
  let scored = 0;
  let applicable = 0;
  for (let i = 0; i < fw.leaves.length; i++) {
    const leaf = fw.leaves[i]!;
    const row = rowOf(leaf.code);
    const ri = c.leafRowIndex[i]!;
    const base = i * c.ancestorStride;
    if (row?.notApplicable && leaf.notApplicableAllowed) {
      const gained = full ? leaf.max : 0;
      naMax += leaf.max;
      nodeNaMax[ri] = leaf.max;
      nodePoints[ri] = gained;
      for (let k = base; c.leafAncestors[k]! >= 0 && k < base + c.ancestorStride; k++) {
        nodeNaMax[c.leafAncestors[k]!]! += leaf.max;
        nodePoints[c.leafAncestors[k]!]! += gained;
      }
      continue;
    }
    applicable++;
    const s = row?.score;
    if (s === undefined || s === null) {
      missing.push(leaf.code);
      continue;
    }
    scored++;
    points += s;
    nodePoints[ri] = s;
    for (let k = base; c.leafAncestors[k]! >= 0 && k < base + c.ancestorStride; k++) nodePoints[c.leafAncestors[k]!]! += s;
  }
  const nodes: Record<string, NodeTotals> = {};
  fw.rows.forEach((r, i) => {
    const applicableMax = full ? r.max : r.max - nodeNaMax[i]!;
    nodes[r.code] = {
      points: nodePoints[i]!,
      max: r.max,
      applicableMax,
      achievementPct: percentHundredths(nodePoints[i]!, applicableMax),
    };
  });
  return { ...finish(fw, points, naMax, full, scored, applicable), nodes, missing };
}

export interface RankInput {
  id: string;
  index: Hundredths;
  /** Used only to order tied entries for display. */
  name?: string;
}

export interface Ranked<T extends RankInput> {
  rank: number;
  entry: T;
}

const collator = new Intl.Collator('vi');

/**
 * Standard competition ranking by index, high to low (1, 2, 2, 4). Ties share a rank and are listed
 * by name, then id, so the result never depends on the input's order.
 */
export function rankByIndex<T extends RankInput>(entries: readonly T[]): Ranked<T>[] {
  const sorted = [...entries].sort(
    (a, b) =>
      b.index - a.index ||
      collator.compare(a.name ?? '', b.name ?? '') ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const out: Ranked<T>[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const prev = out[i - 1];
    const rank = prev && prev.entry.index === sorted[i]!.index ? prev.rank : i + 1;
    out.push({ rank, entry: sorted[i]! });
  }
  return out;
}
