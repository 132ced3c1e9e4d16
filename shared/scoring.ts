/**
 * The one scoring function: every total, index, class and rank shown anywhere comes from here.
 * Integer hundredths throughout; the only division is the index (and achievement %), rounded half-up.
 */
import { componentOf, kindOf, type ClassCode, type Framework, type FrameworkNode, type Hundredths } from './framework.js';
import { toHundredths } from './points.js';

export interface RowScore {
  /** Hundredths of a point; undefined or null while the row is unscored. */
  score?: Hundredths | null;
  notApplicable?: boolean;
}

/**
 * One side's totals, as API.md ("Frameworks as data") states them, with T the framework's total:
 * `main` the main criteria's points (under `full`, not-applicable rows count their maximum); `bonus`
 * and `penalty` their rows' sums after the caps; `mainIndex` = half-up(main × T / applicableMax) under
 * `rescale`, `main` under `full`; `index` = clamp(mainIndex + bonus − penalty, 0, T); `points` =
 * clamp(main + bonus − penalty, 0, T); `percent` = half-up(index × 100 / T). `displayed` is the figure
 * published (`index`, or `percent` when the framework displays percent): class and rank follow it.
 * For Decision 4203 (T = 100, no bonus or penalty) points = main and index = percent = displayed.
 */
export interface SideTotals {
  points: Hundredths;
  applicableMax: Hundredths;
  index: Hundredths;
  class: ClassCode;
  /** Applicable scored rows, applicable rows (main criteria the unit scores: not bonus, penalty or survey rows). */
  scored: number;
  applicable: number;
  main: Hundredths;
  mainIndex: Hundredths;
  bonus: Hundredths;
  penalty: Hundredths;
  percent: Hundredths;
  displayed: Hundredths;
}

export interface NodeTotals {
  points: Hundredths;
  max: Hundredths;
  applicableMax: Hundredths;
  achievementPct: Hundredths;
}

export interface SheetTotals extends SideTotals {
  /** Every row of the catalog (areas, criteria, sub-criteria) by code (built on first read). */
  readonly nodes: Record<string, NodeTotals>;
  /** The same rows' points and applicable maxima, by their index in `fw.rows`: for loops over many sheets. */
  rowPoints: readonly number[];
  rowApplicableMax: readonly number[];
  /** Codes of applicable rows without a score, in the catalog's order. */
  missing: string[];
}

/** a / b × 100 in hundredths, rounded half-up (a, b ≥ 0). 0 when b is 0. */
export function percentHundredths(a: Hundredths, b: Hundredths): Hundredths {
  if (b <= 0) return 0;
  return Math.floor((2 * a * 10000 + b) / (2 * b));
}

/** The mean of some indices (a, … ≥ 0) in hundredths, rounded half-up in integers like the index; null when there are none. */
export function meanHundredths(values: readonly Hundredths[]): Hundredths | null {
  if (values.length === 0) return null;
  const sum = values.reduce((s, v) => s + v, 0);
  return Math.floor((2 * sum + values.length) / (2 * values.length));
}

export function classOf(fw: Pick<Framework, 'classBands'>, index: Hundredths): ClassCode {
  for (const band of fw.classBands) if (index >= toHundredths(band.minIndex)) return band.class;
  return fw.classBands[fw.classBands.length - 1]!.class;
}

export function classLabel(fw: Pick<Framework, 'classBands'>, cls: ClassCode): string {
  return fw.classBands.find((b) => b.class === cls)?.label ?? cls;
}

interface Compiled {
  leafMax: Int32Array;
  leafNaAllowed: Uint8Array;
  /** Indices of the leaves that may be not applicable (a handful: the "(nếu có)" rows). */
  naLeaves: Int32Array;
  /** For each leaf, the indices (into fw.rows) of its ancestors, ending with -1. */
  leafAncestors: Int32Array;
  ancestorStride: number;
  leafRowIndex: Int32Array;
  areaRowIndex: Int32Array;
  rowMax: Int32Array;
  /** Leaves of the bonus group, of the penalty group; main leaves the survey scores (not the unit). */
  bonusLeaves: Int32Array;
  penaltyLeaves: Int32Array;
  surveyLeaves: Int32Array;
  /** 1 for a leaf that counts in progress and in `missing` (a main leaf the unit scores). */
  progressLeaf: Uint8Array;
}

const compiledCache = new WeakMap<Framework, Compiled>();

