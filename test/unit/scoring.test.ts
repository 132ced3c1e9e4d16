/**
 * Scoring rules of Decision 4203 (Điều 4, 5, 8) and API.md "Numbers": integer hundredths, achievement %,
 * index = points / applicable max × 100 half-up to two decimals, not-applicable policy, class bands,
 * competition ranks. Every expected figure below is worked out by hand in the comment beside it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addTally,
  areaAchievementOf,
  buildFramework,
  classOf,
  emptyTally,
  getFramework,
  percentHundredths,
  rankByIndex,
  scoreLeaves,
  scoreSheet,
  tallySheet,
  type Framework,
  type FrameworkDefinition,
  type RankInput,
  type RowScore,
} from '../../shared/index.js';
import { thaiNguyen4203 } from '../../shared/catalog/thai-nguyen-4203-2021.js';

const fw = getFramework('thai-nguyen-4203-2021')!;
const fullPolicy = buildFramework({ ...structuredClone(thaiNguyen4203), notApplicablePolicy: 'full' });
const NA = ['1.8.1', '1.8.2', '8.5.1', '8.5.2'];

/** Every leaf at its maximum (from the catalog's own maxima), then the overrides. */
function sheet(f: Framework, overrides: Record<string, RowScore> = {}) {
  const rows: Record<string, RowScore> = {};
  for (const leaf of f.leaves) rows[leaf.code] = { score: leaf.max };
  Object.assign(rows, overrides);
  return (code: string) => rows[code];
}

// 4.2.6 (max 3,5) given 1,25 and 3.1.2 (max 1,5) given 0,5: 2,25 + 1 = 3,25 points deducted.
const DEDUCTIONS: Record<string, RowScore> = { '4.2.6': { score: 125 }, '3.1.2': { score: 50 } };
const NA_18: Record<string, RowScore> = { '1.8.1': { notApplicable: true }, '1.8.2': { notApplicable: true } };

describe('percentHundredths (half-up to two decimals)', () => {
  it('rounds a third up or down as the next digit says', () => {
    expect(percentHundredths(1, 3)).toBe(3333); // 33,333…
    expect(percentHundredths(2, 3)).toBe(6667); // 66,666…
  });
  it('rounds an exact half up, not to even and not down', () => {
    expect(percentHundredths(1, 8)).toBe(1250); // 12,5 exactly, no rounding
    expect(percentHundredths(5, 20000)).toBe(3); // 0,025 % → 0,03
    expect(percentHundredths(575, 800)).toBe(7188); // 71,875 → 71,88
    expect(percentHundredths(7174, 8000)).toBe(8968); // 89,675 → 89,68 (half-even would also say 8968, floor 8967)
    expect(percentHundredths(7178, 8000)).toBe(8973); // 89,725 → 89,73 (half-even 8972)
  });
  it('is 0 for an empty denominator', () => {
    expect(percentHundredths(0, 0)).toBe(0);
  });
});

