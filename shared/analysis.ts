/**
 * Rankings and the province's consolidated picture (Điều 6.3–6.6, Điều 8, Điều 3.1.b "phát hiện những
 * tồn tại, hạn chế"). Every number comes from `scoreSheet` / `rankByIndex`; nothing is recomputed here.
 */
import { totalsOf, type Assessment, type AssessmentFigures } from './assessment.js';
import { componentOf, type ClassCode, type Framework, type Hundredths } from './framework.js';
import type { AssessmentStatus, RankingStatus } from './lifecycle.js';
import {
  addTally,
  areaAchievementOf,
  classOf,
  emptyTally,
  percentHundredths,
  rankByIndex,
  tallySheet,
  type LeafTally,
  type SheetTotals,
  type SideTotals,
} from './scoring.js';
import { hasReached, isAppraised } from './status-order.js';

/**
 * A commune in its district's ranking. One not yet appraised (status before APPRAISED) has no rank and
 * no class: its partial totals would take a place among the others, and Điều 8 ranks and classifies
 * the appraised result only. Its totals are what has been entered so far.
 */
export interface RankingRow {
  /** Rank within its block (ties share a rank inside a block); null while not appraised. */
  rank: number | null;
  /** The ranking block (organisation's `rankingBlocks`, by unit kind); `all` by default. */
  block: string;
  unitId: string;
  unitName: string;
  unitKind: Assessment['unitKind'];
  districtId: string;
  status: AssessmentStatus;
  late: boolean;
  self: RowFigures;
  appraised: RowFigures;
  class: ClassCode | null;
}

/** One side's figures in a ranking row: the points, the index, and its parts (scoring.ts `SideTotals`). */
export interface RowFigures {
  points: Hundredths;
  index: Hundredths;
  main: Hundredths;
  bonus: Hundredths;
  penalty: Hundredths;
  percent: Hundredths;
  /** The figure the framework publishes (index or percent): ranks and classes follow it. */
  displayed: Hundredths;
}

/** An appraised commune's row: ranked and classified. */
export type RankedRow = RankingRow & { rank: number; class: ClassCode };

interface Scored {
  a: AssessmentFigures;
  self: SheetTotals;
  appraised: SheetTotals;
}

/** The framework's not-applicable policy in words, shown on every report (DESIGN §1). */
export function policyNote(fw: Framework): string {
  return fw.notApplicablePolicy === 'rescale'
    ? 'Tiêu chí không áp dụng (nếu có) không tính vào điểm tối đa; chỉ số = điểm đạt được / tổng điểm tối đa áp dụng × 100.'
    : 'Tiêu chí không áp dụng (nếu có) được tính đủ điểm tối đa.';
}

const scoredOf = (fw: Framework, a: AssessmentFigures): Scored => ({ a, ...totalsOf(fw, a) });

/**
 * The framework an assessment is scored against: one view, or (a framework with a criteria set per unit
 * kind) the view of the set holding the assessment's kind.
 */
export type FrameworkFor = Framework | ((kind: Assessment['unitKind']) => Framework);
const viewFor = (fw: FrameworkFor, kind: Assessment['unitKind']): Framework => (typeof fw === 'function' ? fw(kind) : fw);

/** Made on first use: the first Vietnamese collator loads ICU's collation data (about 10 ms of a cold start). */
let collator: Intl.Collator | undefined;

/**
 * Which ranking block a unit kind falls in; blocks in display order. Decision 4203's default: one
 * block `all` for every kind.
 */
export interface Blocks {
  order: readonly string[];
  of: (kind: Assessment['unitKind']) => string;
}
export const ONE_BLOCK: Blocks = { order: ['all'], of: () => 'all' };

/**
 * The appraised communes by appraised index, high to low, within each ranking block, ties sharing a
 * rank inside a block (1, 2, 2, 4), block by block in the blocks' order; then the others, by name,
 * unranked and unclassified.
 */
export function rankAssessments(fw: FrameworkFor, list: readonly AssessmentFigures[], blocks: Blocks = ONE_BLOCK): RankingRow[] {
  const scored = list.map((a) => scoredOf(viewFor(fw, a.unitKind), a));
  const waiting = scored
    .filter((s) => !isAppraised(s.a.status))
    .sort(
      (x, y) => (collator ??= new Intl.Collator('vi')).compare(x.a.unitName, y.a.unitName) || (x.a.unitId < y.a.unitId ? -1 : 1),
    );
  const ranked: RankingRow[] = rankScored(
    scored.filter((s) => isAppraised(s.a.status)),
    blocks,
  );
  const unranked = waiting.map((s): RankingRow => rowOf(s, blocks.of(s.a.unitKind), null, null));
  // Block by block: each block's ranked communes, then its communes not yet appraised.
  const order = [...new Set([...blocks.order, ...ranked.map((r) => r.block), ...unranked.map((r) => r.block)])];
  return order.flatMap((b) => [...ranked.filter((r) => r.block === b), ...unranked.filter((r) => r.block === b)]);
}