const indexesWhere = (leaves: readonly FrameworkNode[], p: (l: FrameworkNode) => boolean) =>
  Int32Array.from(leaves.flatMap((l, i) => (p(l) ? [i] : [])));

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
    naLeaves: Int32Array.from(fw.leaves.flatMap((l, i) => (l.notApplicableAllowed ? [i] : []))),
    leafAncestors,
    ancestorStride: stride,
    leafRowIndex: Int32Array.from(fw.leaves, (l) => rowIndex.get(l.code)!),
    areaRowIndex: Int32Array.from(fw.areas, (a) => rowIndex.get(a.code)!),
    rowMax: Int32Array.from(fw.rows, (r) => r.max),
    bonusLeaves: indexesWhere(fw.leaves, (l) => componentOf(l) === 'bonus'),
    penaltyLeaves: indexesWhere(fw.leaves, (l) => componentOf(l) === 'penalty'),
    surveyLeaves: indexesWhere(fw.leaves, (l) => componentOf(l) === 'main' && kindOf(l) === 'survey'),
    progressLeaf: Uint8Array.from(fw.leaves, (l) => (componentOf(l) === 'main' && kindOf(l) !== 'survey' ? 1 : 0)),
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
  const n = c.leafMax.length;
  // Ranking scores thousands of sheets: one tight pass over every leaf, then the few rows that may be
  // not applicable are taken back out (their score, if any, is ignored; their maximum leaves the base).
  let points = 0;
  let scored = 0;
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    if (s >= 0) {
      points += s;
      scored++;
    }
  }
  let naMax = 0;
  let applicable = n;
  if (notApplicable) {
    const na = c.naLeaves;
    for (let k = 0; k < na.length; k++) {
      const i = na[k]!;
      if (notApplicable[i] !== 1) continue;
      naMax += c.leafMax[i]!;
      applicable--;
      const s = scores[i]!;
      if (s >= 0) {
        points -= s;
        scored--;
      }
    }
  }
  // The few rows outside the main criteria's sum (bonus, penalty) are taken back out, like the
  // not-applicable ones; survey rows stay in the sum but not in the unit's progress.
  const bonusRaw = sumScored(scores, c.bonusLeaves);
  const penaltyRaw = sumScored(scores, c.penaltyLeaves);
  points -= bonusRaw + penaltyRaw;
  scored -= countScored(scores, c.bonusLeaves) + countScored(scores, c.penaltyLeaves);
  applicable -= c.bonusLeaves.length + c.penaltyLeaves.length;
  for (let k = 0; k < c.surveyLeaves.length; k++) {
    const i = c.surveyLeaves[k]!;
    if (notApplicable && notApplicable[i] === 1 && c.leafNaAllowed[i] === 1) continue;
    applicable--;
    if (scores[i]! >= 0) scored--;
  }
  return finish(fw, points, naMax, fw.notApplicablePolicy === 'full', scored, applicable, bonusRaw, penaltyRaw);
}

/** The sum of the scored leaves among `leaves` (an unscored one is −1 and counts nothing). */
function sumScored(scores: ArrayLike<number>, leaves: Int32Array): number {
  let sum = 0;
  for (let k = 0; k < leaves.length; k++) {
    const s = scores[leaves[k]!]!;
    if (s >= 0) sum += s;
  }
  return sum;
}
/** How many of `leaves` are scored. */
function countScored(scores: ArrayLike<number>, leaves: Int32Array): number {
  let n = 0;
  for (let k = 0; k < leaves.length; k++) if (scores[leaves[k]!]! >= 0) n++;
  return n;
}

/** a / b rounded half-up, for a ≥ 0 and b > 0 (integers). */
const halfUp = (a: number, b: number) => Math.floor((2 * a + b) / (2 * b));
const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);

function finish(
  fw: Framework,
  points: number,
  naMax: number,
  full: boolean,
  scored: number,
  applicable: number,
  bonusRaw: number,
  penaltyRaw: number,
): SideTotals {
  const T = fw.total;
  const main = full ? points + naMax : points;
  const applicableMax = full ? T : T - naMax;
  const mainIndex = full ? main : applicableMax > 0 ? halfUp(main * T, applicableMax) : 0;
  const bonus = bonusRaw < (fw.bonusCap ?? 0) ? bonusRaw : (fw.bonusCap ?? 0);
  const penalty = penaltyRaw < (fw.penaltyCap ?? 0) ? penaltyRaw : (fw.penaltyCap ?? 0);
  const index = clamp(mainIndex + bonus - penalty, 0, T);
  const percent = T > 0 ? halfUp(index * 10000, T) : 0;
  const displayed = fw.display === 'percent' ? percent : index;
  return {
    points: clamp(main + bonus - penalty, 0, T),
    applicableMax,
    index,
    class: classOf(fw, displayed),
    scored,
    applicable,
    main,
    mainIndex,
    bonus,
    penalty,
    percent,
    displayed,
  };
}