describe('scoreSheet on Decision 4203', () => {
  it('gives 100 points and index 100 for a sheet at every maximum', () => {
    const t = scoreSheet(fw, sheet(fw));
    expect(t.points).toBe(10000);
    expect(t.applicableMax).toBe(10000);
    expect(t.index).toBe(10000);
    expect(t.class).toBe('xuat-sac');
    expect(t.scored).toBe(119);
    expect(t.applicable).toBe(119);
    expect(t.missing).toEqual([]);
  });

  it('sums rows, criteria, areas and the total in hundredths, with achievement %', () => {
    const t = scoreSheet(fw, sheet(fw, DEDUCTIONS));
    // 100 − 3,25 = 96,75; nothing is not applicable, so the index equals the points.
    expect(t.points).toBe(9675);
    expect(t.applicableMax).toBe(10000);
    expect(t.index).toBe(9675);
    // Leaf 4.2.6: 1,25 of 3,5 = 35,714…% → 35,71.
    expect(t.nodes['4.2.6']).toEqual({ points: 125, max: 350, applicableMax: 350, achievementPct: 3571 });
    // Criterion 4.2: 8 − 2,25 = 5,75 of 8 = 71,875% → 71,88 (half-up).
    expect(t.nodes['4.2']).toEqual({ points: 575, max: 800, applicableMax: 800, achievementPct: 7188 });
    // Area IV: 20 − 2,25 = 17,75 of 20 = 88,75%.
    expect(t.nodes['IV']).toEqual({ points: 1775, max: 2000, applicableMax: 2000, achievementPct: 8875 });
    // Leaf 3.1.2: 0,5 of 1,5 = 33,33%; criterion 3.1: 2 of 3 = 66,67%; area III: 19 of 20 = 95%.
    expect(t.nodes['3.1.2']!.achievementPct).toBe(3333);
    expect(t.nodes['3.1']).toEqual({ points: 200, max: 300, applicableMax: 300, achievementPct: 6667 });
    expect(t.nodes['III']).toEqual({ points: 1900, max: 2000, applicableMax: 2000, achievementPct: 9500 });
    // Untouched area I: 10 of 10.
    expect(t.nodes['I']).toEqual({ points: 1000, max: 1000, applicableMax: 1000, achievementPct: 10000 });
    // One entry per catalog row.
    expect(Object.keys(t.nodes)).toHaveLength(155);
  });

  it('rescale: 1.8 not applicable (max 1) leaves 99 applicable; 95,75 points → index 96,72', () => {
    const t = scoreSheet(fw, sheet(fw, { ...DEDUCTIONS, ...NA_18 }));
    // 99 − 3,25 = 95,75; 95,75 / 99 × 100 = 96,7171… → 96,72.
    expect(t.points).toBe(9575);
    expect(t.applicableMax).toBe(9900);
    expect(t.index).toBe(9672);
    expect(t.class).toBe('xuat-sac');
    expect(t.applicable).toBe(117);
    expect(t.scored).toBe(117);
    expect(t.missing).toEqual([]);
    // Area I: 9 of the 9 applicable points.
    expect(t.nodes['I']).toEqual({ points: 900, max: 1000, applicableMax: 900, achievementPct: 10000 });
    expect(t.nodes['1.8']).toMatchObject({ points: 0, max: 100, applicableMax: 0 });
  });

  it('rescale: rounds the index down when the third decimal is below 5', () => {
    // 99 applicable, 3,5 deducted: 95,5 / 99 × 100 = 96,4646… → 96,46.
    const t = scoreSheet(fw, sheet(fw, { ...NA_18, '4.2.6': { score: 0 } }));
    expect(t.points).toBe(9550);
    expect(t.index).toBe(9646);
  });

  it('rescale: one half-point row not applicable leaves 99,5; 99,25 → 99,75', () => {
    // 99,25 / 99,5 × 100 = 99,7487… → 99,75.
    const t = scoreSheet(fw, sheet(fw, { '1.8.1': { notApplicable: true }, '1.3.1': { score: 0 } }));
    expect(t.points).toBe(9925);
    expect(t.applicableMax).toBe(9950);
    expect(t.index).toBe(9975);
  });

  it('rescale: all four "(nếu có)" rows not applicable leave 98; 94,75 → 96,68', () => {
    const allNa = Object.fromEntries(NA.map((c) => [c, { notApplicable: true }]));
    // 98 − 3,25 = 94,75; 94,75 / 98 × 100 = 96,6836… → 96,68.
    const t = scoreSheet(fw, sheet(fw, { ...DEDUCTIONS, ...allNa }));
    expect(t.points).toBe(9475);
    expect(t.applicableMax).toBe(9800);
    expect(t.index).toBe(9668);
    // Area VIII: 16 − 1 = 15 applicable, all earned.
    expect(t.nodes['VIII']).toEqual({ points: 1500, max: 1600, applicableMax: 1500, achievementPct: 10000 });
  });

  it('full: not-applicable rows award their maximum and the applicable maximum stays 100', () => {
    const t = scoreSheet(fullPolicy, sheet(fullPolicy, { ...DEDUCTIONS, ...NA_18 }));
    // 95,75 earned on the applicable rows + 1 awarded for 1.8 = 96,75 of 100.
    expect(t.points).toBe(9675);
    expect(t.applicableMax).toBe(10000);
    expect(t.index).toBe(9675);
    expect(t.nodes['1.8']).toEqual({ points: 100, max: 100, applicableMax: 100, achievementPct: 10000 });
    expect(t.nodes['I']).toEqual({ points: 1000, max: 1000, applicableMax: 1000, achievementPct: 10000 });
    // The same sheet under rescale differs: policy really is a setting.
    expect(scoreSheet(fw, sheet(fw, { ...DEDUCTIONS, ...NA_18 })).index).toBe(9672);
  });

  it('full: an unscored sheet with 1.8 not applicable already has the 1 point of 1.8', () => {
    const t = scoreSheet(fullPolicy, (c) => (c === '1.8.1' || c === '1.8.2' ? { notApplicable: true } : undefined));
    expect(t.points).toBe(100);
    expect(t.index).toBe(100);
    expect(t.missing).toHaveLength(117);
  });

  it('ignores "not applicable" on rows where the decision does not allow it', () => {
    // 1.1.1 is not a "(nếu có)" row: its score counts and its maximum stays applicable.
    const scored = scoreSheet(fw, sheet(fw, { '1.1.1': { score: 50, notApplicable: true } }));
    expect(scored.points).toBe(9950);
    expect(scored.applicableMax).toBe(10000);
    expect(scored.index).toBe(9950);
    // Without a score it is simply missing.
    const unscored = scoreSheet(fw, sheet(fw, { '1.1.1': { notApplicable: true } }));
    expect(unscored.missing).toEqual(['1.1.1']);
    expect(unscored.applicableMax).toBe(10000);
    expect(unscored.points).toBe(9900);
    // Same in the fast path.
    const scores = fw.leaves.map((l) => (l.code === '1.1.1' ? 50 : l.max));
    const na = fw.leaves.map((l) => (l.code === '1.1.1' ? 1 : 0));
    expect(scoreLeaves(fw, scores, na)).toMatchObject({ points: 9950, applicableMax: 10000, index: 9950 });
  });

  it('ignores a score left on a row marked not applicable', () => {
    const t = scoreSheet(fw, sheet(fw, { '1.8.1': { score: 50, notApplicable: true } }));
    // 99,5 of 99,5 applicable.
    expect(t.points).toBe(9950);
    expect(t.applicableMax).toBe(9950);
    expect(t.index).toBe(10000);
  });

  it('lists unscored applicable rows in the decision order (3.2.2 before 3.2.10), not not-applicable ones', () => {
    const t = scoreSheet(
      fw,
      sheet(fw, {
        '8.5.2': { score: null },
        '3.2.10': {},
        '1.1.1': { score: undefined },
        '4.2.6': { score: null, notApplicable: false },
        '3.2.2': { score: null },
        '8.5.1': { notApplicable: true },
      }),
    );
    expect(t.missing).toEqual(['1.1.1', '3.2.2', '3.2.10', '4.2.6', '8.5.2']);
    expect(t.applicable).toBe(118);
    expect(t.scored).toBe(113);
  });

  it('scores an empty sheet as 0, everything missing, class Yếu', () => {
    const t = scoreSheet(fw, () => undefined);
    expect(t).toMatchObject({ points: 0, applicableMax: 10000, index: 0, class: 'yeu', scored: 0, applicable: 119 });
    expect(t.missing).toEqual(fw.leaves.map((l) => l.code));
  });

  it('classes by exact band boundaries of Điều 8 (90, 80, 70, 50)', () => {
    // Deduct from the leaves in order until the total is exactly `points` (no row not applicable).
    const exactly = (points: number) => {
      let left = 10000 - points;
      const o: Record<string, RowScore> = {};
      for (const leaf of fw.leaves) {
        if (left === 0) break;
        const d = Math.min(left, leaf.max);
        o[leaf.code] = { score: leaf.max - d };
        left -= d;
      }
      return scoreSheet(fw, sheet(fw, o));
    };
    const cases: [number, string][] = [
      [10000, 'xuat-sac'],
      [9000, 'xuat-sac'],
      [8999, 'tot'],
      [8000, 'tot'],
      [7999, 'kha'],
      [7000, 'kha'],
      [6999, 'trung-binh'],
      [5000, 'trung-binh'],
      [4999, 'yeu'],
      [0, 'yeu'],
    ];
    for (const [points, cls] of cases) {
      const t = exactly(points);
      expect(t.points, `${points}`).toBe(points);
      expect(t.index, `${points}`).toBe(points);
      expect(t.class, `${points}`).toBe(cls);
    }
  });

  it('classes by the index, not the raw points, when rows are not applicable', () => {
    // 99 applicable: 89,10 / 99 = 90,00 exactly → Xuất sắc although the points are below 90.
    const deduct = (h: number) => {
      // take h hundredths from the applicable leaves, in order
      let left = h;
      const o: Record<string, RowScore> = { ...NA_18 };
      for (const leaf of fw.leaves.filter((l) => !NA.includes(l.code))) {
        if (left === 0) break;
        const d = Math.min(left, leaf.max);
        o[leaf.code] = { score: leaf.max - d };
        left -= d;
      }
      return scoreSheet(fw, sheet(fw, o));
    };
    const a = deduct(990); // 99 − 9,9 = 89,10
    expect(a.points).toBe(8910);
    expect(a.index).toBe(9000);
    expect(a.class).toBe('xuat-sac');
    const b = deduct(991); // 89,09 / 99 × 100 = 89,9898… → 89,99
    expect(b.points).toBe(8909);
    expect(b.index).toBe(8999);
    expect(b.class).toBe('tot');
  });
});