const figures = (t: SideTotals): RowFigures => ({
  points: t.points,
  index: t.index,
  main: t.main,
  bonus: t.bonus,
  penalty: t.penalty,
  percent: t.percent,
  displayed: t.displayed,
});

/** A commune's row, built in one object (thousands are built per consolidated view). */
function rowOf<R extends number | null, C extends ClassCode | null>(s: Scored, block: string, rank: R, cls: C) {
  const a = s.a;
  return {
    unitId: a.unitId,
    unitName: a.unitName,
    unitKind: a.unitKind,
    districtId: a.districtId,
    status: a.status,
    late: a.late === true,
    self: figures(s.self),
    appraised: figures(s.appraised),
    block,
    rank,
    class: cls,
  };
}

/**
 * The mean of appraised indexes, half-up in hundredths (exact: the sum is an integer and the division
 * correctly rounded); null when there is none, since an average of nothing is not 0.
 */
export function averageIndex(indexes: readonly Hundredths[]): Hundredths | null {
  return indexes.length ? Math.round(indexes.reduce((s, x) => s + x, 0) / indexes.length) : null;
}

/** The scored communes by ranking block, in the blocks' order. */
function byBlock(scored: readonly Scored[], blocks: Blocks): Map<string, Scored[]> {
  const groups = new Map<string, Scored[]>(blocks.order.map((b) => [b, []]));
  for (const s of scored) {
    const b = blocks.of(s.a.unitKind);
    (groups.get(b) ?? groups.set(b, []).get(b)!).push(s);
  }
  return groups;
}

const ranked = (group: readonly Scored[]) =>
  rankByIndex(group.map((s) => ({ id: s.a.unitId, index: s.appraised.displayed, name: s.a.unitName, s })));

function rankScored(scored: readonly Scored[], blocks: Blocks): RankedRow[];
function rankScored(
  scored: readonly Scored[],
  blocks: Blocks,
  districtRanks: ReadonlyMap<string, number>,
): (RankedRow & { districtRank: number })[];
function rankScored(scored: readonly Scored[], blocks: Blocks, districtRanks?: ReadonlyMap<string, number>): RankedRow[] {
  const out: RankedRow[] = [];
  for (const [block, group] of byBlock(scored, blocks))
    for (const { rank, entry } of ranked(group)) {
      const row: RankedRow & { districtRank?: number } = rowOf(entry.s, block, rank, entry.s.appraised.class);
      if (districtRanks) row.districtRank = districtRanks.get(entry.id)!;
      out.push(row);
    }
  return out;
}

/** Only the ranks (within each block), by unit id: the district ranks of the consolidated view. */
function ranksOf(scored: readonly Scored[], blocks: Blocks, into: Map<string, number>): void {
  for (const group of byBlock(scored, blocks).values()) for (const { rank, entry } of ranked(group)) into.set(entry.id, rank);
}

export interface DistrictProgress {
  districtId: string;
  rankingStatus: RankingStatus;
  communes: number;
  submitted: number;
  appraised: number;
  approved: number;
  published: number;
  reported: number;
}

export interface Weakness {
  code: string;
  area: string;
  /** Communes whose appraised score counts for this row. */
  communes: number;
  /** Points lost on average per commune (max − appraised), hundredths. */
  averageLost: Hundredths;
  /** Share of the row's points lost over all those communes, hundredths of a percent. */
  lostPct: Hundredths;
}

export interface Consolidated {
  rows: (RankedRow & { districtRank: number })[];
  classCounts: { total: Record<ClassCode, number>; byDistrict: Record<string, Record<ClassCode, number>> };
  /** Achievement % per area: province-wide and per district (the heat map). */
  areaAchievement: { total: Record<string, Hundredths>; byDistrict: Record<string, Record<string, Hundredths>> };
  weaknesses: { total: Weakness[]; byDistrict: Record<string, Weakness[]> };
  progress: DistrictProgress[];
  /** Over the appraised communes; null (not 0) where none is appraised, every district of the list included. */
  averageIndex: { total: Hundredths | null; byDistrict: Record<string, Hundredths | null> };
}

const emptyClasses = (fw: Framework): Record<ClassCode, number> =>
  Object.fromEntries(fw.classBands.map((b) => [b.class, 0])) as Record<ClassCode, number>;

/** The `top` weakest rows of a tally of appraised sides: most points lost on average per commune. */
function weaknesses(fw: Framework, t: LeafTally, top: number): Weakness[] {
  const out: Weakness[] = [];
  for (let i = 0; i < fw.leaves.length; i++) {
    const leaf = fw.leaves[i]!;
    // Points lost are a main row's: a bonus row not earned, or a penalty row, is no weakness of the criteria.
    if (componentOf(leaf) !== 'main') continue;
    const communes = t.sheets[i]!;
    const max = t.applicableMax[i]!;
    const lost = max - t.points[i]!;
    if (communes === 0 || lost === 0) continue;
    out.push({
      code: leaf.code,
      area: leaf.area,
      communes,
      averageLost: Math.round(lost / communes),
      lostPct: percentHundredths(lost, max),
    });
  }
  return out
    .sort(
      (a, b) => b.averageLost - a.averageLost || b.lostPct - a.lostPct || a.code.localeCompare(b.code, 'en', { numeric: true }),
    )
    .slice(0, top);
}