/** Totals of one side (self or appraised) of a sheet, with every row's subtotal and achievement %. */
export function scoreSheet(fw: Framework, rowOf: (code: string) => RowScore | undefined): SheetTotals {
  const n = fw.leaves.length;
  const scores = new Array<number>(n);
  const notApplicable = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const row = rowOf(fw.leaves[i]!.code);
    const s = row?.score;
    scores[i] = s === undefined || s === null ? -1 : s;
    notApplicable[i] = row?.notApplicable ? 1 : 0;
  }
  return scoreSheetOf(fw, scores, notApplicable);
}

/** The not-applicable maxima of a sheet being expanded: reused (expanding is synchronous), not allocated per sheet. */
let scratch: number[] = [];

/**
 * The same, from arrays in `fw.leaves` order: `scores[i]` leaf i's hundredths (−1 unscored),
 * `notApplicable[i]` 1 when marked not applicable (heeded only where the row allows it). The arrays are
 * kept, not copied: the caller does not change them afterwards.
 *
 * The side's totals are computed at once (`scoreLeaves`, one pass); every row's subtotal and the missing
 * rows only when first read: a consolidated view scores thousands of sheets and reads the rows of one side.
 */
export function scoreSheetOf(fw: Framework, scores: ArrayLike<number>, notApplicable: ArrayLike<number>): SheetTotals {
  return new Sheet(fw, scores, notApplicable);
}

/**
 * A scored side: its totals as fields, its rows (built on first read) behind getters on the prototype,
 * so that a sheet costs one small object (thousands are made per consolidated view).
 */
class Sheet implements SheetTotals {
  points: Hundredths;
  applicableMax: Hundredths;
  index: Hundredths;
  class: ClassCode;
  scored: number;
  applicable: number;
  main: Hundredths;
  mainIndex: Hundredths;
  bonus: Hundredths;
  penalty: Hundredths;
  percent: Hundredths;
  displayed: Hundredths;
  readonly #fw: Framework;
  readonly #scores: ArrayLike<number>;
  readonly #notApplicable: ArrayLike<number>;
  #detail: SheetDetail | undefined;

  constructor(fw: Framework, scores: ArrayLike<number>, notApplicable: ArrayLike<number>) {
    const t = scoreLeaves(fw, scores, notApplicable);
    this.points = t.points;
    this.applicableMax = t.applicableMax;
    this.index = t.index;
    this.class = t.class;
    this.scored = t.scored;
    this.applicable = t.applicable;
    this.main = t.main;
    this.mainIndex = t.mainIndex;
    this.bonus = t.bonus;
    this.penalty = t.penalty;
    this.percent = t.percent;
    this.displayed = t.displayed;
    this.#fw = fw;
    this.#scores = scores;
    this.#notApplicable = notApplicable;
  }

  #expand(): SheetDetail {
    return (this.#detail ??= sheetDetail(this.#fw, this.#scores, this.#notApplicable));
  }
  get rowPoints() {
    return this.#expand().rowPoints;
  }
  get rowApplicableMax() {
    return this.#expand().rowApplicableMax;
  }
  get missing() {
    return this.#expand().missing;
  }
  get nodes() {
    return this.#expand().nodes;
  }