describe('classOf', () => {
  it('puts each boundary index in the band that starts there', () => {
    const cases: [number, string][] = [
      [10000, 'xuat-sac'],
      [9000, 'xuat-sac'],
      [8999, 'tot'],
      [8000, 'tot'],
      [7999, 'kha'],
      [7000, 'kha'],
      [6999, 'trung-binh'],
      [5000, 'trung-binh'],
      [4999, 'yeu'],
      [0, 'yeu'],
    ];
    for (const [index, cls] of cases) expect(classOf(fw, index), `${index}`).toBe(cls);
  });
});

describe('index half-up on a small framework', () => {
  // 80 points applicable once the 20-point row 2.1 is not applicable.
  const small: FrameworkDefinition = {
    id: 'small',
    title: 'small',
    totalPoints: 100,
    notApplicablePolicy: 'rescale',
    classBands: thaiNguyen4203.classBands,
    rows: [
      { code: 'I', title: 'A', maxPoints: 80 },
      { code: '1.1', title: 'a', maxPoints: 80 },
      { code: 'II', title: 'B', maxPoints: 20 },
      { code: '2.1', title: 'b', maxPoints: 20, notApplicableAllowed: true },
    ],
  };
  const sf = buildFramework(small);
  const at = (h: number) => scoreSheet(sf, (c) => (c === '1.1' ? { score: h } : { notApplicable: true }));

  it('rounds an exact half of a hundredth up', () => {
    expect(at(7178).index).toBe(8973); // 71,78 / 80 = 89,725 → 89,73
    expect(at(7174).index).toBe(8968); // 71,74 / 80 = 89,675 → 89,68
    expect(at(7177).index).toBe(8971); // 89,7125 → 89,71
    expect(at(7179).index).toBe(8974); // 89,7375 → 89,74
  });
  it('classes 71,99 / 80 = 89,9875 → 89,99 as Tốt and 72 / 80 = 90 as Xuất sắc', () => {
    expect(at(7199)).toMatchObject({ index: 8999, class: 'tot' });
    expect(at(7200)).toMatchObject({ index: 9000, class: 'xuat-sac' });
  });
  it('agrees with scoreLeaves', () => {
    expect(scoreLeaves(sf, [7178, -1], [0, 1])).toMatchObject({ points: 7178, applicableMax: 8000, index: 8973 });
  });
});