/** The appraised sides of these scored communes, tallied leaf by leaf. */
function tallyOf(fw: Framework, scored: readonly Scored[]): LeafTally {
  const t = emptyTally(fw);
  for (const s of scored) tallySheet(fw, s.appraised, t);
  return t;
}

/** The `top` weakest rows among the appraised ones of these assessments (as in `consolidate`). */
export function weaknessesAmong(fw: Framework, list: readonly AssessmentFigures[], top: number): Weakness[] {
  return weaknesses(
    fw,
    tallyOf(
      fw,
      list.filter((a) => hasReached(a.status, 'APPRAISED')).map((a) => scoredOf(fw, a)),
    ),
    top,
  );
}

/**
 * The consolidated view of a set of assessments (one province, or what may be shown to the public).
 * Analysis (classes, areas, weaknesses, averages) covers the appraised ones (status ≥ APPRAISED);
 * progress covers all. With a criteria set per unit kind (`opts.frameworkFor`), each assessment is scored,
 * classed and ranked against its own set; the area achievement, weaknesses (per row) are of `fw`'s set
 * only (rows of different sets do not add up), over the assessments scored against it.
 */
export function consolidate(
  fw: Framework,
  list: readonly AssessmentFigures[],
  rankingStatus: (districtId: string) => RankingStatus,
  opts: { weaknessTop?: number; blocks?: Blocks; frameworkFor?: (kind: Assessment['unitKind']) => Framework } = {},
): Consolidated {
  const own = opts.frameworkFor ?? (() => fw);
  const blocks = opts.blocks ?? ONE_BLOCK;
  const top = opts.weaknessTop ?? 10;
  // One pass: each district's communes, in the list's order of districts.
  const byDistrict = new Map<string, { list: AssessmentFigures[]; appraised: Scored[] }>();
  const appraised: Scored[] = [];
  for (const a of list) {
    let d = byDistrict.get(a.districtId);
    if (!d) byDistrict.set(a.districtId, (d = { list: [], appraised: [] }));
    d.list.push(a);
    if (hasReached(a.status, 'APPRAISED')) {
      const s = scoredOf(own(a.unitKind), a);
      d.appraised.push(s);
      appraised.push(s);
    }
  }
  const districtRanks = new Map<string, number>();
  for (const d of byDistrict.values()) ranksOf(d.appraised, blocks, districtRanks);

  const classCounts = { total: emptyClasses(fw), byDistrict: {} as Record<string, Record<ClassCode, number>> };
  const areaByDistrict: Record<string, Record<string, Hundredths>> = {};
  const weaknessesByDistrict: Record<string, Weakness[]> = {};
  const averageByDistrict: Record<string, Hundredths | null> = {};
  const total = emptyTally(fw);
  const progress: DistrictProgress[] = [];
  for (const [id, d] of byDistrict) {
    const t = tallyOf(
      fw,
      d.appraised.filter((s) => own(s.a.unitKind) === fw),
    );
    addTally(total, t);
    if (d.appraised.length) {
      const counts = (classCounts.byDistrict[id] = emptyClasses(fw));
      for (const s of d.appraised) {
        const cls = classOf(own(s.a.unitKind), s.appraised.index);
        counts[cls]++;
        classCounts.total[cls]++;
      }
      areaByDistrict[id] = areaAchievementOf(fw, t);
    }
    weaknessesByDistrict[id] = weaknesses(fw, t, top);
    averageByDistrict[id] = averageIndex(d.appraised.map((s) => s.appraised.displayed));
    const reached = { SUBMITTED: 0, APPRAISED: 0, APPROVED: 0, PUBLISHED: 0, REPORTED: 0 };
    for (const a of d.list) for (const k of REACHED) if (hasReached(a.status, k)) reached[k]++;
    progress.push({
      districtId: id,
      rankingStatus: rankingStatus(id),
      communes: d.list.length,
      submitted: reached.SUBMITTED,
      appraised: reached.APPRAISED,
      approved: reached.APPROVED,
      published: reached.PUBLISHED,
      reported: reached.REPORTED,
    });
  }
  return {
    rows: rankScored(appraised, blocks, districtRanks),
    classCounts,
    areaAchievement: { total: appraised.length ? areaAchievementOf(fw, total) : {}, byDistrict: areaByDistrict },
    weaknesses: { total: weaknesses(fw, total, top), byDistrict: weaknessesByDistrict },
    progress,
    averageIndex: { total: averageIndex(appraised.map((s) => s.appraised.displayed)), byDistrict: averageByDistrict },
  };
}

/** The steps whose reach the progress counts. */
const REACHED = ['SUBMITTED', 'APPRAISED', 'APPROVED', 'PUBLISHED', 'REPORTED'] as const;