  /** The leaf arrays a sheet was scored from, if `scoreSheetOf` made it. */
  static leavesOf(s: SheetTotals): { scores: ArrayLike<number>; notApplicable: ArrayLike<number> } | undefined {
    return s instanceof Sheet ? { scores: s.#scores, notApplicable: s.#notApplicable } : undefined;
  }
}

/**
 * Leaf by leaf (in `fw.leaves` order), over many sheets of one side: the points gained, the applicable
 * maximum, and the sheets in which the leaf counts (applicable maximum above 0). A leaf's figures are its
 * row's subtotal and applicable maximum in `scoreSheetOf`; an area's are the sums of its leaves' (a
 * parent's maximum is the sum of its children's, framework.ts).
 */
export interface LeafTally {
  points: Float64Array;
  applicableMax: Float64Array;
  sheets: Int32Array;
}

export function emptyTally(fw: Framework): LeafTally {
  const n = fw.leaves.length;
  return { points: new Float64Array(n), applicableMax: new Float64Array(n), sheets: new Int32Array(n) };
}

/** Adds one sheet (from `scoreSheetOf`) to a tally: one pass over its leaves, no row subtotals built. */
export function tallySheet(fw: Framework, sheet: SheetTotals, into: LeafTally): void {
  const c = compile(fw);
  const n = fw.leaves.length;
  const from = Sheet.leavesOf(sheet);
  if (!from) {
    // A sheet made elsewhere (a copy): its leaf rows.
    for (let i = 0; i < n; i++) {
      const ri = c.leafRowIndex[i]!;
      const m = sheet.rowApplicableMax[ri]!;
      if (m === 0) continue;
      into.sheets[i]!++;
      into.points[i]! += sheet.rowPoints[ri]!;
      into.applicableMax[i]! += m;
    }
    return;
  }
  const { scores, notApplicable } = from;
  const full = fw.notApplicablePolicy === 'full';
  for (let i = 0; i < n; i++) {
    const max = c.leafMax[i]!;
    if (max === 0) continue;
    let p: number;
    if (notApplicable[i] === 1 && c.leafNaAllowed[i] === 1) {
      if (!full) continue;
      p = max;
    } else {
      const s = scores[i]!;
      p = s < 0 ? 0 : s;
    }
    into.sheets[i]!++;
    into.points[i]! += p;
    into.applicableMax[i]! += max;
  }
}

/** Adds one tally to another. */
export function addTally(into: LeafTally, from: LeafTally): void {
  for (let i = 0; i < into.sheets.length; i++) {
    into.sheets[i]! += from.sheets[i]!;
    into.points[i]! += from.points[i]!;
    into.applicableMax[i]! += from.applicableMax[i]!;
  }
}

/** The achievement % of each area (by code, in `fw.areas` order) over a tally: its leaves' points over their applicable maxima. */
export function areaAchievementOf(fw: Framework, t: LeafTally): Record<string, Hundredths> {
  // The main areas only: a bonus group's share earned, or a penalty group's share incurred, is no
  // achievement of the criteria (the heat map's columns are the decision's areas).
  const areas = fw.areas.filter((a) => componentOf(a) === 'main');
  const points = new Map<string, number>(areas.map((a) => [a.code, 0]));
  const max = new Map<string, number>(areas.map((a) => [a.code, 0]));
  fw.leaves.forEach((leaf, i) => {
    if (!points.has(leaf.area)) return;
    points.set(leaf.area, points.get(leaf.area)! + t.points[i]!);
    max.set(leaf.area, max.get(leaf.area)! + t.applicableMax[i]!);
  });
  return Object.fromEntries(areas.map((a) => [a.code, percentHundredths(points.get(a.code)!, max.get(a.code)!)]));
}

interface SheetDetail {
  rowPoints: number[];
  rowApplicableMax: number[];
  missing: string[];
  readonly nodes: Record<string, NodeTotals>;
}

/** Every row's subtotal and applicable maximum of one side, and its missing rows. */
function sheetDetail(fw: Framework, scores: ArrayLike<number>, notApplicable: ArrayLike<number>): SheetDetail {
  const c = compile(fw);
  const nRows = fw.rows.length;
  // Plain arrays: thousands of sheets are scored at once, and small typed arrays are costly to allocate.
  const nodePoints = new Array<number>(nRows).fill(0);
  const nodeNaMax = scratch.length === nRows ? scratch.fill(0) : (scratch = new Array<number>(nRows).fill(0));
  const full = fw.notApplicablePolicy === 'full';
  const missing: string[] = [];
  for (let i = 0; i < fw.leaves.length; i++) {
    const ri = c.leafRowIndex[i]!;
    const base = i * c.ancestorStride;
    if (notApplicable[i] === 1 && c.leafNaAllowed[i] === 1) {
      const max = c.leafMax[i]!;
      const gained = full ? max : 0;
      nodeNaMax[ri] = max;
      nodePoints[ri] = gained;
      for (let k = base; c.leafAncestors[k]! >= 0 && k < base + c.ancestorStride; k++) {
        nodeNaMax[c.leafAncestors[k]!]! += max;
        nodePoints[c.leafAncestors[k]!]! += gained;
      }
      continue;
    }
    const s = scores[i]!;
    if (s < 0) {
      if (c.progressLeaf[i] === 1) missing.push(fw.leaves[i]!.code);
      continue;
    }
    nodePoints[ri] = s;
    for (let k = base; c.leafAncestors[k]! >= 0 && k < base + c.ancestorStride; k++) nodePoints[c.leafAncestors[k]!]! += s;
  }
  const rowApplicableMax = new Array<number>(nRows);
  for (let i = 0; i < nRows; i++) rowApplicableMax[i] = full ? c.rowMax[i]! : c.rowMax[i]! - nodeNaMax[i]!;
  // Ranking thousands of sheets reads the arrays; the map by code is built only where it is read.
  let nodes: Record<string, NodeTotals> | undefined;
  return {
    rowPoints: nodePoints,
    rowApplicableMax,
    missing,
    get nodes() {
      if (!nodes) {
        const out: Record<string, NodeTotals> = {};
        fw.rows.forEach((r, i) => {
          out[r.code] = {
            points: nodePoints[i]!,
            max: r.max,
            applicableMax: rowApplicableMax[i]!,
            achievementPct: percentHundredths(nodePoints[i]!, rowApplicableMax[i]!),
          };
        });
        nodes = out;
      }
      return nodes;
    },
  };
}

/** The index in `fw.rows` of each leaf, in `fw.leaves` order, and of each area, in `fw.areas` order. */
export function rowIndexes(fw: Framework): { leaves: Int32Array; areas: Int32Array } {
  const c = compile(fw);
  return { leaves: c.leafRowIndex, areas: c.areaRowIndex };
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

/** Made on first use: the first Vietnamese collator loads ICU's collation data (about 10 ms of a cold start). */
let collator: Intl.Collator | undefined;

/** Order of tied entries: by name as Vietnamese sorts it, then by id. */
function tieOrder(a: RankInput, b: RankInput): number {
  return (
    (a.name === b.name ? 0 : (collator ??= new Intl.Collator('vi')).compare(a.name ?? '', b.name ?? '')) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * Entries by index, high to low, stable. Indexes are integer hundredths in a small range, so a counting
 * sort does it in linear time; anything else falls back to a comparison sort.
 */
function byIndexDescending<T extends RankInput>(entries: readonly T[]): T[] {
  const n = entries.length;
  let lo = Infinity;
  let hi = -Infinity;
  let integral = true;
  for (let i = 0; i < n; i++) {
    const x = entries[i]!.index;
    if (!Number.isInteger(x)) {
      integral = false;
      break;
    }
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (!integral || n === 0 || hi - lo > Math.max(4 * n, 1 << 14)) return [...entries].sort((a, b) => b.index - a.index);
  const start = new Int32Array(hi - lo + 2);
  for (let i = 0; i < n; i++) start[hi - entries[i]!.index + 1]!++;
  for (let k = 1; k < start.length; k++) start[k]! += start[k - 1]!;
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) {
    const e = entries[i]!;
    out[start[hi - e.index]!++] = e;
  }
  return out;
}

/**
 * Standard competition ranking by index, high to low (1, 2, 2, 4). Ties share a rank and are listed
 * by name, then id, so the result never depends on the input's order.
 */
export function rankByIndex<T extends RankInput>(entries: readonly T[]): Ranked<T>[] {
  const n = entries.length;
  let sorted: T[];
  if (entries.some((e) => Number.isNaN(e.index))) {
    // Not a real index; keep the one total order without the fast path's assumptions.
    sorted = [...entries].sort((a, b) => b.index - a.index || tieOrder(a, b));
  } else {
    sorted = byIndexDescending(entries);
    // The collator is slow; it is only needed inside runs of equal indexes.
    for (let i = 0; i < n;) {
      let j = i + 1;
      while (j < n && sorted[j]!.index === sorted[i]!.index) j++;
      if (j - i > 16) {
        const run = sorted.slice(i, j).sort(tieOrder);
        for (let k = 0; k < run.length; k++) sorted[i + k] = run[k]!;
      } else {
        // Runs are short: an in-place insertion sort (stable) allocates nothing.
        for (let k = i + 1; k < j; k++) {
          const e = sorted[k]!;
          let m = k - 1;
          for (; m >= i && tieOrder(sorted[m]!, e) > 0; m--) sorted[m + 1] = sorted[m]!;
          sorted[m + 1] = e;
        }
      }
      i = j;
    }
  }
  const out: Ranked<T>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const prev = out[i - 1];
    const rank = prev && prev.entry.index === sorted[i]!.index ? prev.rank : i + 1;
    out[i] = { rank, entry: sorted[i]! };
  }
  return out;
}