// ---- properties ----

type Cell = { kind: 'score'; h: number } | { kind: 'none' } | { kind: 'na'; h: number };
const cellOf = (max: number): fc.Arbitrary<Cell> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max }).map((h): Cell => ({ kind: 'score', h })) },
    { weight: 1, arbitrary: fc.constant<Cell>({ kind: 'none' }) },
    // "not applicable" also on rows that don't allow it: it must be ignored there.
    { weight: 1, arbitrary: fc.integer({ min: 0, max }).map((h): Cell => ({ kind: 'na', h })) },
  );
const sheetArb = (f: Framework) => fc.tuple(...f.leaves.map((l) => cellOf(l.max)));
const permutation = (n: number) =>
  fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }).map((keys) =>
    keys
      .map((k, i) => [k, i] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, i]) => i),
  );
const rowScoreOf = (c: Cell): RowScore =>
  c.kind === 'score' ? { score: c.h } : c.kind === 'na' ? { score: c.h, notApplicable: true } : { score: null };

/** What the rules say, computed the slow and obvious way. */
function expected(f: Framework, cells: readonly Cell[], order: readonly number[]) {
  let earned = 0;
  let naMax = 0;
  for (const i of order) {
    const leaf = f.leaves[i]!;
    const c = cells[i]!;
    if (c.kind === 'na' && leaf.notApplicableAllowed) naMax += leaf.max;
    else if (c.kind !== 'none') earned += c.h;
  }
  return { earned, naMax };
}

/** h is the half-up rounding of a/b × 10000 iff (2h − 1)·b ≤ 2·a·10000 < (2h + 1)·b. */
const isHalfUpPercent = (h: number, a: number, b: number) => (2 * h - 1) * b <= 2 * a * 10000 && 2 * a * 10000 < (2 * h + 1) * b;

describe('scoring properties', () => {
  for (const f of [fw, fullPolicy]) {
    const policy = f.notApplicablePolicy;

    it(`${policy}: totals are exact integer sums whatever order the rows are given or visited in`, () => {
      fc.assert(
        fc.property(sheetArb(f), permutation(f.leaves.length), permutation(f.leaves.length), (cells, order, order2) => {
          // The same sheet built from entries inserted in two different orders.
          const m1 = new Map<string, RowScore>(order.map((i) => [f.leaves[i]!.code, rowScoreOf(cells[i]!)]));
          const m2: Record<string, RowScore> = {};
          for (const i of order2) m2[f.leaves[i]!.code] = rowScoreOf(cells[i]!);
          const a = scoreSheet(f, (c) => m1.get(c));
          const b = scoreSheet(f, (c) => m2[c]);
          expect(b).toEqual(a);
          const { earned, naMax } = expected(f, cells, order2);
          expect(a.points).toBe(policy === 'full' ? earned + naMax : earned);
          expect(a.applicableMax).toBe(policy === 'full' ? 10000 : 10000 - naMax);
          expect(Number.isInteger(a.points)).toBe(true);
          // Every parent's points are the sum of its children's, every area's the sum of its leaves'.
          for (const row of f.rows) {
            if (row.children.length === 0) continue;
            expect(a.nodes[row.code]!.points).toBe(row.children.reduce((s, ch) => s + a.nodes[ch.code]!.points, 0));
          }
          expect(f.areas.reduce((s, ar) => s + a.nodes[ar.code]!.points, 0)).toBe(a.points);
        }),
        { numRuns: 200 },
      );
    });

    it(`${policy}: scoreLeaves agrees with scoreSheet; total ≤ applicable max; index in [0, 10000], half-up`, () => {
      fc.assert(
        fc.property(sheetArb(f), (cells) => {
          const sheetTotals = scoreSheet(f, (code) => {
            const i = f.leaves.findIndex((l) => l.code === code);
            return rowScoreOf(cells[i]!);
          });
          const scores = Float64Array.from(cells, (c) => (c.kind === 'none' ? -1 : c.h));
          const na = Uint8Array.from(cells, (c) => (c.kind === 'na' ? 1 : 0));
          const leaves = scoreLeaves(f, scores, na);
          const { nodes, missing, rowPoints, rowApplicableMax, ...side } = sheetTotals;
          expect(leaves).toEqual(side);
          // The arrays are the map's numbers, row by row.
          f.rows.forEach((r, i) => {
            expect(rowPoints[i]).toBe(nodes[r.code]!.points);
            expect(rowApplicableMax[i]).toBe(nodes[r.code]!.applicableMax);
          });
          expect(missing).toHaveLength(side.applicable - side.scored);
          expect(side.points).toBeLessThanOrEqual(side.applicableMax);
          expect(side.index).toBeGreaterThanOrEqual(0);
          expect(side.index).toBeLessThanOrEqual(10000);
          expect(Number.isInteger(side.index)).toBe(true);
          if (side.applicableMax > 0) expect(isHalfUpPercent(side.index, side.points, side.applicableMax)).toBe(true);
          for (const n of Object.values(nodes)) {
            expect(n.points).toBeLessThanOrEqual(n.applicableMax);
            if (n.applicableMax > 0) expect(isHalfUpPercent(n.achievementPct, n.points, n.applicableMax)).toBe(true);
          }
          if (!cells.some((c, i) => c.kind === 'na' && f.leaves[i]!.notApplicableAllowed)) expect(side.index).toBe(side.points);
        }),
        { numRuns: 200 },
      );
    });

    it(`${policy}: a tally of many sheets is the sum of their leaf rows; areas the sum of their area rows (also for a copied sheet)`, () => {
      fc.assert(
        fc.property(fc.array(sheetArb(f), { minLength: 1, maxLength: 5 }), (sheets) => {
          const scored = sheets.map((cells) =>
            scoreSheet(f, (code) => rowScoreOf(cells[f.leaves.findIndex((l) => l.code === code)]!)),
          );
          const fast = emptyTally(f);
          for (const s of scored) tallySheet(f, s, fast);
          // A sheet made elsewhere (a copy with its rows as fields) is tallied from its rows.
          const copied = emptyTally(f);
          for (const s of scored)
            tallySheet(
              f,
              { ...s, rowPoints: s.rowPoints, rowApplicableMax: s.rowApplicableMax, nodes: s.nodes, missing: s.missing },
              copied,
            );
          const halves = [emptyTally(f), emptyTally(f)] as const;
          scored.forEach((s, k) => tallySheet(f, s, halves[k % 2]!));
          addTally(halves[0], halves[1]);
          f.leaves.forEach((leaf, i) => {
            const nodes = scored.map((s) => s.nodes[leaf.code]!);
            const want = {
              points: nodes.reduce((x, n) => x + n.points, 0),
              applicableMax: nodes.reduce((x, n) => x + n.applicableMax, 0),
              sheets: nodes.filter((n) => n.applicableMax > 0).length,
            };
            for (const t of [fast, copied, halves[0]])
              expect({ points: t.points[i], applicableMax: t.applicableMax[i], sheets: t.sheets[i] }).toEqual(want);
          });
          const areas = Object.fromEntries(
            f.areas.map((a) => {
              const points = scored.reduce((x, s) => x + s.nodes[a.code]!.points, 0);
              const max = scored.reduce((x, s) => x + s.nodes[a.code]!.applicableMax, 0);
              return [a.code, percentHundredths(points, max)];
            }),
          );
          expect(areaAchievementOf(f, fast)).toEqual(areas);
        }),
        { numRuns: 50 },
      );
    });
  }

  it('adding in hundredths does not drift the way adding points as decimals can', () => {
    // 0,1 + 0,2 in floating point is 0,30000000000000004; in hundredths it is 30.
    const f = buildFramework({
      id: 'x',
      title: 'x',
      totalPoints: 0.5,
      notApplicablePolicy: 'rescale',
      classBands: thaiNguyen4203.classBands,
      rows: [
        { code: 'I', title: 'A', maxPoints: 0.5 },
        { code: '1.1', title: 'a', maxPoints: 0.25 },
        { code: '1.2', title: 'b', maxPoints: 0.25 },
      ],
    });
    const t = scoreSheet(f, (c) => ({ score: c === '1.1' ? 10 : 20 }));
    expect(t.points).toBe(30);
    // The index is on the framework's own total (API.md, "Frameworks as data"): 0,3 of 0,5 → 0,3; in percent 60%.
    expect(t.index).toBe(30);
    expect(t.percent).toBe(6000);
  });
});

describe('rankByIndex', () => {
  it('gives standard competition ranks, high to low (1, 2, 2, 4)', () => {
    const ranked = rankByIndex([
      { id: 'c', index: 9000, name: 'Xã C' },
      { id: 'a', index: 9500, name: 'Xã A' },
      { id: 'd', index: 8000, name: 'Xã D' },
      { id: 'b', index: 9000, name: 'Xã B' },
    ]);
    expect(ranked.map((r) => [r.rank, r.entry.id])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [2, 'c'],
      [4, 'd'],
    ]);
  });

  it('lists ties by Vietnamese name order (Đ after D), then id', () => {
    const ranked = rankByIndex([
      { id: '3', index: 9000, name: 'Đồng Hỷ' },
      { id: '2', index: 9000, name: 'Dân Tiến' },
      { id: '9', index: 9000, name: 'An Khánh' },
      { id: '1', index: 9000, name: 'An Khánh' },
    ]);
    expect(ranked.map((r) => r.entry.id)).toEqual(['1', '9', '2', '3']);
    expect(ranked.every((r) => r.rank === 1)).toBe(true);
  });

  const NAMES = ['An Khánh', 'Đồng Hỷ', 'Dân Tiến', 'Úc Kỳ', 'Ủc Kỳ', 'Phú Lương'];
  const entriesOf = (index: fc.Arbitrary<number>, minLength: number) =>
    fc
      .uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 6 }), index, name: fc.constantFrom(...NAMES) }), {
        selector: (e) => e.id,
        minLength,
        maxLength: 60,
      })
      .chain((es) => fc.tuple(fc.constant(es), permutation(es.length)));
  const kinds: [string, fc.Arbitrary<number>, number][] = [
    // Real indexes: integer hundredths, a few values only so that ties are common.
    ['hundredths', fc.constantFrom(10000, 9672, 9000, 8999, 7000, 4999, 0), 0],
    // Long runs of ties (longer than the ones sorted in place).
    ['long ties', fc.constantFrom(9000, 8000), 40],
    ['any hundredths', fc.integer({ min: 0, max: 10000 }), 0],
    // Anything else a caller might pass (wide, negative, fractional) must rank by the same rule.
    ['wide or fractional', fc.oneof(fc.constantFrom(-5, 0.5, 1e9, -1e9, 2.25), fc.integer({ min: -2e9, max: 2e9 })), 0],
  ];

  for (const [kind, index, minLength] of kinds) {
    it(`does not depend on the order of its input (${kind})`, () => {
      fc.assert(
        fc.property(entriesOf(index, minLength), ([es, order]) => {
          const shuffled = order.map((i) => es[i]!);
          const a = rankByIndex(es);
          const b = rankByIndex(shuffled);
          expect(b.map((r) => [r.rank, r.entry.id])).toEqual(a.map((r) => [r.rank, r.entry.id]));
        }),
        { numRuns: 300 },
      );
    });

    it(`ranks each entry 1 + the number with a strictly higher index, listed high to low (${kind})`, () => {
      fc.assert(
        fc.property(entriesOf(index, minLength), ([es]) => {
          const ranked = rankByIndex<RankInput>(es);
          expect(ranked).toHaveLength(es.length);
          expect(new Set(ranked.map((r) => r.entry.id)).size).toBe(es.length);
          for (const r of ranked) expect(r.rank).toBe(1 + es.filter((e) => e.index > r.entry.index).length);
          for (let i = 1; i < ranked.length; i++) {
            const [p, q] = [ranked[i - 1]!.entry, ranked[i]!.entry];
            expect(q.index).toBeLessThanOrEqual(p.index);
            // Within a tie: Vietnamese name order, then id.
            if (q.index === p.index) {
              const byName = new Intl.Collator('vi').compare(p.name ?? '', q.name ?? '');
              expect(byName < 0 || (byName === 0 && p.id < q.id), `${p.name}/${p.id} before ${q.name}/${q.id}`).toBe(true);
            }
          }
        }),
        { numRuns: 300 },
      );
    });
  }

  it('ranks an empty list and a single entry', () => {
    expect(rankByIndex([])).toEqual([]);
    expect(rankByIndex([{ id: 'a', index: 5000 }])).toEqual([{ rank: 1, entry: { id: 'a', index: 5000 } }]);
  });
});
